"""Samplers of the borrow-checker tasks on lifetimes: bc_lifetime_simple and
bc_lifetime_complex."""

from share.koans.names import draw

from .pools import LIFETIMES, POOLS, SEPS, VARIANTS, WORDS, rust_str_list, rust_string_vec

# ---------------------------------------------------------------- bc_lifetime_simple

LONGEST_RULES = [  # (condition, python twin): the function returns a if the condition holds, else b
    ("{a}.len() >= {b}.len()", lambda a, b, c: len(a) >= len(b)),
    ("{a}.len() < {b}.len()", lambda a, b, c: len(a) < len(b)),
    ("{a} > {b}", lambda a, b, c: a > b),
    ("{a} <= {b}", lambda a, b, c: a <= b),
    ("{a}.starts_with('{c}')", lambda a, b, c: a.startswith(c)),
    ("{a}.contains('{c}')", lambda a, b, c: c in a),
    ("!{a}.ends_with('{c}')", lambda a, b, c: not a.endswith(c)),
]


def sample_lifetime_simple(rng):
    p = draw(rng, POOLS, texts=["a", "b", "field", "joined", "key"], nums=["num", "x", "n"], lists=["var"],
             misc=["item", "elem"], funcs=["func"], types=["Type"])
    lt = rng.choice(LIFETIMES)
    w1, w2, w3, w4 = rng.sample(WORDS, 4)
    rule, check = rng.choice(LONGEST_RULES)
    ch = rng.choice(sorted(set(w1 + w2 + w3)))
    cond = rule.format(a=p["a"], b=p["b"], c=ch)
    sep = rng.choice([" ", "-", ", ", "+", "/", "::", ""])
    upper = rng.random() < 0.5
    joined = sep.join([w1, w2, w3])
    words = rng.sample(WORDS, rng.randint(3, 6))
    min_len = rng.randint(3, 6)
    prefix = rng.choice(words)[:2]
    found = next(w for w in words if w.startswith(prefix))
    v1, v2 = rng.choice(VARIANTS)
    num_value = rng.randint(0, 50)
    int_value = rng.randint(-999, 999)
    p.update(lt=lt, w1=w1, w2=w2, w3=w3, w4=w4, cond=cond,
             pick12=w1 if check(w1, w2, ch) else w2, pick21=w2 if check(w2, w1, ch) else w1,
             ch=ch, num_value=num_value, count_plus=w3.count(ch) + num_value, sep=sep, upper=upper,
             joined_value=joined.upper() if upper else joined, hi=rng.randint(2, 20),
             words_list=rust_str_list(words), words_vec=rust_string_vec(words), min_len=min_len,
             long_words=rust_str_list([w for w in words if len(w) > min_len]), prefix=prefix, found=found,
             v1=v1, v2=v2, int_text=str(int_value), int_value=int_value)
    return p


# ---------------------------------------------------------------- bc_lifetime_complex

CHECKS = [("is_empty()", lambda s: s == ""), ("len() > 5", lambda s: len(s) > 5),
          ("contains('e')", lambda s: "e" in s), ("starts_with('a')", lambda s: s.startswith("a")),
          ("len() < 6", lambda s: len(s) < 6), ("ends_with('r')", lambda s: s.endswith("r"))]
CHAINS = {  # name -> (adaptor, python twin); {e} is the closure parameter, {k} the captured limit
    "filter_gt": ("filter(move |{e}| *{e} > {k})", lambda v, k: [x for x in v if x > k]),
    "filter_lt": ("filter(move |{e}| *{e} < {k})", lambda v, k: [x for x in v if x < k]),
    "map_mul": ("map(move |{e}| {e} * {k})", lambda v, k: [x * k for x in v]),
    "map_add": ("map(move |{e}| {e} + {k})", lambda v, k: [x + k for x in v]),
    "skip_while": ("skip_while(move |{e}| *{e} != {k})", None),
}


def sample_lifetime_complex(rng):
    p = draw(rng, POOLS, lists=["var"], misc=["head", "rest", "elem", "result", "l", "r"],
             nums=["limit", "num", "n"], texts=["field", "a", "b", "f1", "f2", "line", "fallback"],
             funcs=["func", "method", "pick"], types=["Type"])
    lt = rng.choice(LIFETIMES)
    values = [rng.randint(-20, 60) for _ in range(rng.randint(4, 8))]
    take = rng.randint(1, len(values) - 1)
    op = rng.choice(sorted(CHAINS))
    chain, twin = CHAINS[op]
    if twin is None:  # skip_while: the limit is one of the values
        limit = rng.choice(values)
        expected = values[values.index(limit):]
    else:
        limit = rng.randint(0, 40)
        expected = twin(values, limit)
    sep = rng.choice(SEPS)
    disp_sep = rng.choice(["#", "@", ":", "/", "x", "-", " = "])
    w1, w2 = rng.sample(WORDS, 2)
    own, arg, inner, outer, lone, fb_word = (rng.choice(WORDS) for _ in range(6))
    check, pyc = rng.choice(CHECKS)
    num_value = rng.randint(0, 999)
    p.update(lt=lt, values=values, take=take, head_values=values[:take], rest_values=values[take:],
             limit_value=limit, chain=chain.format(e=p["elem"], k=p["limit"]), expected=expected, sep=sep,
             disp_sep=disp_sep, w1=w1, w2=w2, num_value=num_value, shown=f"{w1}{disp_sep}{num_value}", check=check,
             own=own, arg=arg, chosen=arg if pyc(own) else own, empty_chosen=arg if pyc("") else "",
             inner=inner, outer=outer, longer_len=max(len(outer), len(inner)),
             pair_line=f"{w1}{sep}{w2}", lone=lone, fb_word=fb_word)
    return p
