"""Samplers of the error-handling family: one per task, drawing identifiers from pools
that are disjoint from each other and from the fixed identifiers the templates use (`s`,
`e`, `f`, `i`, `k`, `tests`...), and computing the concrete values the hidden tests
expect. Only the `random.Random` passed in is used: the same seed gives the same koans.
"""

from share.koans.names import Names, disjoint

# --- identifier pools (pairwise disjoint) -------------------------------------------

FUNCS = ["compute", "evaluate", "summarize", "measure", "tally", "digest", "assess", "process",
         "resolve", "inspect", "analyze", "extract", "derive", "gauge", "examine", "reckon",
         "estimate", "appraise", "scan", "survey"]
HELPERS = ["read_one", "parse_one", "decode", "interpret", "convert", "load_value", "fetch_one",
           "check_one", "validate", "normalize"]
LISTS = ["items", "values", "scores", "readings", "samples", "counts", "prices", "weights",
         "entries", "records", "levels", "ratings", "amounts", "sizes", "points", "marks",
         "ticks", "loads", "steps", "cells"]
SCALARS = ["amount", "level", "size", "width", "height", "depth", "speed", "weight", "price",
           "score", "quantity", "volume", "rank", "budget", "limit_value", "capacity"]
TEXTS = ["line", "text", "input", "raw", "payload", "field", "token", "cell_text", "entry_text",
         "chunk", "record_text", "row"]
LOCALS = ["parsed", "number", "value", "current", "found", "result_value", "first_value",
          "amount_found", "outcome", "picked", "chosen", "candidate"]
BINDS = ["num", "val", "got", "hit", "elem", "part", "piece", "unit_value", "item_value", "qty"]
ACCS = ["sum", "acc", "running", "grand", "subtotal", "collected"]
PAIRS = [("top", "bottom"), ("high", "low"), ("peak", "floor"), ("upper", "lower"),
         ("largest", "smallest"), ("biggest", "tiniest"), ("most", "least"), ("ceiling", "base")]
TYPES = ["Config", "Order", "Sensor", "Ticket", "Account", "Parcel", "Invoice", "Reading",
         "Profile", "Session", "Device", "Package", "Report", "Station", "Voucher", "Channel"]
ERR_TYPES = ["ParseError", "ConfigError", "InputError", "ValidationError", "LoadError",
             "FormatError", "RequestError", "CommandError", "EntryError", "RecordError"]
FIELDS = ["name", "label", "title", "owner", "code", "kind", "region", "tag"]
NUM_FIELDS = ["units", "retries", "port", "slots", "copies", "seats", "pages", "floors"]
GETTERS = ["summary", "describe", "render", "display_line", "as_text", "caption"]
MEANS = ["mean", "average", "mean_value", "avg", "typical"]
WORDS = ["apple", "river", "stone", "cloud", "maple", "tiger", "amber", "cedar", "delta",
         "ember", "frost", "grove", "harbor", "ivory", "jade", "lotus", "meadow", "nectar",
         "opal", "pine", "quartz", "raven", "sable", "thistle"]
WHATS = ["widget", "sensor", "order", "ticket", "player", "account", "parcel", "device",
         "station", "voucher", "job", "task"]
SEPS = [":", "=", ";", "|", "/", ","]
disjoint(funcs=FUNCS, helpers=HELPERS, lists=LISTS, scalars=SCALARS, texts=TEXTS, locals=LOCALS, binds=BINDS,
         accs=ACCS, pairs=[n for pair in PAIRS for n in pair], types=TYPES, err_types=ERR_TYPES, fields=FIELDS,
         num_fields=NUM_FIELDS, getters=GETTERS, whats=WHATS)

UNIT_VARIANTS = ["Empty", "Missing", "Blank", "Absent", "NoInput"]
NUM_VARIANTS = ["TooLong", "TooLarge", "OutOfRange", "Overflow", "AboveLimit"]
CHAR_VARIANTS = ["BadChar", "Unexpected", "Forbidden", "Stray", "IllegalChar"]
WRAP_VARIANTS = ["Parse", "Number", "Syntax", "Decode", "BadValue", "Format"]
RANGE_VARIANTS = ["Range", "Convert", "Narrow", "Fit", "Width"]

MESSAGES = ["division by zero", "cannot divide by zero", "divisor is zero", "zero divisor",
            "the divisor must not be zero"]
LIMIT_MSGS = ["value too large", "above the limit", "too big", "exceeds the maximum",
              "over the allowed limit"]
EMPTY_MSGS = ["no values", "empty input", "nothing to pick", "the list is empty", "no data"]
KEY_MSGS = ["unknown key", "missing entry", "no such setting", "key not found", "not configured"]
CONTEXTS = ["reading the width", "parsing the port", "loading the count", "reading the timeout",
            "parsing the retry limit", "loading the page size", "reading the threshold"]
ERR_TEXTS = ["invalid", "empty", "too long", "must be positive", "not allowed", "missing value"]

# The std error types the thiserror/anyhow stand-ins wrap: what parses them, a good input
# with its Rust literal, and a bad input with the message std's Display gives.
INNER_KINDS = [
    {"ty": "std::num::ParseIntError", "parse": "i64", "kind": "int"},
    {"ty": "std::num::ParseFloatError", "parse": "f64", "kind": "float"},
    {"ty": "std::str::ParseBoolError", "parse": "bool", "kind": "bool"},
    {"ty": "std::char::ParseCharError", "parse": "char", "kind": "char"},
]
FLOATS = ["2.5", "0.75", "10.25", "3.5", "1.125", "6.5", "12.75", "0.5", "7.25", "4.0"]


def _inner(rng):
    kind = dict(rng.choice(INNER_KINDS))
    if kind["kind"] == "int":
        n = rng.randint(-500, 500)
        kind.update(good=str(n), lit=str(n), bad=rng.choice(["4x2", "12a", "x", "1.5", "--3"]),
                    bad_msg="invalid digit found in string")
    elif kind["kind"] == "float":
        v = rng.choice(FLOATS)
        kind.update(good=v, lit=v, bad=rng.choice(["abc", "1.2.3", "x5", "one"]), bad_msg="invalid float literal")
    elif kind["kind"] == "bool":
        v = rng.choice(["true", "false"])
        kind.update(good=v, lit=v, bad=rng.choice(["yes", "no", "True", "1", "on"]),
                    bad_msg="provided string was not `true` or `false`")
    else:
        c = rng.choice("abcdefghkmnpqrstuvwxyz")
        kind.update(good=c, lit=f"'{c}'", bad=rng.choice(["ab", "xyz", "no", "ok"]),
                    bad_msg="too many characters in string")
    return kind


def rust_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _common(rng):
    """Identifiers every sampler draws: distinct within one koan (the pools are disjoint)."""
    nm = Names(rng)
    p = {"func": nm.one(FUNCS), "helper": nm.one(HELPERS)}
    p["lst"], p["other_lst"] = nm.some(LISTS, 2)
    p["scalar"], p["scalar2"] = nm.some(SCALARS, 2)
    p["text"], p["text2"] = nm.some(TEXTS, 2)
    p["local"], p["local2"] = nm.some(LOCALS, 2)
    p["bind"], p["bind2"] = nm.some(BINDS, 2)
    p["hi"], p["lo"] = rng.choice(PAIRS)
    p.update(ty=nm.one(TYPES), err=nm.one(ERR_TYPES), field=nm.one(FIELDS), num_field=nm.one(NUM_FIELDS),
             acc=nm.one(ACCS), getter=nm.one(GETTERS), what=nm.one(WHATS), sep=rng.choice(SEPS))
    return p


# --- samplers -----------------------------------------------------------------------

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


def sample_custom_error(rng):
    p = _common(rng)
    unit, big = rng.choice(UNIT_VARIANTS), rng.choice(NUM_VARIANTS)
    limit = rng.randint(10, 500)
    words = rng.sample(WORDS, rng.randint(2, 5))
    idx = rng.randrange(len(words))
    absent = rng.choice([w for w in WORDS if w not in words])
    derives = rng.choice([[], ["Clone"], ["Clone", "PartialEq"], ["PartialEq"]])
    lines = [rng.randint(0, 99) for _ in range(rng.randint(2, 4))]
    bad_line = rng.randrange(len(lines) + 1)
    bad_lines = [str(v) for v in lines]
    bad_lines.insert(bad_line, rng.choice(["x", "4o", "-", "??"]))
    p.update(unit=unit, big=big, limit=limit, small=rng.randint(1, limit), over=limit + rng.randint(1, 50),
             m_unit=rng.choice(["nothing given", "the value is zero", "no value"]),
             m_big=rng.choice(["too large:", "over the limit:", "value exceeds maximum:"]),
             m_missing=rng.choice(["unknown", "not found", "no such entry"]),
             words=words, idx=idx, present=words[idx], absent=absent,
             derive_broken=derives, derive_fixed=sorted(derives + ["Debug"]),
             lines=lines, lines_sum=sum(lines), bad_lines=bad_lines, bad_line=bad_line + 1,
             m_line=rng.choice(["bad number on line", "cannot read line", "not a number at line"]))
    return p


def sample_thiserror(rng):
    p = _common(rng)
    inner = _inner(rng)
    wrap, missing = rng.choice(WRAP_VARIANTS), rng.choice(UNIT_VARIANTS)
    rangev = rng.choice(RANGE_VARIANTS)
    prefix = rng.choice(["invalid value", "bad input", "cannot parse", "parse failure", "unreadable entry"])
    big = rng.randint(256, 5000)
    small = rng.randint(0, 255)
    p.update(inner=inner, wrap=wrap, missing=missing, rangev=rangev, prefix=prefix,
             m_missing=rng.choice(["nothing given", "empty input", "no value"]),
             m_range=rng.choice(["out of range", "does not fit", "too wide"]),
             big=big, small=small, bad_int=rng.choice(["4x2", "x", "12a"]))
    return p


def sample_anyhow(rng):
    p = _common(rng)
    ctx = rng.choice(CONTEXTS)
    good = rng.randint(1, 900)
    words = rng.sample(WORDS, rng.randint(2, 4))
    conf = {w: rng.randint(1, 99) for w in words}
    key = rng.choice(words)
    absent = rng.choice([w for w in WORDS if w not in words])
    limit = rng.randint(10, 300)
    nums = [rng.randint(1, 99) for _ in range(rng.randint(2, 4))]
    bad_at = rng.randrange(len(nums))
    bad_nums = [str(n) for n in nums]
    bad_nums[bad_at] = rng.choice(["x", "4o", "?", "-"])
    p.update(ctx=ctx, good=good, bad=rng.choice(["x", "4o", "12a", "ten"]), conf_items=list(conf.items()),
             key_val=key, key_num=conf[key], absent=absent, key_msg=rng.choice(KEY_MSGS), limit=limit,
             small=rng.randint(0, limit), over=limit + rng.randint(1, 99), neg=-rng.randint(1, 99),
             neg_msg=rng.choice(["must not be negative", "negative value", "below zero"]),
             over_msg=rng.choice(LIMIT_MSGS), nums=nums, nums_sum=sum(nums), bad_nums=bad_nums, bad_at=bad_at + 1,
             k=rng.randint(2, 9))
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
