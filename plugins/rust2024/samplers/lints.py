"""Samplers of the rust2024 tasks that clippy also checks: inline format arguments
(r24_fmt) and the modern std methods clippy's lints point to (r24_clippy_modern)."""

from share.koans.names import Names, ints

from .pools import (
    ELEMS,
    FUNCS,
    LISTS,
    LOWER_WORDS,
    NUMFIELDS,
    RESERVED,
    STRITEMS,
    STRLISTS,
    TEXTS,
    TYPES,
    rs_list,
    rs_opt,
    rs_str,
    rs_strs,
)


# ---------------------------------------------------------------------------- r24_fmt
FMT_SENTENCES = [
    # (inline pattern with A (&str) and B (u32), positional broken pattern, broken arg order)
    ("{A} has {B} {U}", "{} has {} {U}", ("B", "A")),
    ("{B} {U} for {A}", "{} {U} for {}", ("A", "B")),
    ("{A}: {B} {U}", "{}: {} {U}", ("B", "A")),
    ("{U} of {A} = {B}", "{U} of {} = {}", ("B", "A")),
    ("[{A}] {B}", "[{}] {}", ("B", "A")),
]
UNITS = ["apples", "points", "tickets", "coins", "laps", "boxes", "votes", "files", "km", "items"]
STR_SPECS = ["<8", ">8", "^7", "*^9", ".<10", "->6", "<12", ">10", "_^8"]
INT_SPECS = [">5", "<6", "05", "#x", "#b", "+", "^7", "08", "#o", "x", "X", "*>6"]


def sample_fmt(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "a": nm.one(STRITEMS), "b": nm.one(ELEMS), "ty": rng.choice(TYPES)}
    name = rng.choice(LOWER_WORDS)
    num = rng.randint(0, 999)
    # train_swapped_args (test failure)
    inline, positional, order = rng.choice(FMT_SENTENCES)
    unit = rng.choice(UNITS)
    names = {"A": p["a"], "B": p["b"]}
    p.update(
        sw_fixed=rs_str(inline.replace("{U}", unit).replace("{A}", "{" + p["a"] + "}").replace("{B}", "{" + p["b"] + "}")),
        sw_broken=rs_str(positional.replace("{U}", unit)) + "".join(", " + names[o] for o in order),
        sw_example=inline.replace("{U}", unit).replace("{A}", name).replace("{B}", str(num)),
        name_v=name, num_v=num)
    # train_debug_value (E0277)
    kind = rng.choice(["slice", "option", "pair"])
    vals = ints(rng, rng.randint(0, 4), 0, 99)
    sep = rng.choice([": ", " = ", " -> ", " "])
    dty, dval_rs, dval_py = {
        "slice": ("&[u32]", f"&[{rs_list(vals)}]", f"[{', '.join(map(str, vals))}]"),
        "option": ("Option<u32>", rs_opt(vals[0] if vals else None), f"Some({vals[0]})" if vals else "None"),
        "pair": ("(u32, i64)", f"({num}, {-len(vals) - 1})", f"({num}, {-len(vals) - 1})"),
    }[kind]
    p.update(dval=nm.one(LISTS), dty=dty, dval_rs=dval_rs,
             dbg_broken=rs_str("{" + p["a"] + "}" + sep + "{" + "DVAL" + "}"),
             dbg_fixed=rs_str("{" + p["a"] + "}" + sep + "{" + "DVAL" + ":?}"),
             dbg_out=rs_str(name + sep + dval_py))
    p["dbg_broken"] = p["dbg_broken"].replace("DVAL", p["dval"])
    p["dbg_fixed"] = p["dbg_fixed"].replace("DVAL", p["dval"])
    # train_width_align (check failure)
    s1, s2 = rng.choice(STR_SPECS), rng.choice(INT_SPECS)
    mid = rng.choice(["|", " ", " : ", ""])
    p.update(wa_broken=rs_str("{:" + s1 + "}" + mid + "{:" + s2 + "}") + f", {p['a']}, {p['b']}",
             wa_fixed=rs_str("{" + p["a"] + ":" + s1 + "}" + mid + "{" + p["b"] + ":" + s2 + "}"),
             wa_out=rs_str(format(name, s1) + mid + format(num, s2)), wa_doc=f"`{s1}` and `{s2}`")
    # train_display_impl (check failure)
    f1 = nm.one(["lat", "row", "width", "start", "low", "left", "top", "real", "major", "hours", "dollars", "wins"])
    f2 = nm.one(["lon", "col", "height", "end", "high", "depth", "right", "bottom", "imag", "minor", "minutes", "cents", "losses"])
    open_, close, between = rng.choice([("(", ")", ", "), ("<", ">", "; "), ("[", "]", " x "), ("", "", ".."), ("{{", "}}", ", ")])
    v1, v2 = rng.randint(-99, 99), rng.randint(-99, 99)
    p.update(f1=f1, f2=f2, di_broken=rs_str(open_ + "{}" + between + "{}" + close) + f", {f1}, {f2}",
             di_fixed=rs_str(open_ + "{" + f1 + "}" + between + "{" + f2 + "}" + close),
             di_out=rs_str(open_.replace("{{", "{") + str(v1) + between + str(v2) + close.replace("}}", "}")), v1=v1, v2=v2)
    # eval_writeln_loop (check failure)
    start = rng.randint(1, 3)
    lsep = rng.choice([". ", ") ", ": ", " - "])
    entries = rng.sample(LOWER_WORDS, rng.randint(1, 4))
    p.update(out_s=nm.one(["report", "listing", "buffer", "page", "summary"]), idx=nm.one(["idx", "pos", "offset"]),
             place=nm.one(["place", "number", "ordinal"]), entry=nm.one(STRITEMS), list=nm.one(STRLISTS), start=start,
             wl_broken=rs_str("{}" + lsep + "{}"), entries_lit=rs_strs(entries),
             wl_out=rs_str("".join(f"{i + start}{lsep}{e}\n" for i, e in enumerate(entries))))
    p["wl_fixed"] = rs_str("{" + p["place"] + "}" + lsep + "{" + p["entry"] + "}")
    return p


# ---------------------------------------------------------------------------- r24_clippy_modern
CLIPPY_MODERN_LINTS = ["manual_div_ceil", "manual_abs_diff", "manual_strip", "manual_range_contains",
                       "manual_clamp", "manual_repeat_n", "manual_is_power_of_two", "manual_contains"]
CONTAINERS = ["pages", "boxes", "trucks", "batches", "shelves", "crates", "rows", "trips"]
PREFIXES = ["key:", "id=", "#", "v", "--", "user:", "tag/", ">> ", "name=", "0x"]
SUFFIXES = [".txt", ".rs", "!", ";", "_tmp", ".bak", "px", "kg"]


def sample_clippy_modern(rng):
    nm = Names(rng, reserved=RESERVED)
    p = {"func": nm.one(FUNCS), "a": nm.one(ELEMS), "b": nm.one(ELEMS), "uty": rng.choice(["u32", "u64", "usize"])}
    # train_div_ceil
    size = rng.randint(2, 50)
    cases = [rng.randint(0, 500) for _ in range(2)] + [size * rng.randint(1, 9)]
    p.update(unit=rng.choice(CONTAINERS), size_v=size, dc_cases=[(c, -(-c // size)) for c in cases],
             dc_form=rng.choice(["plain", "grouped"]))
    # train_abs_diff
    x, y = rng.randint(0, 900), rng.randint(0, 900)
    p.update(ad_cmp=rng.choice([">", ">=", "<"]), ad_x=x, ad_y=y, ad_out=abs(x - y), ad_multi=rng.random() < 0.5)
    # train_strip (prefix or suffix)
    strip = rng.choice(["prefix", "suffix"])
    affix = rng.choice(PREFIXES if strip == "prefix" else SUFFIXES)
    word = rng.choice(LOWER_WORDS)
    p.update(strip=strip, affix=affix, affix_lit=rs_str(affix), affix_len=len(affix), line=nm.one(TEXTS), word=word,
             with_affix=rs_str(affix + word if strip == "prefix" else word + affix), plain=rs_str(word),
             len_form=rng.choice(["num", "len"]))
    # train_range_contains
    lo = rng.randint(-20, 40)
    hi = lo + rng.randint(3, 40)
    incl = rng.random() < 0.6
    vals = ints(rng, rng.randint(3, 7), lo - 10, hi + 10) + [lo, hi]
    rng.shuffle(vals)
    p.update(list=nm.one(LISTS), elem=nm.one(ELEMS), lo=lo, hi=hi, incl=incl, vals_lit=rs_list(vals),
             in_lit=rs_list(v for v in vals if lo <= v and (v <= hi if incl else v < hi)), rc_rev=rng.random() < 0.5)
    # train_clamp
    clo = rng.randint(-50, 50)
    chi = clo + rng.randint(1, 100)
    cvals = [clo - rng.randint(1, 30), rng.randint(clo, chi), chi + rng.randint(1, 30)]
    p.update(clo=clo, chi=chi, c_cases=[(v, min(max(v, clo), chi)) for v in cvals], c_form=rng.choice(["chain", "rev", "ifelse"]))
    # train_repeat_n (padding)
    items = ints(rng, rng.randint(0, 4), 0, 99)
    width = len(items) + rng.randint(1, 4)
    fill = rng.randint(0, 9)
    p.update(width=width, fill=fill, pad_in=rs_list(items), pad_out=rs_list(items + [fill] * (width - len(items))),
             pty=rng.choice(["u8", "u16", "i32", "u64"]), rp_form=rng.choice(["chain", "extend"]))
    # eval_power_of_two
    p.update(ty=rng.choice(TYPES), field=nm.one(NUMFIELDS), meth=nm.one(FUNCS),
             p2_form=rng.choice(["count_ones", "bitand"]),
             p2_yes=2 ** rng.randint(0, 20), p2_no=rng.choice([0, 3, 6, 12, 100, 1000, 2 ** rng.randint(2, 20) + 1]))
    # eval_contains
    ids = rng.sample(range(1, 500), rng.randint(2, 5))
    p.update(ids=nm.one(["ids", "members", "allowed", "banned", "known"]),
             member=nm.one(["member", "entry_id", "candidate"]),
             ids_lit=rs_list(ids), has=rng.choice(ids), missing=rng.choice([i for i in range(500, 520)]),
             ct_form=rng.choice(["pat", "deref"]))
    return p
