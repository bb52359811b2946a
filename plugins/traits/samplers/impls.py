"""Samplers of the traits tasks on writing impls: derives (tb_derive), impl blocks
(tb_impl), From/Into (tb_from_into), Iterator (tb_iterator) and Display/Debug
(tb_display_debug)."""

from share.koans.names import Names, ints

from .pools import WORDS, WRONG_NAMES, _common

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
    a1, a2, b2 = ints(rng, 3, 1, 99, distinct=True)
    p.update(a1=a1, a2=a2, b2=b2, cmp=rng.choice(["eq", "ne", "count"]), word=rng.choice(WORDS))
    # eq/count template: a list with some equal items
    items = [rng.choice([a2, b2]) for _ in range(rng.randint(3, 6))]
    p.update(items=items, n_equal=sum(1 for x in items if x == a2))
    # clone template
    p["clone_vals"] = ints(rng, rng.randint(2, 4), 1, 50)
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
    p["vals"] = ints(rng, rng.randint(2, 4), 1, 40)
    p["factor"] = rng.randint(2, 12)
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
    p["pairs"] = [tuple(ints(rng, 2, -20, 20)) for _ in range(rng.randint(2, 4))]
    p["pair_sums"] = [a + b for a, b in p["pairs"]]
    return p


# ---------------------------------------------------------------- tb_iterator
def sample_iterator(rng):
    p = _common(Names(rng))
    p["start"] = rng.randint(3, 12)
    p["stepn"] = rng.randint(1, 3)
    seq = list(range(p["start"], 0, -p["stepn"]))
    p.update(seq=seq, seq_sum=sum(seq), seq_len=len(seq))
    values = ints(rng, rng.randint(3, 7), 0, 60)
    p["ints"] = values
    p["t"] = rng.choice(values)
    p["above"] = [x for x in values if x > p["t"]]
    p["scaled"] = [x * p["k"] for x in values]
    p["limit"] = rng.randint(5, 30)
    p["div"] = rng.choice([2, 3, 5])
    p["multiples"] = [x for x in range(p["limit"]) if x % p["div"] == 0]
    p["diffs_sum"] = sum(b - a for a, b in zip(values, values[1:]))
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
    p["rows"] = [ints(rng, rng.randint(2, 3), 0, 9) for _ in range(rng.randint(2, 3))]
    p["cell_sep"] = rng.choice([" ", ",", "|", "\\t", ";", " | "])
    p["rows_field"] = rng.choice(["rows", "cells", "lines", "table", "grid", "data"])
    p["row_var"] = rng.choice(["row", "line", "r", "entry"])
    p["cells_var"] = rng.choice(["parts", "texts", "fields", "shown"])
    return p
