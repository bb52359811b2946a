"""Samplers of the error-handling tasks on error types: custom error enums
(rh_custom_error) and the thiserror and anyhow patterns with std-only stand-ins
(rh_thiserror, rh_anyhow)."""

from .pools import (
    CONTEXTS,
    KEY_MSGS,
    LIMIT_MSGS,
    NUM_VARIANTS,
    RANGE_VARIANTS,
    UNIT_VARIANTS,
    WORDS,
    WRAP_VARIANTS,
    _common,
)

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
