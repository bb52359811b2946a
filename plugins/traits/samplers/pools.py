"""The traits family's identifier pools (disjoint, checked by share.koans.names.disjoint),
the word and symbol pools its samplers share, and the helper they all call: `_common`
(numbers come from share.koans.names.ints)."""

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
