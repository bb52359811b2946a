"""Samplers of the rust2024 tasks on Option, Result and iterator methods: is_some_and
(r24_is_some_and), is_ok_and (r24_is_ok_and), copied (r24_copied) and flatten
(r24_flatten)."""

import string

from share.koans.names import Names, ints

from .pools import (
    ACCS,
    CMP_DOC,
    ELEMS,
    FUNCS,
    GOODS,
    JUNK,
    LISTS,
    LOWER_WORDS,
    MAPS,
    RESERVED,
    STRFIELDS,
    STRITEMS,
    STRLISTS,
    STR_PREDS,
    TEXTS,
    TYPES,
    compare,
    rs_list,
    rs_opt,
    rs_str,
    rs_strs,
    rs_vec,
)


# ---------------------------------------------------------------------------- r24_is_some_and
def sample_is_some_and(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "ty": rng.choice(TYPES), "meth": nm.one(FUNCS)}
    # train_field_as_ref
    spred = rng.choice(sorted(STR_PREDS))
    sdoc, stest = STR_PREDS[spred]
    word = rng.choice(LOWER_WORDS)
    cut = rng.randint(1, len(word) - 1)
    needle = {"starts_with": word[:cut], "ends_with": word[cut:], "contains": word[cut - 1:cut + 1]}[spred]
    other = rng.choice([w for w in LOWER_WORDS if not stest(w, needle)])
    p.update(sfield=nm.one(STRFIELDS), needle_arg=nm.one(["prefix", "pattern", "needle", "fragment", "part"]), clo=nm.one(ELEMS + STRITEMS),
             spred=spred, spred_doc=sdoc, as_method=rng.choice(["as_ref", "as_deref"]), word=word, needle=needle, other=other)
    # train_first_deref
    vals = ints(rng, rng.randint(2, 6), -40, 90)
    idx = rng.randrange(len(vals))
    access, j, which = rng.choice([("first()", 0, "first"), ("last()", len(vals) - 1, "last"),
                                   (f"get({idx})", idx, f"element at index {idx}")])
    cmp = rng.choice([">", ">=", "<", "<="])
    kk = rng.randint(-30, 80)
    up, down = kk + rng.randint(1, 9), kk - rng.randint(1, 9)
    vals2 = list(vals)
    vals[j], vals2[j] = (up, down) if cmp in (">", ">=") else (down, up)
    p.update(vals=nm.one(LISTS), elem=nm.one(ELEMS), access=access, which_doc=which, cmp=cmp, cmp_doc=CMP_DOC[cmp],
             kk=kk,
             style=rng.choice(["pat", "deref"]), vals_lit=rs_list(vals), vals2_lit=rs_list(vals2))
    # train_none_or_mixup
    k3 = rng.randint(10, 60)
    cmp3 = rng.choice([">", ">=", "<", "<="])
    up, down = k3 + rng.randint(1, 20), k3 - rng.randint(1, 9)
    yes, no = (up, down) if cmp3 in (">", ">=") else (down, up)
    p.update(opt=nm.one(ELEMS), cmp3=cmp3, cmp3_doc=CMP_DOC[cmp3], k3=k3, yes=yes, no=no, noun=rng.choice(ELEMS),
             wrong=rng.choice(["is_none_or", "map_or"]))
    # train_filter_count
    strs = [rng.choice(LOWER_WORDS) for _ in range(rng.randint(2, 5))]
    pre = rng.choice(string.ascii_lowercase[:20])
    opts = [None if rng.random() < 0.3 else s for s in strs] + [None]
    rng.shuffle(opts)
    p.update(olist=nm.one(STRLISTS), oitem=nm.one(["entry", "slot", "maybe", "opt_name"]), pre=pre,
             opts_lit=", ".join("None" if s is None else f"Some({rs_str(s)}.to_string())" for s in opts),
             opts_count=sum(1 for s in opts if s is not None and s.startswith(pre)))
    # eval_struct_max
    nums = ints(rng, rng.randint(1, 5), 0, 200)
    k4 = rng.randint(1, 200)
    p.update(nfield=nm.one(LISTS), k4=k4, nums_lit=rs_list(nums), max_res=str(max(nums) >= k4).lower(),
             cmp4=">=", hi4=k4 + rng.randint(0, 20), lo4=rng.randint(0, k4 - 1))
    return p


# ---------------------------------------------------------------------------- r24_is_ok_and
INT_TYPES = {"u8": (0, 255), "u16": (0, 65535), "i8": (-128, 127), "u32": (0, 2**32 - 1), "i32": (-(2**31), 2**31 - 1)}


def sample_is_ok_and(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "input": nm.one(TEXTS), "clo": nm.one(ELEMS)}
    # train_option_method (E0599)
    ty = rng.choice(["u8", "u16", "u32", "i32"])
    lo, hi = INT_TYPES[ty]
    cmp = rng.choice([">", ">=", "<", "<="])
    k = rng.randint(max(lo, 1), min(hi, 200) - 1)
    up, down = k + rng.randint(1, 50), k - rng.randint(1, min(50, k - lo))
    yes, no = (up, down) if cmp in (">", ">=") else (down, up)
    yes, no = max(lo, min(hi, yes)), max(lo, min(hi, no))
    p.update(ty=ty, cmp=cmp, cmp_doc=CMP_DOC[cmp], k=k, yes=yes, no=no, junk=rng.choice([j for j in JUNK if j.strip()]),
             yes_res=str(compare(cmp, yes, k)).lower(), no_res=str(compare(cmp, no, k)).lower())
    # train_reuse (E0382)
    cap = rng.randint(10, 1000)
    p.update(raw=nm.one(TEXTS), parsed=nm.one(["parsed", "outcome", "attempt", "reading", "result_value"]), cap=cap,
             over=cap + rng.randint(1, 3000), under=rng.randint(0, cap))
    # train_unwrap_bug (test failure)
    m = rng.randint(2, 12)
    p.update(m=m, mult=m * rng.randint(1, 30), nonmult=m * rng.randint(0, 30) + rng.randint(1, m - 1),
             wrong=rng.choice(["unwrap_or", "map_or"]), junk2=rng.choice(["abc", "seven", "", "1.5", "x1"]))
    # train_err_kind (test failure): is_err() is too broad
    kinds = {
        "PosOverflow": ("too large for the type", {"u8": "300", "u16": "70000", "i8": "128"}),
        "Empty": ("empty", {"u8": "", "u16": "", "i8": ""}),
        "InvalidDigit": ("not a number", {"u8": "12a", "u16": "x", "i8": "--1"}),
    }
    kind = rng.choice(sorted(kinds))
    ety = rng.choice(["u8", "u16", "i8"])
    other = rng.choice([k2 for k2 in sorted(kinds) if k2 != kind])
    p.update(kind=kind, kind_doc=kinds[kind][0], ety=ety, kind_in=rs_str(kinds[kind][1][ety]),
             other_in=rs_str(kinds[other][1][ety]), valid_in=rs_str(str(rng.randint(0, 127))), err=nm.one(["problem", "failure", "why", "cause"]))
    # eval_filter_results
    rs = []
    for _ in range(rng.randint(3, 6)):
        rs.append(("ok", rng.randint(0, 90)) if rng.random() < 0.7 else ("err", rng.choice(GOODS)))
    k5 = rng.randint(5, 60)
    p.update(results=nm.one(["results", "outcomes", "attempts", "replies", "answers"]), res=nm.one(["res", "outcome_item", "reply"]),
             k5=k5, results_lit=", ".join(f"Ok({v})" if t == "ok" else f"Err({rs_str(v)}.to_string())" for t, v in rs),
             results_count=sum(1 for t, v in rs if t == "ok" and v > k5))
    return p


# ---------------------------------------------------------------------------- r24_copied
def sample_copied(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "vals": nm.one(LISTS), "elem": nm.one(ELEMS)}
    # train_collect_refs (E0277)
    vals = ints(rng, rng.randint(3, 7), -30, 99)
    cmp, k = rng.choice([">", ">=", "<", "<="]), rng.randint(-10, 80)
    post = rng.choice(["", ".rev()", ".take(2)", ".skip(1)"])
    sel = [v for v in vals if compare(cmp, v, k)]
    sel = {"": sel, ".rev()": sel[::-1], ".take(2)": sel[:2], ".skip(1)": sel[1:]}[post]
    p.update(cmp=cmp, cmp_doc=CMP_DOC[cmp], k=k, post=post, vals_lit=rs_list(vals), sel_vec=rs_vec(sel, "i32"))
    # train_option_extreme (E0308)
    uvals = ints(rng, rng.randint(1, 6), 0, 500)
    k2 = rng.randint(0, 500)
    accesses = {"iter().max()": ("largest of the", max(uvals)), "iter().min()": ("smallest of the", min(uvals)),
                "first()": ("first of the", uvals[0]), "last()": ("last of the", uvals[-1]),
                f"iter().find(|&&{p['elem']}| {p['elem']} > {k2})": (f"first value above {k2} among the",
                                                                    next((v for v in uvals if v > k2), None))}
    access = rng.choice(sorted(accesses))
    p.update(access=access, which_doc=accesses[access][0], uvals_lit=rs_list(uvals), pick_out=rs_opt(accesses[access][1]),
             best=nm.one(["best", "chosen", "picked", "winner", "candidate"]), bind=rng.random() < 0.5)
    # train_map_get (E0308)
    goods = rng.sample(GOODS, 3)
    gv = ints(rng, 2, 0, 900)
    dflt = rng.choice([0, 1, 10, 100])
    p.update(table=nm.one(MAPS), key=nm.one(STRITEMS), g1=goods[0], g2=goods[1], g3=goods[2], gv1=gv[0], gv2=gv[1],
             dflt=dflt,
             what=rng.choice(["count", "price", "quantity", "weight", "score"]))
    # train_strings_cloned (E0277)
    strs = rng.sample(LOWER_WORDS, rng.randint(3, 6))
    k3 = rng.randint(3, 6)
    p.update(slist=nm.one(STRLISTS), sitem=nm.one(STRITEMS), k3=k3, strs_lit=", ".join(f"{rs_str(s)}.to_string()" for s in strs),
             long_lit=", ".join(rs_str(s) for s in strs if len(s) > k3))
    # eval_struct_rev_find (E0308)
    cpreds = {"is_ascii_digit": ("digit", "0123456789"), "is_ascii_uppercase": ("capital", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
              "is_ascii_punctuation": ("punctuation", "!?.,;:#")}
    cp = rng.choice(sorted(cpreds))
    chars = cpreds[cp][1]
    txt = "".join(rng.choice(string.ascii_lowercase + chars + " ") for _ in range(rng.randint(4, 10)))
    last = next((c for c in reversed(txt) if c in chars), None)
    p.update(ty=rng.choice(TYPES), cfield=nm.one(["chars", "glyphs", "symbols", "letters"]), meth=nm.one(FUNCS), ch=nm.one(["ch", "glyph", "sym"]),
             cpred=cp, cdoc=cpreds[cp][0], txt_lit=rs_str(txt), last_out="None" if last is None else f"Some('{last}')",
             none_lit=rs_str("".join(c for c in txt if c not in chars) or "abc"))
    return p


# ---------------------------------------------------------------------------- r24_flatten
def sample_flatten(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "outer": nm.one(["rows", "groups", "batches", "chunks", "pages", "buckets"]),
         "all": nm.one(ACCS)}
    # train_nested_vecs (E0277)
    rows = [ints(rng, rng.randint(0, 3), 0, 60) for _ in range(rng.randint(2, 4))]
    flat = [v for r in rows for v in r]
    post = rng.choice(["", "sort", "reverse", "dedup_sorted"])
    res = {"": flat, "sort": sorted(flat), "reverse": flat[::-1], "dedup_sorted": sorted(set(flat))}[post]
    ety = rng.choice(["u32", "u64", "i32", "usize"])
    p.update(rows_lit=", ".join(f"vec![{rs_list(r)}]" for r in rows), post=post, flat_vec=rs_vec(res, ety), ety=ety)
    # train_flat_map_parse
    toks, nums = [], []
    for i in range(rng.randint(3, 6)):
        if i == 0 or rng.random() < 0.6:
            nums.append(rng.randint(-50, 99))
            toks.append(str(nums[-1]))
        else:
            toks.append(rng.choice(JUNK))  # none of these parse as i32
    rng.shuffle(toks)
    agg = rng.choice(["sum", "max", "min"])
    p.update(toks=nm.one(STRLISTS), tok=nm.one(STRITEMS), agg=agg, toks_lit=rs_strs(toks),
             agg_ty="i32" if agg == "sum" else "Option<i32>",
             agg_out=str(sum(nums)) if agg == "sum" else rs_opt((max if agg == "max" else min)(nums)),
             agg_err="E0277" if agg == "sum" else "E0308")
    # train_option_option (E0308)
    goods = rng.sample(GOODS, 3)
    good_v = rng.randint(0, 65535)
    p.update(table=nm.one(MAPS), key=nm.one(STRITEMS), sval=nm.one(["setting", "raw_value", "stored", "spelled"]),
             g1=goods[0], g2=goods[1], g3=goods[2], good_v=good_v, bad_v=rng.choice(["many", "-1", "70000", "1e3", ""]))
    # train_skip_missing (test failure)
    readings = [None if rng.random() < 0.35 else rng.randint(0, 99) for _ in range(rng.randint(3, 6))]
    if None not in readings:
        readings[rng.randrange(len(readings))] = None
    if all(r is None for r in readings):
        readings[0] = rng.randint(0, 99)
    p.update(readings=nm.one(LISTS), readings_lit=", ".join(rs_opt(r) for r in readings),
             present_vec=rs_vec((r for r in readings if r is not None), "u32"))
    # eval_split_words (E0277)
    splitter, sep_doc, sep = rng.choice([("split_whitespace()", "whitespace-separated", " "), ("split(',')", "comma-separated", ","),
                                         ("split(';')", "semicolon-separated", ";"), ("split('|')", "`|`-separated", "|"),
                                         ("split('/')", "slash-separated", "/"), ("split(' ')", "space-separated", " ")])
    if sep == " " and splitter == "split_whitespace()":
        lines = [" ".join(rng.sample(LOWER_WORDS, rng.randint(0, 3))) for _ in range(rng.randint(2, 4))]
        words = [w for ln in lines for w in ln.split()]
    else:
        lines = [sep.join(rng.sample(LOWER_WORDS, rng.randint(1, 3))) for _ in range(rng.randint(2, 4))]
        words = [w for ln in lines for w in ln.split(sep)]
    p.update(lines=nm.one(["lines", "rows_text", "paragraphs", "sentences", "verses", "records_text", "inputs",
                           "rows_in"]),
             ln=nm.one(["ln", "row_text", "sentence", "verse", "record_text", "one_line"]), splitter=splitter, sep_doc=sep_doc,
             lines_lit=rs_strs(lines), words_vec=rs_vec([rs_str(w) for w in words], "&str"))
    return p
