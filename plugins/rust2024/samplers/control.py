"""Samplers of the rust2024 tasks on control flow: let chains (r24_let_chain), let-else
(r24_let_else), `matches!` (r24_matches) and async closures (r24_async_closure)."""

import string

from share.koans.names import Names, ints

from .pools import (
    ACCS,
    BOUNDS,
    CHAR_PREDS,
    CMP_DOC,
    ELEMS,
    FUNCS,
    GOODS,
    JUNK,
    LISTS,
    LOWER_WORDS,
    MAPS,
    NUMFIELDS,
    RESERVED,
    STACKS,
    STRFIELDS,
    STRITEMS,
    STRLISTS,
    TEXTS,
    TYPES,
    VARIANTS,
    WORDS,
    apply_op,
    compare,
    rs_list,
    rs_str,
    rs_strs,
)


# ---------------------------------------------------------------------------- r24_let_chain
def sample_let_chain(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "input": nm.one(TEXTS), "limit": nm.one(BOUNDS), "num": nm.one(ELEMS)}
    # train_reorder: parse, then compare (the binding exists only after its `let`)
    cmp = rng.choice([">", ">="])
    lim = rng.randint(-20, 60)
    hi, lo = lim + rng.randint(1, 40), lim - rng.randint(1, 30)
    op, factor = rng.choice(["*", "+", "-"]), rng.randint(2, 9)
    hi_out = apply_op(op, hi, factor)
    fallback = rng.choice([v for v in (0, -1, -99, 1000) if v != hi_out])
    p.update(cmp=cmp, cmp_doc=CMP_DOC[cmp], lim=lim, hi=hi, lo=lo, op=op, factor=factor, hi_out=hi_out,
             fallback=fallback, junk=rng.choice(JUNK))
    # train_nested_else: nested ifs lose the else for the inner condition
    pred = rng.choice(sorted(CHAR_PREDS))
    doc, test = CHAR_PREDS[pred]
    while True:
        words = rng.sample(WORDS, rng.randint(3, 6)) + ([""] if rng.random() < 0.5 else [])
        rng.shuffle(words)
        kept = sum(1 for w in words if w and test(w[0]))
        if 0 < kept and any(w and not test(w[0]) for w in words):
            break
    p.update(words=nm.one(STRLISTS), kept=nm.one(ACCS), skipped=nm.one(ACCS), word=nm.one(STRITEMS), ch=nm.one(["ch", "first", "lead", "initial"]),
             pred=pred, pred_doc=doc, words_lit=rs_strs(words), kept_n=kept, skipped_n=len(words) - kept)
    # train_ref_pattern: the binding is a reference
    goods = rng.sample(GOODS, 3)
    v1, v2 = rng.randint(5, 60), rng.randint(1, 60)
    need_ok = rng.randint(1, v1)
    p.update(stock=nm.one(MAPS), item=nm.one(STRITEMS), need=nm.one(BOUNDS), qty=nm.one(ELEMS),
             style=rng.choice(["pat", "deref"]), g1=goods[0], g2=goods[1], g3=goods[2], v1=v1, v2=v2,
             need_ok=need_ok, left_ok=v1 - need_ok, need_bad=v2 + rng.randint(1, 9))
    # train_while_pop: `pop()` in the chain loses the value that stops the loop
    wlim = rng.randint(5, 50)
    run = ints(rng, rng.randint(1, 3), wlim + 1, wlim + 40)
    stop = rng.randint(0, wlim)
    bottom = ints(rng, rng.randint(0, 2), 0, 90)
    p.update(stack=nm.one(STACKS), acc=nm.one(ACCS), top=nm.one(ELEMS), wlim=wlim,
             stack_lit=rs_list(bottom + [stop] + run),
             left_lit=rs_list(bottom + [stop]), run_sum=sum(run))
    # eval_struct_field
    k = rng.randint(1, 6)
    long_s = rng.choice([w for w in LOWER_WORDS if len(w) > k])
    short_s = rng.choice([w for w in LOWER_WORDS if len(w) <= k] or ["ab"[: max(1, k)]])
    base = rng.randint(0, 30)
    p.update(ty=rng.choice(TYPES), sfield=nm.one(STRFIELDS), nfield=nm.one(NUMFIELDS), meth=nm.one(FUNCS),
             bound_w=nm.one(STRITEMS), k=k, long_s=long_s, short_s=short_s, base=base, long_out=base + len(long_s))
    return p


# ---------------------------------------------------------------------------- r24_let_else
def sample_let_else(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "input": nm.one(TEXTS), "num": nm.one(ELEMS)}
    # train_parse_return
    op, k, dflt = rng.choice(["*", "+"]), rng.randint(2, 12), rng.choice([0, 1, 99, 404])
    good = rng.randint(0, 500)
    p.update(op=op, k=k, dflt=dflt, good=good, good_out=apply_op(op, good, k), junk=rng.choice(JUNK))
    # train_loop_continue: `key<sep>value` lines
    sep = rng.choice(["=", ":", "-", "|"])
    pairs, total = [], 0
    for _ in range(rng.randint(2, 4)):
        v = rng.randint(0, 99)
        total += v
        pairs.append(f"{rng.choice(GOODS)}{sep}{v}")
    noise = rng.choice(["noise", "# comment", "", "header"])
    bad = f"{rng.choice(GOODS)}{sep}{rng.choice(['x', 'NaN', '?', 'many'])}"
    lines = pairs + [noise, bad]
    rng.shuffle(lines)
    p.update(text=nm.one(TEXTS), acc=nm.one(ACCS), line=nm.one(STRITEMS),
             raw=nm.one(["raw_value", "rhs", "after", "tail_part"]),
             sep=sep, lines_lit=rs_str("\n".join(lines)), total=total,
             log=rng.random() < 0.5)
    # train_refutable_slice
    vals = ints(rng, rng.randint(2, 6), -50, 50)
    shape = rng.choice(["diff", "sum", "pair"])
    out = {"diff": vals[-1] - vals[0], "sum": vals[-1] + vals[0], "pair": f"({vals[0]}, {vals[-1]})"}[shape]
    p.update(vals=nm.one(LISTS), first=nm.one(["first", "head", "lead", "opening", "earliest", "oldest"]),
             last=nm.one(["last", "tail", "closing", "final_one", "latest", "newest"]),
             shape=shape, vals_lit=rs_list(vals), slice_out=out, single=rng.randint(-9, 9))
    # train_enum_variant
    ty = rng.choice(TYPES)
    v1, v2, v3 = rng.sample(VARIANTS, 3)
    payload = rng.randint(1, 500)
    mul = rng.randint(2, 9)
    p.update(ty=ty, var1=v1, var2=v2, var3=v3, arg=nm.one(ELEMS), inner=nm.one(ELEMS), mul=mul, payload=payload,
             payload_out=payload * mul, zero=rng.choice([0, 1]))
    # eval_loop_break: leading numbers of a token stream
    tsep = rng.choice([",", ";", " ", "/"])
    nums = ints(rng, rng.randint(1, 4), -20, 80)
    rest = [rng.choice(["x", "stop", "end", "?"])] + [str(v) for v in ints(rng, rng.randint(0, 2), 0, 9)]
    p.update(tokens=nm.one(["tokens", "parts", "pieces", "fields", "splits"]), tok=nm.one(STRITEMS), tsep=tsep,
             stream_lit=rs_str(tsep.join([str(v) for v in nums] + rest)), lead_sum=sum(nums),
             all_lit=rs_str(tsep.join(str(v) for v in nums)))
    return p


# ---------------------------------------------------------------------------- r24_matches
def sample_matches(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "ty": rng.choice(TYPES)}
    # train_enum_eq (E0369)
    enum = rng.choice([t for t in TYPES if t != p["ty"]]) + rng.choice(["State", "Kind", "Phase", "Status"])
    vs = rng.sample(VARIANTS, 4)
    wanted = vs[:rng.randint(1, 2)]
    seq = [rng.choice(vs) for _ in range(rng.randint(3, 7))]
    p.update(enum=enum, vs=vs, wanted=wanted, list=nm.one(LISTS), item=nm.one(ELEMS), seq_lit=", ".join(f"{enum}::{v}" for v in seq),
             seq_count=sum(1 for v in seq if v in wanted), wanted_doc=" or ".join(wanted))
    # train_str_literal (E0308)
    cmds = rng.sample(LOWER_WORDS, 4)
    alts = cmds[:rng.randint(1, 3)]
    p.update(sfield=nm.one(STRFIELDS), meth=nm.one(FUNCS), alts_pat=" | ".join(rs_str(a) for a in alts), alt_yes=alts[-1], alt_no=cmds[3],
             alts_doc=", ".join(f"`{a}`" for a in alts), fix_kind=rng.choice(["as_str", "deref"]))
    # train_bound_name (test failure): a bare name in a pattern binds
    wrap = rng.choice(["Some", "Ok"])
    want_v = rng.randint(0, 300)
    p.update(opt=nm.one(ELEMS), want=nm.one(BOUNDS), got_v=nm.one(["inner", "held", "payload", "found_value"]),
             wrap=wrap, opt_ty="Option<u32>" if wrap == "Some" else "Result<u32, String>", want_v=want_v,
             other_v=want_v + rng.randint(1, 50), empty="None" if wrap == "Some" else 'Err(String::from("missing"))')
    # train_range_end (test failure): `..` excludes the end
    if rng.random() < 0.6:
        lo = rng.randint(0, 80)
        hi = lo + rng.randint(2, 40)
        rty = rng.choice(["u8", "u32", "i32", "u16"])
        lo_l, hi_l, above_l, mid_l = str(lo), str(hi), str(hi + 1), str(rng.randint(lo, hi - 1))
    else:
        a = rng.randint(0, 20)
        lo, hi = string.ascii_lowercase[a], string.ascii_lowercase[a + rng.randint(2, 5)]
        rty = "char"
        lo_l, hi_l, above_l = f"'{lo}'", f"'{hi}'", f"'{chr(ord(hi) + 1)}'"
        mid_l = f"'{chr(rng.randint(ord(lo), ord(hi) - 1))}'"
    p.update(rv=nm.one(ELEMS), rty=rty, lo=lo_l, hi=hi_l, above=above_l, mid=mid_l)
    # eval_guard_payload (E0308)
    ev = rng.sample(VARIANTS, 3)
    toks, count = [], 0
    k = rng.randint(-20, 50)
    for _ in range(rng.randint(3, 6)):
        kind = rng.choice([0, 0, 1, 2])
        if kind == 0:
            n = rng.randint(-40, 90)
            count += n > k
            toks.append(f"{enum}::{ev[0]}({n})")
        elif kind == 1:
            toks.append(f"{enum}::{ev[1]}({rs_str(rng.choice(GOODS))}.to_string())")
        else:
            toks.append(f"{enum}::{ev[2]}")
    p.update(ev=ev, k=k, toks_lit=", ".join(toks), tok_count=count, num=nm.one(["amount", "num", "figure", "qty"]))
    return p


# ---------------------------------------------------------------------------- r24_async_closure
def sample_async_closure(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "helper": nm.one(["apply_all", "run_each", "drive", "visit", "feed", "pump"]),
         "list": nm.one(LISTS), "acc": nm.one(ACCS), "elem": nm.one(ELEMS), "k": rng.randint(1, 9)}
    vals = ints(rng, rng.randint(1, 5), 0, 50)
    op = rng.choice(["+", "*"])
    k = p["k"]
    p.update(op=op, vals_lit=rs_list(vals), apply_sum=sum(apply_op(op, v, k) for v in vals),
             op_doc={"+": f"plus {k}", "*": f"times {k}"}[op])
    # train_missing_await
    start = rng.randint(0, 100)
    a = apply_op(op, start, k)
    b = apply_op(op, a, k)
    p.update(start=start, first=nm.one(["first", "once", "step_one"]), second=nm.one(["second", "twice", "step_two"]),
             step=nm.one(["step", "bump", "advance", "grow"]), aw_out=a + b,
             miss=rng.choice(["first", "second"]))
    # train_capture_mut (E0373)
    p.update(total=nm.one(["total", "running_total", "grand"]), add=nm.one(["add", "record", "absorb", "push_in"]))
    # train_fnmut_bound (E0596)
    cmp = rng.choice([">", ">=", "<", "<="])
    kc = rng.randint(1, 50)
    p.update(count=nm.one(["count", "selected", "hits_n", "passing"]), cmp=cmp, cmp_doc=CMP_DOC[cmp], kc=kc,
             count_out=sum(1 for v in vals if compare(cmp, v, kc)))
    # eval_borrowed_arg (E0277)
    words = [rng.choice(LOWER_WORDS) for _ in range(rng.randint(1, 4))]
    measure = rng.choice(["len", "vowels", "upper"])
    out = {"len": sum(len(w) for w in words), "vowels": sum(sum(c in "aeiou" for c in w) for w in words),
           "upper": sum(len(w) for w in words)}[measure]
    p.update(words=nm.one(STRLISTS), wd=nm.one(STRITEMS), measure=measure, words_lit=rs_strs(words), measure_out=out,
             measure_doc={"len": "length in bytes", "vowels": "number of vowels", "upper": "upper-cased length"}[measure])
    return p
