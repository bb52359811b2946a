"""Samplers of the advanced tasks close to the machine: unsafe code (adv_unsafe), SIMD
(adv_simd), FFI (adv_ffi) and Pin (adv_pin)."""

from share.koans.names import draw

from .pools import POOLS, WORDS

# ---------------------------------------------------------------- adv_unsafe

PTRS = ["ptr", "base", "raw_ptr", "start_ptr", "head_ptr", "p0", "src_ptr", "cur"]
UNCHECKED = ["read_unchecked", "peek_unchecked", "fetch_unchecked", "load_at", "grab_unchecked", "at_unchecked"]
UNSAFE_TRAITS = ["Stable", "Pure", "Deterministic", "TrustedHash", "FixedValue", "Canonical"]
TRAIT_METHODS = ["checksum", "as_word", "raw_bits", "packed", "fingerprint", "digest_u64"]


def _apply(op, a, b):
    return {"+": a + b, "-": a - b, "^": a ^ b, "*": a * b}[op]


def sample_unsafe(rng):
    p = draw(rng, POOLS, types=["T"], nums=["f2"], funcs=["func"], locals=["list", "bytes", "part"],
             scalars=["acc", "item", "delta", "left", "right"], texts=["txt"])
    p.update(ptr=rng.choice(PTRS), getter=rng.choice(UNCHECKED), Trait=rng.choice(UNSAFE_TRAITS),
             tm=rng.choice(TRAIT_METHODS))
    nums = [rng.randint(-20, 99) for _ in range(rng.randint(1, 6))]
    op, start, k = rng.choice(["+", "-", "^"]), rng.randint(0, 50), rng.randint(2, 9)
    folded = start
    for v in nums:
        folded = _apply(op, folded, v)
    stride = rng.randint(1, 3)
    unsigned = [abs(v) for v in nums]
    text = "".join(rng.sample(WORDS, 2))
    s0 = rng.randrange(len(text) - 1)
    ln = rng.randint(1, len(text) - s0)
    wop = rng.choice(["+", "-", "*"])
    mid = rng.randint(0, len(nums))
    p.update(op=op, start=start, k=k, nums=nums, folded=folded, stride=stride,
             strided_sum=sum(unsigned[::stride]), text=text, s0=s0, ln=ln, window=text[s0:s0 + ln],
             too_long=len(text) - s0 + 1, bad=rng.randrange(2), n1=rng.randint(1, 500), wop=wop,
             updated=[_apply(wop, v, k) for v in nums], mid=mid,
             split_result=[_apply(wop, v, k) for v in nums[:mid]] + nums[mid:][::-1])
    return p


# ---------------------------------------------------------------- adv_simd

LANE_TERMS = [("X", "", lambda v: v), ("X * X", ".map(|v| v * v)", lambda v: v * v),
              ("X.abs()", ".map(|v| v.abs())", abs), ("X * 2.0", ".map(|v| v * 2.0)", lambda v: v * 2)]
WRONG_CHUNKS = ["8", "2", "3", "LANES * 2", "LANES / 2", "LANES + 1"]
WIDE_NARROW = [("i64", "i32"), ("u64", "u32"), ("f64", "f32"), ("i32", "i16"), ("u32", "u16"), ("i64", "i16")]
INTRINSICS = [("_mm_add_ps", "a[i] + b[i]", lambda x, y: x + y), ("_mm_sub_ps", "a[i] - b[i]", lambda x, y: x - y),
              ("_mm_mul_ps", "a[i] * b[i]", lambda x, y: x * y), ("_mm_min_ps", "a[i].min(b[i])", min),
              ("_mm_max_ps", "a[i].max(b[i])", max)]
VECTOR_VARS = ["vsum", "combined", "packed", "vres", "vout", "mixed"]


def _f(v):
    return f"{float(v)}"


def sample_simd(rng):
    p = draw(rng, POOLS, funcs=["func"], locals=["list", "chunks", "xs", "ys"],
             scalars=["acc", "chunk", "tail", "item", "a", "b"])
    term, rest_map, fn = rng.choice(LANE_TERMS)
    while True:  # the leftover elements must change the result, or forgetting them would go unnoticed
        vals = [rng.randint(-9, 9) for _ in range(rng.choice([1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15]))]
        if sum(fn(v) for v in vals[len(vals) // 4 * 4:]) != 0:
            break
    vals4 = [rng.randint(-9, 9) for _ in range(rng.choice([4, 8]))]
    p.update(term=term, rest_map=rest_map, floats=[_f(v) for v in vals], expect=_f(sum(fn(v) for v in vals)),
             floats4=[_f(v) for v in vals4], expect4=_f(sum(fn(v) for v in vals4)))
    # chunk_size
    ints = [rng.randint(-50, 50) for _ in range(rng.choice([8, 12, 16]))]
    op = rng.choice(["+", "-", "^"])
    lanes = [0, 0, 0, 0]
    for i, v in enumerate(ints):
        lanes[i % 4] = {"+": lanes[i % 4] + v, "-": lanes[i % 4] - v, "^": lanes[i % 4] ^ v}[op]
    p.update(wrong=rng.choice(WRONG_CHUNKS), ints=ints, op=op, lane_result=lanes)
    # lane_type
    wide, narrow = rng.choice(WIDE_NARROW)
    raw = [rng.randint(0, 900) for _ in range(rng.randint(1, 11))]
    if wide.startswith("f"):
        wides, wides_sum = [_f(v) for v in raw], _f(sum(raw))
    else:
        wides, wides_sum = [str(v) for v in raw], str(sum(raw))
    p.update(wide=wide, narrow=narrow, wides=wides, wides_sum=wides_sum)
    # intrinsics
    intr, scalar, fn2 = rng.choice(INTRINSICS)
    xa, xb = [rng.randint(-9, 9) for _ in range(4)], [rng.randint(-9, 9) for _ in range(4)]
    p.update(intr=intr, scalar=scalar, v=rng.choice(VECTOR_VARS), fa4=[_f(v) for v in xa], fb4=[_f(v) for v in xb],
             fout=[_f(fn2(x, y)) for x, y in zip(xa, xb)])
    # lane_identity
    ext = rng.choice(["max", "min"])
    same = [rng.randint(1, 99) * (-1 if ext == "max" else 1) for _ in range(rng.randint(1, 11))]
    p.update(ext=ext, identity="i32::MIN" if ext == "max" else "i32::MAX", same_sign=same,
             same_sign_ext=max(same) if ext == "max" else min(same))
    # eval_dot_remainder
    while True:
        n = rng.choice([1, 2, 3, 5, 6, 7, 9, 10, 11, 13])
        da, db = [rng.randint(-9, 9) for _ in range(n)], [rng.randint(-9, 9) for _ in range(n)]
        if sum(x * y for x, y in list(zip(da, db))[n // 4 * 4:]) != 0:
            break
    p.update(fa=[_f(v) for v in da], fb=[_f(v) for v in db], dot=_f(sum(x * y for x, y in zip(da, db))))
    return p


# ---------------------------------------------------------------- adv_ffi

C_PREFIXES = ["c_", "ffi_", "lib_", "ext_", "native_", "capi_"]
C_BASES = {
    "cfn_math": ["combine", "mix", "blend", "merge_ints", "join_ints"],
    "cfn_count": ["count_class", "count_chars", "tally_chars", "classify", "census"],
    "cfn_len": ["str_len", "byte_len", "text_len", "strlen_like", "measure"],
    "cfn_apply": ["apply_n", "iterate", "repeat_cb", "call_n", "run_cb"],
    "cfn_reduce": ["reduce", "fold_buf", "scan_buf", "aggregate", "crunch_buf"],
    "cfn_stats": ["stats", "min_max", "summarize_buf", "bounds_of", "extent"],
}
SYS_MODS = ["sys", "ffi", "clib", "native", "bindings", "raw"]
OWNEDS = ["c_text", "owned", "c_string", "nul_terminated", "c_arg"]
CALLBACKS = ["step", "bump_c", "on_value", "transform_c", "next_value", "callback"]
CHAR_CLASSES = {"alphabetic": str.isalpha, "uppercase": str.isupper, "lowercase": str.islower,
                "digit": str.isdigit, "punctuation": lambda c: c in "-!?.,:;#"}
REDUCERS = [("sum()", sum), ("copied().max().unwrap_or(0)", lambda v: max(v, default=0)),
            ("copied().min().unwrap_or(0)", lambda v: min(v, default=0)), ("fold(0, |a, b| a ^ b)", None)]
STATS = ["Stats", "Summary", "Extent", "Bounds", "MinMax", "Spread"]
LO_HI = [("lo", "hi"), ("min", "max"), ("low", "high"), ("least", "most"), ("floor", "ceil")]


def sample_ffi(rng):
    p = draw(rng, POOLS, funcs=["func"], locals=["list", "part"], scalars=["x", "y", "n", "acc", "v"], texts=["txt"])
    prefix = rng.choice(C_PREFIXES)
    for key, bases in C_BASES.items():
        p[key] = prefix + rng.choice(bases)
    op, n1, n2 = rng.choice(["+", "-", "*"]), rng.randint(-50, 50), rng.randint(-50, 50)
    p.update(sys=rng.choice(SYS_MODS), owned=rng.choice(OWNEDS), cb_name=rng.choice(CALLBACKS), op=op, n1=n1, n2=n2,
             combined={"+": n1 + n2, "-": n1 - n2, "*": n1 * n2}[op])
    cls = rng.choice(list(CHAR_CLASSES))
    w1, w2 = rng.sample(WORDS, 2)
    mixed = w1.capitalize() + str(rng.randint(0, 999)) + rng.choice("-!?.,:;#") + w2.upper()[:rng.randint(1, 4)]
    p.update(cls=cls, mixed=mixed, mixed_count=sum(1 for c in mixed if CHAR_CLASSES[cls](c)),
             words=rng.sample(WORDS, rng.randint(1, 4)))
    k, times = rng.randint(1, 3) if op == "*" else rng.randint(1, 9), rng.randint(0, 4)
    applied = n1
    for _ in range(times):
        applied = {"+": applied + k, "-": applied - k, "*": applied * k}[op]
    p.update(k=k, times=times, applied=applied)
    code, fn = rng.choice(REDUCERS)
    unums = [rng.randint(0, 500) for _ in range(rng.randint(0, 6))]
    if fn is None:
        reduced = 0
        for v in unums:
            reduced ^= v
    else:
        reduced = fn(unums)
    lo, hi = rng.choice(LO_HI)
    p.update(elem=rng.choice(["i32", "u32", "i64", "u64"]), reduce=code, unums=unums, reduced=reduced,
             Stats=rng.choice(STATS), lo=lo, hi=hi, signed=[rng.randint(-99, 99) for _ in range(rng.randint(1, 6))])
    return p


# ---------------------------------------------------------------- adv_pin

FUTS = ["fut", "pending", "job_fut", "work", "delayed", "task_fut"]
INNERS = ["inner", "source", "upstream", "wrapped_fut", "child"]
JOB_ALIASES = ["BoxedJob", "PendingWork", "BoxFuture", "Work", "LocalJob"]
PUSH_FNS = ["push_value", "record", "add_value", "append_value", "store", "keep"]


def sample_pin(rng):
    p = draw(rng, POOLS, types=["T"], nums=["left", "polls", "extra"], funcs=["func", "helper"],
             locals=["list", "jobs", "fl"], scalars=["x", "item", "acc", "v"])
    op = rng.choice(["+", "*"])
    k, n1, n2 = rng.randint(1, 9), rng.randint(0, 99), rng.randint(0, 9)
    nums = [rng.randint(0, 60) for _ in range(rng.randint(0, 5))]
    mapped = [v + k if op == "+" else v * k for v in nums]
    p.update(fut=rng.choice(FUTS), inner=rng.choice(INNERS), Job=rng.choice(JOB_ALIASES), push_fn=rng.choice(PUSH_FNS),
             op=op, k=k, n1=n1, n2=n2, computed=n1 + k if op == "+" else n1 * k, nums=nums, mapped=mapped,
             mapped_sum=sum(mapped), wrapped_value=n2 + k if op == "+" else n2 * k,
             shape=rng.choice(["fn", "block"]), pin_style=rng.choice(["box", "pin"]))
    return p
