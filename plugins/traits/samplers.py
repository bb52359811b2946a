"""Samplers of the traits family: one per task, drawing the identifiers, types, values and
shapes its templates use and computing the concrete values the hidden tests expect. Only
the rng passed in is used, so a seed always gives the same koans.
"""

from share.koans.names import Names, disjoint

# ---------------------------------------------------------------- identifier pools
# Type-like names (CamelCase). None of them is a std prelude name or an associated
# type name used by the templates (Item, Output, Value, ...).
TYPES = ["Point", "Order", "Ticket", "Badge", "Parcel", "Sensor", "Record", "Token", "Sample",
         "Reading", "Card", "Coin", "Block", "Slot", "Gauge", "Marker", "Tile", "Crate", "Voucher",
         "Packet", "Shelf", "Lamp", "Robot", "Planet", "Engine", "Wallet", "Bucket", "Sprite",
         "Invoice", "Lantern"]
TRAITS = ["Shape", "Priced", "Weighted", "Named", "Scored", "Describe", "Measure", "Rated",
          "Labeled", "Sizable", "Costed", "Ranked", "Tagged", "Summary", "Volume", "Render"]
ENUMS = ["Kind", "Color", "Suit", "Mood", "Status", "Phase", "Weather", "Fruit", "Signal",
         "Level", "Grade", "Tier", "Season", "Region"]
VARIANTS = ["North", "South", "East", "West", "Low", "High", "Red", "Green", "Blue", "Hot",
            "Cold", "Open", "Closed", "Idle", "Busy", "Small", "Large", "Early", "Late", "Ready"]
FIELDS = ["id", "size", "weight", "level", "rank", "count", "score", "width", "height", "price",
          "code", "speed", "depth", "age", "year", "stock", "amount", "quota"]
TEXT_FIELDS = ["name", "label", "title", "owner", "tag", "note", "city", "brand"]
FUNCS = ["total", "summarize", "measure", "tally", "weigh", "report", "digest", "combine",
         "evaluate", "collect_all", "process", "compute", "inspect", "gather", "reduce_all",
         "assess", "aggregate", "check_all"]
METHODS = ["area", "cost", "weight_of", "describe", "score_of", "volume", "label_of", "rating",
           "footprint", "charge", "capacity", "value_of", "priority", "perimeter", "heft", "worth"]
MODS = ["shapes", "pricing", "geometry", "metrics", "catalog", "inventory", "ledger", "model", "util",
        "domain"]
WORDS = ["apple", "pear", "plum", "kiwi", "lime", "fig", "mango", "grape", "melon", "olive",
         "cedar", "maple", "birch", "pine", "oak", "aspen", "delta", "gamma", "sigma", "omega"]
TYPARAMS = ["T", "U", "V", "E", "N"]
PAIRS = [("A", "B"), ("L", "R"), ("X", "Y"), ("P", "Q"), ("S", "T")]
SEPS = [", ", "; ", " | ", "-", "/", " + ", ":"]
WRAPS = [("[", "]"), ("<", ">"), ("(", ")"), ("", ""), ("#", ""), ("'", "'"), ("*", "*")]
SLICES = ["xs", "items", "values", "list", "data", "seq", "all", "input", "entries"]
CLOSURE_VARS = ["x", "v", "e", "el", "elem"]
TARGETS = ["target", "needle", "wanted", "probe", "query"]
ITERS = ["I", "It", "Src"]
WRONG_NAMES = ["get_{}", "{}_of_self", "calc_{}", "{}_value", "compute_{}", "my_{}"]
VARS = ["acc", "result", "out", "running", "found"]
ARG_PAIRS = [("a", "b"), ("left", "right"), ("first", "second"), ("lhs", "rhs"), ("p", "q")]
SHARED_VARS = ["shared", "numbers", "table", "pool", "cache", "store", "readings", "counts", "totals", "tally_ref"]
# The names _common and tb_send_sync draw come from pools that share no name, so no two of them collide.
disjoint(types=TYPES, fields=FIELDS, funcs=FUNCS, methods=METHODS, text_fields=TEXT_FIELDS, traits=TRAITS,
         enums=ENUMS, variants=VARIANTS, mods=MODS, typarams=TYPARAMS, slices=SLICES, closure_vars=CLOSURE_VARS,
         targets=TARGETS, iters=ITERS, vars=VARS, arg_pairs=[n for pair in ARG_PAIRS for n in pair],
         shared_vars=SHARED_VARS)


def _ints(rng, n, lo, hi, distinct=False):
    if distinct:
        return rng.sample(range(lo, hi + 1), n)
    return [rng.randint(lo, hi) for _ in range(n)]


def _common(nm: Names) -> dict:
    """Names most templates use, and a small factor k."""
    rng = nm.rng
    t1, t2, t3 = nm.some(TYPES, 3)
    f1, f2, f3 = nm.some(FIELDS, 3)
    fn1, fn2 = nm.some(FUNCS, 2)
    m1, m2 = nm.some(METHODS, 2)
    p = {"ty": t1, "ty2": t2, "ty3": t3, "f1": f1, "f2": f2, "f3": f3, "tf": nm.one(TEXT_FIELDS),
         "fn1": fn1, "fn2": fn2, "m1": m1, "m2": m2, "tr": nm.one(TRAITS),
         "en": nm.one(ENUMS), "vs": nm.some(VARIANTS, 3), "mod": nm.one(MODS),
         "tp": nm.one(TYPARAMS), "k": rng.randint(2, 9),
         "xs": nm.one(SLICES), "cv": nm.one(CLOSURE_VARS), "target_name": nm.one(TARGETS),
         "it": nm.one(ITERS), "var": nm.one(VARS)}
    p["an"], p["bn"] = rng.choice(ARG_PAIRS)
    return p


# ---------------------------------------------------------------- tb_derive
DERIVE_BASES = [[], ["Debug"], ["Clone"], ["Debug", "Clone"], ["Clone", "Debug"]]


def _derive_attr(base, prepend):
    """derive(missing, fixed, always=()) -> the #[derive(...)] line ("" for none)."""
    def attr(missing, fixed, always=()):
        keep = []
        for name in list(always) + list(base):
            if name not in keep and name not in missing:
                keep.append(name)
        names = keep
        if fixed:
            names = (list(missing) + keep) if prepend else (keep + list(missing))
        return f"#[derive({', '.join(names)})]" if names else ""
    return attr


def sample_derive(rng):
    p = _common(Names(rng))
    base = rng.choice(DERIVE_BASES)
    p["derive"] = _derive_attr(base, rng.random() < 0.3)
    a1, a2, b2 = _ints(rng, 3, 1, 99, distinct=True)
    p.update(a1=a1, a2=a2, b2=b2, cmp=rng.choice(["eq", "ne", "count"]), word=rng.choice(WORDS))
    # eq/count template: a list with some equal items
    items = [rng.choice([a2, b2]) for _ in range(rng.randint(3, 6))]
    p.update(items=items, n_equal=sum(1 for x in items if x == a2))
    # clone template
    p["clone_vals"] = _ints(rng, rng.randint(2, 4), 1, 50)
    # hash / enum templates
    kinds = [rng.randrange(3) for _ in range(rng.randint(4, 7))]
    probe = rng.randrange(3)
    p.update(kinds=kinds, probe=probe, probe_count=kinds.count(probe), n_unique=len(set(kinds)),
             highest=max(kinds), lowest=min(kinds))
    p["kinds_src"] = ", ".join(f"{p['en']}::{p['vs'][i]}" for i in kinds)
    # sort template
    pairs, n_pairs = [], rng.randint(3, 5)
    while len(pairs) < n_pairs:
        pr = (rng.randint(1, 9), rng.randint(10, 99))
        if pr not in pairs:
            pairs.append(pr)
    p.update(pairs=pairs, sorted_second=[b for _, b in sorted(pairs)],
             unstable=rng.random() < 0.5)
    # default template
    p["ctor"] = rng.random() < 0.5
    p["bf"] = rng.choice(["active", "done", "hidden", "locked", "visible", "flagged", "archived"])
    # partial_ord template: pairs of (f1, f2) values, some equal in the first field
    cases = []
    for _ in range(3):
        x = (rng.randint(0, 9), rng.randint(0, 9))
        y = (x[0], rng.randint(0, 9)) if rng.random() < 0.4 else (rng.randint(0, 9), rng.randint(0, 9))
        want = {"ne": x < y, "eq": x > y, "count": x <= y}[p["cmp"]]
        cases.append((x[0], x[1], y[0], y[1], "true" if want else "false"))
    p["ord_cases"] = cases
    return p


# ---------------------------------------------------------------- tb_impl
def sample_impl(rng):
    p = _common(Names(rng))
    p.update(word=rng.choice(WORDS), n=rng.randint(1, 60), n2=rng.randint(1, 60),
             drop_first=rng.random() < 0.5, wrong_recv=rng.choice(["self", "&mut self"]),
             use_in_fn=rng.random() < 0.4,
             ctor=rng.choice(["new", "create", "build", "make", "with_value", "from_raw"]))
    p["wrong"] = rng.choice(WRONG_NAMES).format(p["m1"])
    p["vals"] = _ints(rng, rng.randint(2, 4), 1, 40)
    p["factor"] = rng.randint(2, 12)
    return p


# ---------------------------------------------------------------- tb_bounds
def sample_bounds(rng):
    p = _common(Names(rng))
    ints = _ints(rng, rng.randint(3, 6), -50, 99)
    chars = rng.sample("abcdefghijklmnopqrstuvwxyz", rng.randint(3, 5))
    p.update(ints=ints, chars=chars, want_max=rng.random() < 0.5, bound_first=rng.random() < 0.5)
    p["int_best"] = max(ints) if p["want_max"] else min(ints)
    p["char_best"] = max(chars) if p["want_max"] else min(chars)
    us = _ints(rng, rng.randint(2, 5), 0, 500)
    p.update(us=us, us_sum=sum(us), is_sum=sum(ints))
    p["wrap"] = rng.choice(WRAPS)
    p["sep"] = rng.choice(SEPS)
    p["shown"] = p["sep"].join(f"{p['wrap'][0]}{x}{p['wrap'][1]}" for x in ints)
    words = [rng.choice(WORDS[:6]) for _ in range(rng.randint(3, 6))]
    p.update(words=words, target=words[0], target_count=words.count(words[0]))
    target_int = rng.choice(ints)
    p.update(target_int=target_int, target_int_count=ints.count(target_int))
    w1, w2 = rng.sample(WORDS, 2)
    p.update(w1=w1, w2=w2, w_best=max(w1, w2), a1=rng.randint(0, 99), a2=rng.randint(0, 99))
    p["a_best"] = max(p["a1"], p["a2"])
    p.update(acc_total=rng.choice(["total", "sum", "running", "so_far"]),
             acc_count=rng.choice(["count", "seen", "samples", "n_items"]),
             acc_add=rng.choice(["add", "push", "record", "feed", "absorb"]),
             acc_get=rng.choice(["snapshot", "totals", "summary", "state", "current"]))
    return p


# ---------------------------------------------------------------- tb_where
def sample_where(rng):
    p = _common(Names(rng))
    ints = _ints(rng, rng.randint(2, 6), -40, 99)
    p["ints"] = ints
    p["sep"] = rng.choice(SEPS)
    p["joined"] = p["sep"].join(str(x) for x in ints)
    p["sq_sum"] = sum(x * x for x in range(1, p["k"] + 1))
    p["sq_product"] = 1
    for x in range(1, p["k"] + 1):
        p["sq_product"] *= x * x
    p["product"] = rng.random() < 0.4
    small = _ints(rng, rng.randint(2, 4), 1, 9)
    p["small_ints"], p["small_sum"] = small, sum(small)
    p["small_product"] = 1
    for x in small:
        p["small_product"] *= x
    p["pa"], p["pb"] = rng.choice(PAIRS)
    p["miss"] = rng.choice(["a", "b"])
    p["op"] = rng.choice(["+", "-", "*"])
    x, y = rng.randint(0, 200), rng.randint(-100, 100)
    p.update(x=x, y=y, xy={"+": x + y, "-": x - y, "*": x * y}[p["op"]])
    keys = rng.sample(WORDS, rng.randint(2, 5))
    p.update(keys=keys, vals=_ints(rng, len(keys), 0, 9), want_max=rng.random() < 0.5)
    p["best_key"] = max(keys) if p["want_max"] else min(keys)
    p["word"] = rng.choice(WORDS)
    p["n"] = rng.randint(0, 999)
    p["kv_sep"] = rng.choice(["=", ": ", " -> ", "/", " => "])
    pairs = [tuple(_ints(rng, 2, 0, 50)) for _ in range(rng.randint(2, 4))]
    p.update(pairs=pairs, maxes=[max(a, b) for a, b in pairs], mins=[min(a, b) for a, b in pairs])
    return p


# ---------------------------------------------------------------- tb_associated
ASSOC_TYPES = ["Item", "Value", "Unit", "Elem", "Output", "Part"]
CONSTS = ["MAX", "LIMIT", "CAPACITY", "BASE", "SCALE", "STEP", "CEILING", "WEIGHT"]


def sample_associated(rng):
    p = _common(Names(rng))
    p.update(at=rng.choice(ASSOC_TYPES), cn=rng.choice(CONSTS), cval=rng.randint(5, 90))
    vals = _ints(rng, rng.randint(2, 5), 0, 120)
    p.update(vals=vals, clamped=[min(v, p["cval"]) for v in vals])
    p["word"] = rng.choice(WORDS)
    p["offset"] = rng.randint(1, 50)
    p["raw"] = rng.randint(0, 500)
    p["money"] = _ints(rng, rng.randint(2, 5), -100, 500)
    p["scale_n"] = rng.randint(1, 6)
    return p


# ---------------------------------------------------------------- tb_dyn
def sample_dyn(rng):
    p = _common(Names(rng))
    p.update(a=p["ty"], b=p["ty2"], limit=rng.randint(2, 20), kb=rng.randint(1, 30))
    p["probe_hi"] = p["limit"] + rng.randint(1, 10)
    p["probe_lo"] = rng.randint(0, p["limit"])
    p["sa"] = rng.randint(1, 40)
    p["site"] = rng.choice(["slice", "ref", "field"])
    p["word"] = rng.choice(WORDS)
    p["op1"], p["op2"] = rng.sample(["inc", "double", "square", "neg", "half", "triple", "shift"], 2)
    p["k1"], p["k2"] = rng.randint(1, 9), rng.randint(2, 9)
    p["x"] = rng.randint(-20, 50)
    return p


# ---------------------------------------------------------------- tb_send_sync
def sample_send_sync(rng):
    nm = Names(rng)
    p = _common(nm)
    vals = _ints(rng, rng.randint(2, 5), 1, 60)
    p.update(vals=vals, nthreads=rng.randint(2, 5), word=rng.choice(WORDS))
    p["var"], p["var2"] = nm.some(SHARED_VARS, 2)
    p["h"] = rng.choice(["handle", "worker", "child", "joiner", "producer"])
    p["alias"] = rng.choice(["Job", "Task", "Work", "Thunk", "Action"])
    p["sep"] = rng.choice([": ", "=", " x", "/", " -> "])
    p["xs"] = rng.choice(["words", "chunks", "batches", "parts", "lines", "groups"])
    n = p["nthreads"]
    p["per"] = rng.randint(1, 20)
    p["counter_total"] = n * p["per"]
    p["scaled"] = rng.random() < 0.5
    p["sum_total"] = sum(vals)
    p["words"] = words = rng.sample(WORDS, rng.randint(2, 4))
    p["fp"] = rng.choice(["F", "J", "Job", "W"])
    p["job"] = rng.choice(["job", "task", "work", "f"])
    p["tx"], p["rx"] = rng.choice([("tx", "rx"), ("sender", "receiver"), ("out", "inbox"),
                                   ("send_end", "recv_end")])
    measures = {"len()": len, "chars().count()": len,
                "chars().filter(|c| \"aeiou\".contains(*c)).count()": lambda w: sum(ch in "aeiou" for ch in w),
                "bytes().filter(|b| *b > b'l').count()": lambda w: sum(ch > "l" for ch in w)}
    p["measure"] = rng.choice(sorted(measures))
    p["measured"] = [measures[p["measure"]](w) for w in words]
    return p


# ---------------------------------------------------------------- tb_from_into
UNITS = [("Celsius", "Kelvin", 273), ("Meters", "Millimeters", 1000), ("Seconds", "Millis", 1000),
         ("Grams", "Milligrams", 1000), ("Dollars", "Cents", 100), ("Hours", "Minutes", 60),
         ("Feet", "Inches", 12), ("Days", "Hours", 24)]


def sample_from_into(rng):
    p = _common(Names(rng))
    src, dst, factor = rng.choice(UNITS)
    p.update(src=src, dst=dst, factor=factor, additive=(src == "Celsius"))
    p["v"] = rng.randint(0, 400)
    p["conv"] = p["v"] + factor if p["additive"] else p["v"] * factor
    p["narrow"], top = rng.choice([("u8", 255), ("u16", 65535), ("i8", 127), ("i16", 32767)])
    p["fallback"], p["fallback_value"] = rng.choice([(f"{p['narrow']}::MAX", top), ("0", 0)])
    p.update(big=rng.randint(top + 1, top * 4), small=rng.randint(0, top))
    p["good"], p["bad"] = str(rng.randint(0, 9999)), rng.choice(["x1", "abc", "", "12q", "-", "4.5"])
    p["var"] = rng.choice(["converted", "result", "out", "value", "target_value"])
    p["err"] = rng.choice(["AppError", "ConfigError", "InputError", "LoadError", "ParseFailure"])
    p["word"] = rng.choice(WORDS)
    p["pairs"] = [tuple(_ints(rng, 2, -20, 20)) for _ in range(rng.randint(2, 4))]
    p["pair_sums"] = [a + b for a, b in p["pairs"]]
    return p


# ---------------------------------------------------------------- tb_iterator
def sample_iterator(rng):
    p = _common(Names(rng))
    p["start"] = rng.randint(3, 12)
    p["stepn"] = rng.randint(1, 3)
    seq = list(range(p["start"], 0, -p["stepn"]))
    p.update(seq=seq, seq_sum=sum(seq), seq_len=len(seq))
    ints = _ints(rng, rng.randint(3, 7), 0, 60)
    p["ints"] = ints
    p["t"] = rng.choice(ints)
    p["above"] = [x for x in ints if x > p["t"]]
    p["scaled"] = [x * p["k"] for x in ints]
    p["limit"] = rng.randint(5, 30)
    p["div"] = rng.choice([2, 3, 5])
    p["multiples"] = [x for x in range(p["limit"]) if x % p["div"] == 0]
    p["diffs_sum"] = sum(b - a for a, b in zip(ints, ints[1:]))
    p["labels"] = rng.choice([("rising", "falling", "flat"), ("up", "down", "level"), ("grows", "shrinks", "steady"),
                              ("increasing", "decreasing", "constant"), ("gain", "loss", "even")])
    d = p["diffs_sum"]
    p["trend"] = p["labels"][0] if d > 0 else p["labels"][1] if d < 0 else p["labels"][2]
    p["var"] = rng.choice(["out", "acc", "result", "buf", "collected"])
    p["lf"] = rng.choice(["values", "numbers", "queue", "source", "stack"])
    p["ix"] = rng.choice(["pos", "index", "cursor", "next_idx", "offset"])
    return p


# ---------------------------------------------------------------- tb_display_debug
def sample_display(rng):
    p = _common(Names(rng))
    p["word"] = rng.choice(WORDS)
    p["n"] = rng.randint(0, 999)
    p["unit"] = rng.choice(["kg", "m", "s", "px", "pts", "cm", "%", "ms"])
    p["pre"] = rng.choice(["", "#", "@", "~", "no. ", "item "])
    p["sep"] = rng.choice([": ", " x", " - ", " = ", "/", " @ "])
    p["rows"] = [_ints(rng, rng.randint(2, 3), 0, 9) for _ in range(rng.randint(2, 3))]
    p["cell_sep"] = rng.choice([" ", ",", "|", "\\t", ";", " | "])
    p["rows_field"] = rng.choice(["rows", "cells", "lines", "table", "grid", "data"])
    p["row_var"] = rng.choice(["row", "line", "r", "entry"])
    p["cells_var"] = rng.choice(["parts", "texts", "fields", "shown"])
    return p
