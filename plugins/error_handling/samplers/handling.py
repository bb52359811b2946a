"""Samplers of the error-handling tasks on handling Option and Result: rh_option,
rh_result, rh_question, rh_match, rh_combinators, rh_unwrap_expect and rh_early_return."""

from .pools import (
    CHAR_VARIANTS,
    EMPTY_MSGS,
    ERR_TEXTS,
    KEY_MSGS,
    LIMIT_MSGS,
    MEANS,
    MESSAGES,
    NUM_VARIANTS,
    UNIT_VARIANTS,
    WORDS,
    _common,
)


def sample_option(rng):
    p = _common(rng)
    vals = rng.sample(range(-60, 100), rng.randint(3, 6))
    words = rng.sample(WORDS, rng.randint(3, 5))
    stock = {w: rng.randint(1, 90) for w in words}
    absent = rng.choice([w for w in WORDS if w not in words])
    target_idx = rng.randrange(len(words))
    which = rng.choice(["first", "last"])
    # (Option has a private `len`, so `.len()` on it gives E0624, not E0599: avoid it.)
    method = rng.choice([("trim().len()", "s.trim().len()"), ("chars().count()", "s.chars().count()")])
    nickname = rng.choice(WORDS)
    p.update(vals=vals, spread=max(vals) - min(vals), words=words, stock=stock,
             stock_items=list(stock.items()), absent=absent, present=words[target_idx],
             present_count=stock[words[target_idx]], target_idx=target_idx,
             default=rng.choice([0, 1, 10, 100]), which=which, method=method[0], method_on_s=method[1],
             pick=words[0] if which == "first" else words[-1], nickname=nickname,
             person=rng.choice(WORDS).capitalize())
    return p


def sample_result(rng):
    p = _common(rng)
    a, b = rng.randint(10, 500), rng.randint(1, 20)
    op = rng.choice(["/", "%"])
    nums = [rng.randint(-99, 999) for _ in range(rng.randint(2, 5))]
    bad_at = rng.randrange(len(nums))
    limit = rng.randint(10, 200)
    x, y = rng.randint(0, 900), rng.randint(0, 900)
    good_name = rng.choice(WORDS)
    p.update(a_val=a, b_val=b, op=op, quotient=a // b if op == "/" else a % b, msg=rng.choice(MESSAGES),
             limit_msg=rng.choice(LIMIT_MSGS), limit=limit, small=rng.randint(1, limit),
             nums=nums, bad_nums=[str(n) if i != bad_at else rng.choice(["x", "1o", "", "3.5"]) for i, n in enumerate(nums)],
             x=x, y=y, bad=rng.choice(["x", "abc", "-1", "1e3", ""]), good_name=good_name)
    return p


def sample_question(rng):
    p = _common(rng)
    words = rng.sample(WORDS, rng.randint(2, 4))
    prices = {w: rng.randint(1, 50) for w in words}
    key = rng.choice(words)
    absent = rng.choice([w for w in WORDS if w not in words])
    nums = [rng.randint(0, 300) for _ in range(rng.randint(2, 5))]
    sep = rng.choice([",", ";", "|", "+", " "])
    k = rng.randint(2, 9)
    raw = rng.randint(-400, 400)
    which = rng.choice(["first", "last"])
    p.update(price_items=list(prices.items()), price_total=sum(prices.values()), key_val=key, price=prices[key], qty=rng.randint(1, 20),
             absent=absent, nums=nums, joined=sep.join(str(n) for n in nums), sep=sep, total=sum(nums),
             bad_joined=sep.join(str(n) for n in nums[:-1]) + sep + rng.choice(["x", "4o", "?"]),
             k=k, raw=raw, scaled=raw * k, which=which, first_num=nums[0] if which == "first" else nums[-1],
             unit_msg=rng.choice(KEY_MSGS))
    return p


def sample_match(rng):
    p = _common(rng)
    k, default = rng.randint(2, 12), rng.randint(0, 50)
    level = rng.randint(1, 40)
    a, b = rng.randint(-50, 50), rng.randint(-50, 50)
    combine = rng.choice([("+", lambda x, y: x + y), ("*", lambda x, y: x * y), ("-", lambda x, y: x - y)])
    unit, num, ch = rng.choice(UNIT_VARIANTS), rng.choice(NUM_VARIANTS), rng.choice(CHAR_VARIANTS)
    m_unit = rng.choice(["nothing given", "no input", "blank value"])
    m_num, num_val = rng.choice(["too long by", "over by", "length"]), rng.randint(1, 99)
    m_ch, ch_val = rng.choice(["bad character", "unexpected", "forbidden"]), rng.choice("abcxyz#@!")
    arms = [
        {"variant": unit, "pattern": unit, "expr": f'"{m_unit}".to_string()', "ctor": unit,
         "expected": f'"{m_unit}"', "doc": f'{unit}: "{m_unit}"'},
        {"variant": f"{num}(usize)", "pattern": f"{num}(n)", "expr": f'format!("{m_num} {{}}", n)',
         "ctor": f"{num}({num_val})", "expected": f'"{m_num} {num_val}"', "doc": f'{num}(n): "{m_num} N"'},
        {"variant": f"{ch}(char)", "pattern": f"{ch}(c)", "expr": f'format!("{m_ch} {{:?}}", c)',
         "ctor": f"{ch}('{ch_val}')", "expected": f'"{m_ch} \'{ch_val}\'"', "doc": f"{ch}(c): \"{m_ch} 'C'\" (c as {{:?}})"},
    ]
    rng.shuffle(arms)
    missing = rng.randrange(3)
    shift = rng.randint(1, 9)
    p.update(k=k, default=default, level=level, a_val=a, b_val=b, comb_op=combine[0],
             comb=combine[1](a, b), arms=arms, missing=missing, shift=shift,
             w1=rng.choice(["found", "value", "got"]), w2=rng.choice(["nothing yet", "no value", "empty"]),
             w3=rng.choice(["failed", "error", "lookup failed"]), err_text=rng.choice(ERR_TEXTS),
             guard=rng.random() < 0.5, cap=rng.randint(5, 30), raw=rng.randint(-999, 999),
             bad=rng.choice(["x", "1.5", "", "ten"]))
    return p


PREDICATES = [
    ("{n} % {k} == 0", "is a multiple of {k}", lambda v, k: v % k == 0),
    ("{n}.abs() > {k}", "is further than {k} from zero", lambda v, k: abs(v) > k),
    ("{n}.is_positive()", "is positive", lambda v, k: v > 0),
    ("{n}.rem_euclid({k}) == 1", "leaves 1 when divided by {k}", lambda v, k: v % k == 1),
]


def sample_combinators(rng):
    p = _common(rng)
    k = rng.randint(2, 9)
    pred = rng.choice(PREDICATES)
    pool = list(range(-40, 41))
    keep = rng.choice([v for v in pool if pred[2](v, k)])
    drop = rng.choice([v for v in pool if not pred[2](v, k)])
    nums = [rng.randint(0, 500) for _ in range(rng.randint(2, 5))]
    which = rng.choice(["max", "min", "last"])
    pick = {"max": max, "min": min, "last": lambda v: v[-1]}[which](nums)
    ints = [rng.randint(-80, 80) for _ in range(rng.randint(2, 5))]
    end = rng.choice(["first", "last"])
    num_ty, good, overflow = rng.choice([("u8", rng.randint(0, 255), "256"), ("u16", rng.randint(0, 65535), "70000"),
                                         ("i16", rng.randint(-999, 999), "40000"), ("u32", rng.randint(0, 99999), "5000000000")])
    lo = rng.randint(-20, 10)
    hi = lo + rng.randint(5, 60)
    inside = rng.randint(lo, hi)
    outside = hi + rng.randint(1, 30)
    p.update(k=k, pred=pred[0].format(n=p["bind"], k=k), pred_desc=pred[1].format(k=k), keep=keep, drop=drop,
             nums=nums, which=which, pick=pick, empty_msg=rng.choice(EMPTY_MSGS), ints=ints, end=end,
             end_val=ints[0] if end == "first" else ints[-1], default=rng.choice([0, -1, 1, 99]),
             num_ty=num_ty, good=good, overflow=overflow, value=rng.randint(0, 999), lo=lo, hi=hi,
             inside=inside, outside=outside, bad=rng.choice(["x", "4o", "1.5", "ten"]))
    return p


def sample_unwrap_expect(rng):
    p = _common(rng)
    nums = [rng.randint(-50, 200) for _ in range(rng.randint(2, 5))]
    junk = rng.sample(["x", "n/a", "4o", "?", "--", "ten"], rng.randint(1, 2))
    tokens = [str(n) for n in nums] + junk
    rng.shuffle(tokens)
    words = rng.sample(WORDS, rng.randint(2, 4))
    stock = {w: rng.randint(1, 80) for w in words}
    key = rng.choice(words)
    absent = rng.choice([w for w in WORDS if w not in words])
    phrase_words = rng.sample(WORDS, rng.randint(2, 4))
    gaps = [rng.choice([" ", "  ", "   "]) for _ in phrase_words]
    phrase = " " + "".join(w + g for w, g in zip(phrase_words, gaps)) if rng.random() < 0.5 else \
        "".join(w + g for w, g in zip(phrase_words, gaps))
    p.update(tokens=tokens, tokens_sum=sum(nums), nums=nums, stock_items=list(stock.items()), key_val=key,
             key_num=stock[key], absent=absent, default=rng.choice([0, 1, 5]),
             expect_msg=rng.choice(["{} must be listed", "missing {}", "no {} given", "{} is required",
                                    "the {} entry is mandatory"]).format(p["scalar"]),
             good=rng.randint(0, 999), bad=rng.choice(["x", "4o", "", "-1"]), k=rng.randint(2, 9),
             max_val=max(nums), phrase=phrase, initials="".join(w[0] for w in phrase_words))
    return p


def sample_early_return(rng):
    p = _common(rng)
    a, b = rng.randint(10, 500), rng.randint(1, 20)
    nums = [rng.randint(0, 99) for _ in range(rng.randint(2, 5))]
    neg_nums = list(nums)
    neg_at = rng.randrange(len(nums))
    neg_nums[neg_at] = -rng.randint(1, 50)
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(2, 6)))
    bad_digits = digits[:1] + rng.choice("abxz-") + digits[1:]
    vals = [rng.randint(1, 100) for _ in range(rng.randint(2, 5))]
    p.update(a_val=a, b_val=b, quotient=a // b, msg=rng.choice(MESSAGES), default=rng.choice([0, -1, 1]),
             opt_val=rng.randint(-99, 99), k=rng.randint(2, 9), nums=nums, nums_sum=sum(nums),
             neg_nums=neg_nums, neg_val=neg_nums[neg_at], digits=digits, digits_sum=sum(int(c) for c in digits),
             bad_digits=bad_digits, good=rng.randint(0, 999), bad=rng.choice(["x", "4o", "", "ten"]),
             vals=vals, avg=sum(vals) / len(vals), mean_fn=rng.choice(MEANS))
    return p
