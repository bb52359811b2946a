"""Parameter samplers for the rust2024 family: identifiers, values and shapes drawn
from pools with the generator's seeded rng (never global random state)."""

from __future__ import annotations

import json
import string

# ---------------------------------------------------------------------------- pools
LISTS = ["items", "values", "scores", "readings", "samples", "counts", "weights", "prices", "marks",
         "levels", "points", "sizes", "ages", "hits", "ranks", "votes", "loads", "temps", "slots",
         "frames", "amounts", "depths", "heights", "widths", "speeds", "grades", "bids", "costs"]
ELEMS = ["value", "score", "reading", "sample", "weight", "price", "mark", "level", "point", "size",
         "age", "rank", "load", "amount", "depth", "height", "width", "speed", "grade", "cost", "qty",
         "num", "figure", "unit"]
BOUNDS = ["limit", "cap", "cutoff", "threshold", "bound", "minimum", "maximum", "target", "goal",
          "need", "edge", "margin", "floor", "ceiling"]
TEXTS = ["input", "raw", "text", "line", "source", "field", "token", "arg", "spec", "chunk", "piece",
         "fragment", "entry", "cell"]
ACCS = ["acc", "sum", "running", "tally", "subtotal", "collected", "kept", "skipped", "found",
        "matched", "rejected", "seen", "hits_so_far", "counter"]
STRLISTS = ["words", "names", "labels", "tags", "terms", "titles", "tokens", "keys", "fields",
            "lines", "entries", "phrases", "notes", "captions"]
STRITEMS = ["word", "name", "term", "title", "tag", "key", "phrase", "note", "caption", "label_text"]
MAPS = ["stock", "inventory", "store", "supplies", "pantry", "depot", "warehouse", "table",
        "lookup", "registry", "settings", "config", "catalog", "index"]
STACKS = ["stack", "pile", "backlog", "pending", "history", "trail", "queue", "work"]
FUNCS = ["tally_up", "measure", "summarize", "inspect", "pick", "rate", "grade_of", "classify",
         "settle", "resolve", "gather", "admit", "weigh", "scan", "audit", "assess", "score_for",
         "check_level", "parse_level", "read_value", "extract", "select", "combine", "normalize",
         "describe", "render_row", "label_for", "count_valid", "keep_large", "process", "digest",
         "compute", "evaluate", "examine", "survey", "sift", "screen", "appraise"]
TYPES = ["Sensor", "Player", "Order", "Ticket", "Account", "Parcel", "Robot", "Planet", "Recipe",
         "Invoice", "Course", "Device", "Vessel", "Station", "Member", "Channel", "Lesson", "Bucket",
         "Shelf", "Gauge", "Probe", "Meter", "Crate", "Badge", "Lantern", "Harbor"]
VARIANTS = ["Idle", "Running", "Done", "Failed", "Paused", "Queued", "Ready", "Closed", "Open",
            "Locked", "Active", "Retired", "Pending", "Shipped", "Lost", "Empty", "Full", "Broken",
            "Waiting", "Started"]
STRFIELDS = ["name", "title", "owner", "nickname", "alias", "city", "email", "code", "path", "host",
             "motto", "slogan", "brand", "region"]
NUMFIELDS = ["base", "bonus", "weight_kg", "count", "rank", "credits", "stars", "points", "level",
             "charge", "depth_m", "capacity"]
GOODS = ["apple", "bolt", "cable", "drill", "egg", "flour", "glue", "hinge", "ink", "jar", "kettle",
         "lamp", "nail", "oil", "paint", "rope", "salt", "tape", "valve", "wax"]
WORDS = ["Apple", "pear", "42nd", "Zed", "x9", "#tag", "Moss", "7up", "river", "Oak", "delta",
         "!bang", "3d", "Kilo", "echo", "@home", "9lives", "Nova", "tango", "_under", "Yew", "fig",
         "0x1f", "Lima", "quartz", "$cash", "5th", "Umber", "kite", "(aside)"]
JUNK = ["abc", "", "1.5", "seven", "--3", "4x", "0x10", "one", "+-2", "1 2", "?", "n/a"]

KEYWORDS = set("""as async await break const continue crate dyn else enum extern false fn for if impl in
let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use
where while abstract become box do final gen macro override priv try typeof unsized virtual yield
union""".split())
# names the templates and hidden tests use literally; pools must not hand them out
FIXED = {"data", "got", "f", "fut", "cx", "out", "block_on", "tests", "new", "text_in", "fmt", "x",
         "v", "n", "s", "c", "e", "t", "w", "o", "l", "id"}
for _pool in (LISTS, ELEMS, BOUNDS, TEXTS, ACCS, STRLISTS, STRITEMS, MAPS, STACKS, FUNCS, STRFIELDS,
              NUMFIELDS):
    assert not (set(_pool) & (KEYWORDS | FIXED)), _pool


class Names:
    """Distinct identifiers for one koan: a name handed out once is never handed out again."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def __call__(self, pool: list[str]) -> str:
        name = self.rng.choice([p for p in pool if p not in self.used])
        self.used.add(name)
        return name

    def some(self, pool: list[str], k: int) -> list[str]:
        return [self(pool) for _ in range(k)]


def rs_str(s: str) -> str:
    """A Rust string literal (the pools hold ASCII without backslashes)."""
    return json.dumps(s)


def rs_list(values) -> str:
    return ", ".join(str(v) for v in values)


def rs_strs(values) -> str:
    return ", ".join(rs_str(v) for v in values)


def rs_vec(values, ty: str) -> str:
    """`vec![..]`, or a typed empty Vec (so the comparison in a test still infers)."""
    values = list(values)
    return f"vec![{rs_list(values)}]" if values else f"Vec::<{ty}>::new()"


def rs_opt(v) -> str:
    return "None" if v is None else f"Some({v})"


def apply_op(op: str, a: int, b: int) -> int:
    return {"+": a + b, "-": a - b, "*": a * b}[op]


def compare(cmp: str, a, b) -> bool:
    return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[cmp]


CMP_DOC = {">": "above", ">=": "at least", "<": "below", "<=": "at most"}
CHAR_PREDS = {
    "is_ascii_uppercase": ("is an ASCII capital letter", lambda c: "A" <= c <= "Z"),
    "is_ascii_digit": ("is an ASCII digit", lambda c: "0" <= c <= "9"),
    "is_ascii_lowercase": ("is a lowercase ASCII letter", lambda c: "a" <= c <= "z"),
    "is_alphabetic": ("is a letter", lambda c: c.isalpha()),
    "is_ascii_punctuation": ("is ASCII punctuation", lambda c: c in string.punctuation),
}
STR_PREDS = {
    "starts_with": ("starts with", lambda s, a: s.startswith(a)),
    "ends_with": ("ends with", lambda s, a: s.endswith(a)),
    "contains": ("contains", lambda s, a: a in s),
}
LOWER_WORDS = ["amber", "basil", "cedar", "dune", "ember", "fjord", "grove", "heath", "islet", "juniper",
               "kelp", "lotus", "marsh", "nectar", "orchid", "pebble", "quill", "rowan", "sage", "thistle"]


def ints(rng, k: int, lo: int, hi: int) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(k)]


# ---------------------------------------------------------------------------- r24_let_chain
def sample_let_chain(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "input": nm(TEXTS), "limit": nm(BOUNDS), "num": nm(ELEMS)}
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
    p.update(words=nm(STRLISTS), kept=nm(ACCS), skipped=nm(ACCS), word=nm(STRITEMS), ch=nm(["ch", "first", "lead", "initial"]),
             pred=pred, pred_doc=doc, words_lit=rs_strs(words), kept_n=kept, skipped_n=len(words) - kept)
    # train_ref_pattern: the binding is a reference
    goods = rng.sample(GOODS, 3)
    v1, v2 = rng.randint(5, 60), rng.randint(1, 60)
    need_ok = rng.randint(1, v1)
    p.update(stock=nm(MAPS), item=nm(STRITEMS), need=nm(BOUNDS), qty=nm(ELEMS), style=rng.choice(["pat", "deref"]),
             g1=goods[0], g2=goods[1], g3=goods[2], v1=v1, v2=v2, need_ok=need_ok, left_ok=v1 - need_ok,
             need_bad=v2 + rng.randint(1, 9))
    # train_while_pop: `pop()` in the chain loses the value that stops the loop
    wlim = rng.randint(5, 50)
    run = ints(rng, rng.randint(1, 3), wlim + 1, wlim + 40)
    stop = rng.randint(0, wlim)
    bottom = ints(rng, rng.randint(0, 2), 0, 90)
    p.update(stack=nm(STACKS), acc=nm(ACCS), top=nm(ELEMS), wlim=wlim, stack_lit=rs_list(bottom + [stop] + run),
             left_lit=rs_list(bottom + [stop]), run_sum=sum(run))
    # eval_struct_field
    k = rng.randint(1, 6)
    long_s = rng.choice([w for w in LOWER_WORDS if len(w) > k])
    short_s = rng.choice([w for w in LOWER_WORDS if len(w) <= k] or ["ab"[: max(1, k)]])
    base = rng.randint(0, 30)
    p.update(ty=rng.choice(TYPES), sfield=nm(STRFIELDS), nfield=nm(NUMFIELDS), meth=nm(FUNCS), bound_w=nm(STRITEMS),
             k=k, long_s=long_s, short_s=short_s, base=base, long_out=base + len(long_s))
    return p


# ---------------------------------------------------------------------------- r24_let_else
def sample_let_else(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "input": nm(TEXTS), "num": nm(ELEMS)}
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
    p.update(text=nm(TEXTS), acc=nm(ACCS), line=nm(STRITEMS), raw=nm(["raw_value", "rhs", "after", "tail_part"]),
             sep=sep, lines_lit=rs_str("\n".join(lines)), total=total,
             log=rng.random() < 0.5)
    # train_refutable_slice
    vals = ints(rng, rng.randint(2, 6), -50, 50)
    shape = rng.choice(["diff", "sum", "pair"])
    out = {"diff": vals[-1] - vals[0], "sum": vals[-1] + vals[0], "pair": f"({vals[0]}, {vals[-1]})"}[shape]
    p.update(vals=nm(LISTS), first=nm(["first", "head", "lead", "opening", "earliest", "oldest"]),
             last=nm(["last", "tail", "closing", "final_one", "latest", "newest"]),
             shape=shape, vals_lit=rs_list(vals), slice_out=out, single=rng.randint(-9, 9))
    # train_enum_variant
    ty = rng.choice(TYPES)
    v1, v2, v3 = rng.sample(VARIANTS, 3)
    payload = rng.randint(1, 500)
    mul = rng.randint(2, 9)
    p.update(ty=ty, var1=v1, var2=v2, var3=v3, arg=nm(ELEMS), inner=nm(ELEMS), mul=mul, payload=payload,
             payload_out=payload * mul, zero=rng.choice([0, 1]))
    # eval_loop_break: leading numbers of a token stream
    tsep = rng.choice([",", ";", " ", "/"])
    nums = ints(rng, rng.randint(1, 4), -20, 80)
    rest = [rng.choice(["x", "stop", "end", "?"])] + [str(v) for v in ints(rng, rng.randint(0, 2), 0, 9)]
    p.update(tokens=nm(["tokens", "parts", "pieces", "fields", "splits"]), tok=nm(STRITEMS), tsep=tsep,
             stream_lit=rs_str(tsep.join([str(v) for v in nums] + rest)), lead_sum=sum(nums),
             all_lit=rs_str(tsep.join(str(v) for v in nums)))
    return p


# ---------------------------------------------------------------------------- r24_is_some_and
def sample_is_some_and(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "ty": rng.choice(TYPES), "meth": nm(FUNCS)}
    # train_field_as_ref
    spred = rng.choice(sorted(STR_PREDS))
    sdoc, stest = STR_PREDS[spred]
    word = rng.choice(LOWER_WORDS)
    cut = rng.randint(1, len(word) - 1)
    needle = {"starts_with": word[:cut], "ends_with": word[cut:], "contains": word[cut - 1:cut + 1]}[spred]
    other = rng.choice([w for w in LOWER_WORDS if not stest(w, needle)])
    p.update(sfield=nm(STRFIELDS), needle_arg=nm(["prefix", "pattern", "needle", "fragment", "part"]), clo=nm(ELEMS + STRITEMS),
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
    p.update(vals=nm(LISTS), elem=nm(ELEMS), access=access, which_doc=which, cmp=cmp, cmp_doc=CMP_DOC[cmp], kk=kk,
             style=rng.choice(["pat", "deref"]), vals_lit=rs_list(vals), vals2_lit=rs_list(vals2))
    # train_none_or_mixup
    k3 = rng.randint(10, 60)
    cmp3 = rng.choice([">", ">=", "<", "<="])
    up, down = k3 + rng.randint(1, 20), k3 - rng.randint(1, 9)
    yes, no = (up, down) if cmp3 in (">", ">=") else (down, up)
    p.update(opt=nm(ELEMS), cmp3=cmp3, cmp3_doc=CMP_DOC[cmp3], k3=k3, yes=yes, no=no, noun=rng.choice(ELEMS),
             wrong=rng.choice(["is_none_or", "map_or"]))
    # train_filter_count
    strs = [rng.choice(LOWER_WORDS) for _ in range(rng.randint(2, 5))]
    pre = rng.choice(string.ascii_lowercase[:20])
    opts = [None if rng.random() < 0.3 else s for s in strs] + [None]
    rng.shuffle(opts)
    p.update(olist=nm(STRLISTS), oitem=nm(["entry", "slot", "maybe", "opt_name"]), pre=pre,
             opts_lit=", ".join("None" if s is None else f"Some({rs_str(s)}.to_string())" for s in opts),
             opts_count=sum(1 for s in opts if s is not None and s.startswith(pre)))
    # eval_struct_max
    nums = ints(rng, rng.randint(1, 5), 0, 200)
    k4 = rng.randint(1, 200)
    p.update(nfield=nm(LISTS), k4=k4, nums_lit=rs_list(nums), max_res=str(max(nums) >= k4).lower(),
             cmp4=">=", hi4=k4 + rng.randint(0, 20), lo4=rng.randint(0, k4 - 1))
    return p


# ---------------------------------------------------------------------------- r24_is_ok_and
INT_TYPES = {"u8": (0, 255), "u16": (0, 65535), "i8": (-128, 127), "u32": (0, 2**32 - 1), "i32": (-(2**31), 2**31 - 1)}


def sample_is_ok_and(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "input": nm(TEXTS), "clo": nm(ELEMS)}
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
    p.update(raw=nm(TEXTS), parsed=nm(["parsed", "outcome", "attempt", "reading", "result_value"]), cap=cap,
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
             other_in=rs_str(kinds[other][1][ety]), valid_in=rs_str(str(rng.randint(0, 127))), err=nm(["problem", "failure", "why", "cause"]))
    # eval_filter_results
    rs = []
    for _ in range(rng.randint(3, 6)):
        rs.append(("ok", rng.randint(0, 90)) if rng.random() < 0.7 else ("err", rng.choice(GOODS)))
    k5 = rng.randint(5, 60)
    p.update(results=nm(["results", "outcomes", "attempts", "replies", "answers"]), res=nm(["res", "outcome_item", "reply"]),
             k5=k5, results_lit=", ".join(f"Ok({v})" if t == "ok" else f"Err({rs_str(v)}.to_string())" for t, v in rs),
             results_count=sum(1 for t, v in rs if t == "ok" and v > k5))
    return p


# ---------------------------------------------------------------------------- r24_copied
def sample_copied(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "vals": nm(LISTS), "elem": nm(ELEMS)}
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
             best=nm(["best", "chosen", "picked", "winner", "candidate"]), bind=rng.random() < 0.5)
    # train_map_get (E0308)
    goods = rng.sample(GOODS, 3)
    gv = ints(rng, 2, 0, 900)
    dflt = rng.choice([0, 1, 10, 100])
    p.update(table=nm(MAPS), key=nm(STRITEMS), g1=goods[0], g2=goods[1], g3=goods[2], gv1=gv[0], gv2=gv[1], dflt=dflt,
             what=rng.choice(["count", "price", "quantity", "weight", "score"]))
    # train_strings_cloned (E0277)
    strs = rng.sample(LOWER_WORDS, rng.randint(3, 6))
    k3 = rng.randint(3, 6)
    p.update(slist=nm(STRLISTS), sitem=nm(STRITEMS), k3=k3, strs_lit=", ".join(f"{rs_str(s)}.to_string()" for s in strs),
             long_lit=", ".join(rs_str(s) for s in strs if len(s) > k3))
    # eval_struct_rev_find (E0308)
    cpreds = {"is_ascii_digit": ("digit", "0123456789"), "is_ascii_uppercase": ("capital", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
              "is_ascii_punctuation": ("punctuation", "!?.,;:#")}
    cp = rng.choice(sorted(cpreds))
    chars = cpreds[cp][1]
    txt = "".join(rng.choice(string.ascii_lowercase + chars + " ") for _ in range(rng.randint(4, 10)))
    last = next((c for c in reversed(txt) if c in chars), None)
    p.update(ty=rng.choice(TYPES), cfield=nm(["chars", "glyphs", "symbols", "letters"]), meth=nm(FUNCS), ch=nm(["ch", "glyph", "sym"]),
             cpred=cp, cdoc=cpreds[cp][0], txt_lit=rs_str(txt), last_out="None" if last is None else f"Some('{last}')",
             none_lit=rs_str("".join(c for c in txt if c not in chars) or "abc"))
    return p


# ---------------------------------------------------------------------------- r24_flatten
def sample_flatten(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "outer": nm(["rows", "groups", "batches", "chunks", "pages", "buckets"]), "all": nm(ACCS)}
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
    p.update(toks=nm(STRLISTS), tok=nm(STRITEMS), agg=agg, toks_lit=rs_strs(toks),
             agg_ty="i32" if agg == "sum" else "Option<i32>",
             agg_out=str(sum(nums)) if agg == "sum" else rs_opt((max if agg == "max" else min)(nums)),
             agg_err="E0277" if agg == "sum" else "E0308")
    # train_option_option (E0308)
    goods = rng.sample(GOODS, 3)
    good_v = rng.randint(0, 65535)
    p.update(table=nm(MAPS), key=nm(STRITEMS), sval=nm(["setting", "raw_value", "stored", "spelled"]),
             g1=goods[0], g2=goods[1], g3=goods[2], good_v=good_v, bad_v=rng.choice(["many", "-1", "70000", "1e3", ""]))
    # train_skip_missing (test failure)
    readings = [None if rng.random() < 0.35 else rng.randint(0, 99) for _ in range(rng.randint(3, 6))]
    if None not in readings:
        readings[rng.randrange(len(readings))] = None
    if all(r is None for r in readings):
        readings[0] = rng.randint(0, 99)
    p.update(readings=nm(LISTS), readings_lit=", ".join(rs_opt(r) for r in readings),
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
    p.update(lines=nm(["lines", "rows_text", "paragraphs", "sentences", "verses", "records_text", "inputs", "rows_in"]),
             ln=nm(["ln", "row_text", "sentence", "verse", "record_text", "one_line"]), splitter=splitter, sep_doc=sep_doc,
             lines_lit=rs_strs(lines), words_vec=rs_vec([rs_str(w) for w in words], "&str"))
    return p


# ---------------------------------------------------------------------------- r24_matches
def sample_matches(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "ty": rng.choice(TYPES)}
    # train_enum_eq (E0369)
    enum = rng.choice([t for t in TYPES if t != p["ty"]]) + rng.choice(["State", "Kind", "Phase", "Status"])
    vs = rng.sample(VARIANTS, 4)
    wanted = vs[:rng.randint(1, 2)]
    seq = [rng.choice(vs) for _ in range(rng.randint(3, 7))]
    p.update(enum=enum, vs=vs, wanted=wanted, list=nm(LISTS), item=nm(ELEMS), seq_lit=", ".join(f"{enum}::{v}" for v in seq),
             seq_count=sum(1 for v in seq if v in wanted), wanted_doc=" or ".join(wanted))
    # train_str_literal (E0308)
    cmds = rng.sample(LOWER_WORDS, 4)
    alts = cmds[:rng.randint(1, 3)]
    p.update(sfield=nm(STRFIELDS), meth=nm(FUNCS), alts_pat=" | ".join(rs_str(a) for a in alts), alt_yes=alts[-1], alt_no=cmds[3],
             alts_doc=", ".join(f"`{a}`" for a in alts), fix_kind=rng.choice(["as_str", "deref"]))
    # train_bound_name (test failure): a bare name in a pattern binds
    wrap = rng.choice(["Some", "Ok"])
    want_v = rng.randint(0, 300)
    p.update(opt=nm(ELEMS), want=nm(BOUNDS), got_v=nm(["inner", "held", "payload", "found_value"]), wrap=wrap,
             opt_ty="Option<u32>" if wrap == "Some" else "Result<u32, String>", want_v=want_v,
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
    p.update(rv=nm(ELEMS), rty=rty, lo=lo_l, hi=hi_l, above=above_l, mid=mid_l)
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
    p.update(ev=ev, k=k, toks_lit=", ".join(toks), tok_count=count, num=nm(["amount", "num", "figure", "qty"]))
    return p


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
    nm = Names(rng)
    p = {"func": nm(FUNCS), "a": nm(STRITEMS), "b": nm(ELEMS), "ty": rng.choice(TYPES)}
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
    p.update(dval=nm(LISTS), dty=dty, dval_rs=dval_rs,
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
    f1 = nm(["lat", "row", "width", "start", "low", "left", "top", "real", "major", "hours", "dollars", "wins"])
    f2 = nm(["lon", "col", "height", "end", "high", "depth", "right", "bottom", "imag", "minor", "minutes", "cents", "losses"])
    open_, close, between = rng.choice([("(", ")", ", "), ("<", ">", "; "), ("[", "]", " x "), ("", "", ".."), ("{{", "}}", ", ")])
    v1, v2 = rng.randint(-99, 99), rng.randint(-99, 99)
    p.update(f1=f1, f2=f2, di_broken=rs_str(open_ + "{}" + between + "{}" + close) + f", {f1}, {f2}",
             di_fixed=rs_str(open_ + "{" + f1 + "}" + between + "{" + f2 + "}" + close),
             di_out=rs_str(open_.replace("{{", "{") + str(v1) + between + str(v2) + close.replace("}}", "}")), v1=v1, v2=v2)
    # eval_writeln_loop (check failure)
    start = rng.randint(1, 3)
    lsep = rng.choice([". ", ") ", ": ", " - "])
    entries = rng.sample(LOWER_WORDS, rng.randint(1, 4))
    p.update(out_s=nm(["report", "listing", "buffer", "page", "summary"]), idx=nm(["idx", "pos", "offset"]),
             place=nm(["place", "number", "ordinal"]), entry=nm(STRITEMS), list=nm(STRLISTS), start=start,
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
    nm = Names(rng)
    p = {"func": nm(FUNCS), "a": nm(ELEMS), "b": nm(ELEMS), "uty": rng.choice(["u32", "u64", "usize"])}
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
    p.update(strip=strip, affix=affix, affix_lit=rs_str(affix), affix_len=len(affix), line=nm(TEXTS), word=word,
             with_affix=rs_str(affix + word if strip == "prefix" else word + affix), plain=rs_str(word),
             len_form=rng.choice(["num", "len"]))
    # train_range_contains
    lo = rng.randint(-20, 40)
    hi = lo + rng.randint(3, 40)
    incl = rng.random() < 0.6
    vals = ints(rng, rng.randint(3, 7), lo - 10, hi + 10) + [lo, hi]
    rng.shuffle(vals)
    p.update(list=nm(LISTS), elem=nm(ELEMS), lo=lo, hi=hi, incl=incl, vals_lit=rs_list(vals),
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
    p.update(ty=rng.choice(TYPES), field=nm(NUMFIELDS), meth=nm(FUNCS), p2_form=rng.choice(["count_ones", "bitand"]),
             p2_yes=2 ** rng.randint(0, 20), p2_no=rng.choice([0, 3, 6, 12, 100, 1000, 2 ** rng.randint(2, 20) + 1]))
    # eval_contains
    ids = rng.sample(range(1, 500), rng.randint(2, 5))
    p.update(ids=nm(["ids", "members", "allowed", "banned", "known"]), member=nm(["member", "entry_id", "candidate"]),
             ids_lit=rs_list(ids), has=rng.choice(ids), missing=rng.choice([i for i in range(500, 520)]),
             ct_form=rng.choice(["pat", "deref"]))
    return p


# ---------------------------------------------------------------------------- r24_async_closure
def sample_async_closure(rng):
    nm = Names(rng)
    p = {"func": nm(FUNCS), "helper": nm(["apply_all", "run_each", "drive", "visit", "feed", "pump"]),
         "list": nm(LISTS), "acc": nm(ACCS), "elem": nm(ELEMS), "k": rng.randint(1, 9)}
    vals = ints(rng, rng.randint(1, 5), 0, 50)
    op = rng.choice(["+", "*"])
    k = p["k"]
    p.update(op=op, vals_lit=rs_list(vals), apply_sum=sum(apply_op(op, v, k) for v in vals),
             op_doc={"+": f"plus {k}", "*": f"times {k}"}[op])
    # train_missing_await
    start = rng.randint(0, 100)
    a = apply_op(op, start, k)
    b = apply_op(op, a, k)
    p.update(start=start, first=nm(["first", "once", "step_one"]), second=nm(["second", "twice", "step_two"]),
             step=nm(["step", "bump", "advance", "grow"]), aw_out=a + b,
             miss=rng.choice(["first", "second"]))
    # train_capture_mut (E0373)
    p.update(total=nm(["total", "running_total", "grand"]), add=nm(["add", "record", "absorb", "push_in"]))
    # train_fnmut_bound (E0596)
    cmp = rng.choice([">", ">=", "<", "<="])
    kc = rng.randint(1, 50)
    p.update(count=nm(["count", "selected", "hits_n", "passing"]), cmp=cmp, cmp_doc=CMP_DOC[cmp], kc=kc,
             count_out=sum(1 for v in vals if compare(cmp, v, kc)))
    # eval_borrowed_arg (E0277)
    words = [rng.choice(LOWER_WORDS) for _ in range(rng.randint(1, 4))]
    measure = rng.choice(["len", "vowels", "upper"])
    out = {"len": sum(len(w) for w in words), "vowels": sum(sum(c in "aeiou" for c in w) for w in words),
           "upper": sum(len(w) for w in words)}[measure]
    p.update(words=nm(STRLISTS), wd=nm(STRITEMS), measure=measure, words_lit=rs_strs(words), measure_out=out,
             measure_doc={"len": "length in bytes", "vowels": "number of vowels", "upper": "upper-cased length"}[measure])
    return p


# ---------------------------------------------------------------------------- registration
