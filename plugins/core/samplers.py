"""Samplers of the core family: one per task, drawing every identifier, literal and small
number its templates use from the `random.Random` it is given (and nothing else), and
computing the concrete values the hidden tests expect.

Every sampler returns one flat dict that serves all of its task's templates; a template
uses the keys it needs. Identifiers are drawn through `Names`, so no two roles in one
koan share a name, and none is a keyword or a prelude name.
"""

from __future__ import annotations

import random

KEYWORDS = set(
    "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move "
    "mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do "
    "final gen macro override priv try typeof unsized virtual yield union".split()
)
# never a generated name (or typo): prelude items and names the templates use literally
RESERVED = KEYWORDS | set(
    "drop Some None Ok Err Box Vec String Option Result std core alloc main new tests test x y i j w c n u p q r it "
    "op cmd ok len sum max min push pop insert get iter map filter count fold chars clone format print println "
    "to_string as_str into from default is_empty clear swap rev".split()
)

SCALARS = ["width", "height", "score", "level", "price", "speed", "depth", "weight", "budget", "stock", "limit",
           "offset", "bonus", "rank", "volume", "amount", "balance", "credit", "energy", "health", "power", "radius",
           "age", "cost", "fuel", "load", "factor", "margin", "quota", "target", "capacity", "length", "points",
           "hours", "days", "coins", "seeds", "pages", "votes", "tokens", "cards", "laps", "goals", "wins", "stars"]
LISTS = ["values", "items", "nums", "scores", "readings", "samples", "data", "entries", "amounts", "weights",
         "prices", "marks", "sizes", "ticks", "levels", "inputs", "figures", "grades", "heights", "costs"]
ACCS = ["total", "acc", "result", "running", "tally", "best", "out", "answer", "agg", "current", "found", "seen",
        "collected", "kept", "buffer", "sum_so_far", "so_far", "picked"]
TEXTS = ["text", "line", "name", "label", "word", "title", "phrase", "message", "input", "raw", "source",
         "caption", "owner", "city", "tag", "brand", "color", "note", "motto", "slogan"]
FUNCS = ["compute", "tally_up", "measure", "combine", "total_of", "score_of", "weigh", "scale", "summarize",
         "count_up", "accumulate", "collect_all", "evaluate", "estimate", "gather", "process", "reckon", "rate",
         "grade", "pack", "spread", "merge_all", "settle", "balance_of", "adjust", "boost", "shrink", "double_up",
         "advance", "describe", "render", "report", "assess", "refine", "convert", "digest", "survey", "inspect",
         "pick_out", "plan", "prepare", "rank_of", "audit", "review", "tabulate", "weigh_in"]
TYPES = ["Point", "Counter", "Account", "Inventory", "Robot", "Player", "Order", "Ticket", "Sensor", "Garden",
         "Wallet", "Timer", "Recipe", "Vehicle", "Planet", "Tank", "Shelf", "Invoice", "Ledger", "Meter", "Rocket",
         "Farm", "Team", "Bucket", "Library", "Store", "Engine", "Tower", "Basket", "Parcel", "Crate", "Lamp",
         "Drone", "Kiosk", "Cabin", "Market"]
ENUMS = ["Kind", "Mode", "Tier", "Season", "Fruit", "Action", "Grade", "Material", "Phase", "Signal", "Category",
         "Flavor", "Weather", "Rating", "Stage", "Token", "Piece", "Suit"]
VARIANTS = ["Small", "Medium", "Large", "Low", "High", "Idle", "Running", "Stopped", "Red", "Green", "Blue",
            "Open", "Closed", "Pending", "Done", "Apple", "Pear", "Plum", "Walk", "Swim", "Fly", "Gold", "Silver",
            "Bronze", "Spring", "Summer", "Autumn", "Winter", "Fast", "Slow", "Hot", "Cold", "Wood", "Stone", "Iron",
            "Glass", "Basic", "Extra", "Rare", "Common"]
TRAITS = ["Describe", "Measure", "Scored", "Priced", "Weighted", "Named", "Sized", "Valued", "Rated", "Counted",
          "Summary", "Area"]
MODS = ["shop", "geometry", "bank", "config", "stats", "garden", "school", "farm", "kitchen", "fleet", "parking",
        "weather", "market", "office", "harbor", "studio", "clinic", "museum", "station", "arcade"]
CONSTS = ["MAX_ITEMS", "LIMIT", "CAPACITY", "MAX_LEN", "THRESHOLD", "BATCH_SIZE", "MAX_COUNT", "WINDOW",
          "TOP_N", "KEEP", "QUOTA", "CUTOFF", "MIN_SCORE", "PASS_MARK", "BASE_RATE", "STEP"]
VARIED = ["ant", "bee", "cat", "oak", "sun", "fig", "kiwi", "pear", "plum", "lime", "wolf", "apple", "river",
          "stone", "banana", "cherry", "orange", "pepper", "walnut", "melon", "lemonade", "elephant"]
BOOLS = ["active", "ready", "open", "valid", "busy", "visible", "enabled", "alive", "done", "full", "locked",
         "paid", "online", "urgent"]
WORDS = ["apple", "river", "stone", "cloud", "maple", "tiger", "lemon", "piano", "ocean", "amber", "delta", "ember",
         "frost", "grape", "honey", "ivory", "jelly", "koala", "lilac", "mango", "north", "olive", "pearl", "quill",
         "robin", "sugar", "tulip", "umbra", "vivid", "whale", "cedar", "bison"]


LOOPVARS = ["x", "v", "e", "val", "elem", "el", "entry", "each"]
CHARVARS = ["c", "ch", "letter", "symbol", "glyph"]
WORDVARS = ["w", "word", "part", "piece", "chunk", "token"]
UNSIGNED = ["u32", "u64", "usize", "u16"]
SIGNED = ["i32", "i64", "isize", "i16"]
COUNTS = ["usize", "u32", "u64"]


class Names:
    """Distinct identifiers for one koan: every draw avoids what was drawn before."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()  # membership only, never iterated

    def take(self, pool: list[str], k: int | None = None):
        free = [p for p in pool if p not in self.used and p not in RESERVED]
        got = self.rng.sample(free, 1 if k is None else k)
        self.used.update(got)
        return got[0] if k is None else got

    def fresh(self, pool: list[str]) -> str:
        """A name from a pool of short local names (loop variables): only unused ones."""
        got = self.rng.choice([p for p in pool if p not in self.used])
        self.used.add(got)
        return got

    def typo(self, name: str) -> str:
        """A plausible misspelling of `name` that names nothing else in the koan."""
        cands = [name[:i] + name[i + 1:] for i in range(1, len(name))]
        cands += [name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in range(1, len(name) - 1)
                  if name[i] != name[i + 1] and name[i].isalpha() and name[i + 1].isalpha()]
        cands.append(name[:-1] if name.endswith(("s", "S")) else name + ("S" if name.isupper() else "s"))
        ok = [c for c in dict.fromkeys(cands)
              if c != name and len(c) > 2 and c not in self.used and c not in RESERVED
              and not c.endswith("_") and not c.startswith("_") and "__" not in c]
        got = self.rng.choice(ok)
        self.used.add(got)
        return got


def quoted(words) -> str:
    return ", ".join(f'"{w}"' for w in words)


def ints(rng: random.Random, k: int, lo: int = 1, hi: int = 20) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(k)]


def rust_vec(values) -> str:
    return ", ".join(str(v) for v in values)


def rust_float(x: float) -> str:
    return repr(float(x))


# --------------------------------------------------------------------------- core_type_mismatch
def sample_type_mismatch(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "T": nm.take(TRAITS), "fa": nm.take(TEXTS), "fb": nm.take(SCALARS),
         "fc": nm.take(SCALARS), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS),
         "a": nm.take(TEXTS), "b": nm.take(TEXTS), "v": nm.take(LISTS), "acc": nm.take(ACCS)}
    w = rng.sample(WORDS, 4)
    d.update(w1=w[0], w2=w[1], w3=w[2], n1=rng.randint(1, 20), n2=rng.randint(1, 20), k=rng.randint(3, 12))
    # string builder handed to a &str function
    d["words"] = rng.sample(WORDS, rng.randint(2, 4))
    d["words_rs"] = quoted(d["words"])
    # if/else arms: one arm formats, the other is a bare literal
    d["lit_then"] = rng.random() < 0.5
    d["hi"] = d["k"] + rng.randint(1, 6)
    d["lo"] = rng.randint(0, d["k"])
    # an f64 field given an integer literal
    d["int_lit"] = rng.randint(2, 9)
    d["half"] = rust_float(rng.randint(1, 6) + 0.5)
    d["int_first"] = rng.random() < 0.5
    d["product"] = rust_float(d["int_lit"] * float(d["half"]))
    # a HashMap<String, u32> with one &str key
    keys = rng.sample(WORDS, 3)
    d["entries"] = [{"key": kw, "n": rng.randint(1, 30)} for kw in keys]
    d["bad_entry"] = rng.randrange(3)
    d["probe"] = d["entries"][d["bad_entry"]]
    # a filter closure returning a number instead of a bool
    d["div"] = rng.randint(2, 5)
    d["nums"] = ints(rng, rng.randint(4, 7), 1, 30)
    d["nums_rs"] = rust_vec(d["nums"])
    d["keep"] = rng.random() < 0.5
    d["multiples"] = rust_vec([x for x in d["nums"] if (x % d["div"] == 0) == d["keep"]])
    d["lv"], d["ity"] = nm.fresh(LOOPVARS), rng.choice(UNSIGNED)
    # String::push given a &str
    d["ch"] = rng.choice("!*-+#=~.")
    d["reps"] = rng.randint(1, 5)
    d["pushed"] = w[3] + d["ch"] * d["reps"]
    d["w4"] = w[3]
    return d


# --------------------------------------------------------------------------- core_missing_import
def sample_missing_import(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "mod": nm.take(MODS), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS),
         "a": nm.take(LISTS), "b": nm.take(ACCS), "t": nm.take(TEXTS), "fa": nm.take(SCALARS),
         "p": nm.take(SCALARS), "q": nm.take(SCALARS)}
    word = rng.choice(WORDS)
    d["word"] = word
    d["letter"] = rng.choice(word)
    d["letter_count"] = word.count(d["letter"])
    d["distinct_letters"] = len(dict.fromkeys(word))
    d["cv"], d["lv"], d["wv"] = nm.fresh(CHARVARS), nm.fresh(LOOPVARS), nm.fresh(WORDVARS)
    d["cnt"], d["ity"] = rng.choice(COUNTS), rng.choice(UNSIGNED + SIGNED)
    d["nums"] = ints(rng, rng.randint(4, 7), 1, 9)
    d["nums_rs"] = rust_vec(d["nums"])
    d["distinct"] = len(dict.fromkeys(d["nums"]))
    w = rng.sample(WORDS, 3)
    d.update(w1=w[0], w2=w[1], w3=w[2])
    d["x"], d["y"] = rng.randint(-9, 9), rng.randint(-9, 9)
    d["cmp_word"] = w[0] if d["x"] < d["y"] else w[1] if d["x"] == d["y"] else w[2]
    d["k"], d["n1"], d["n2"], d["n3"] = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    d["mod_total"] = d["n1"] * d["n2"] + d["k"] + d["n3"] * 1 + d["k"]
    d["struct_total"] = d["n1"] * d["n2"]
    # BTreeMap word counts, sorted by key
    seq = [rng.choice(w) for _ in range(rng.randint(3, 6))]
    d["seq_rs"] = quoted(seq)
    d["sorted_counts"] = ", ".join(f'("{k}".to_string(), {seq.count(k)})' for k in sorted(dict.fromkeys(seq)))
    # std::cmp::max / min over a slice
    d["pick"] = rng.choice(["max", "min"])
    d["start"] = "0" if d["pick"] == "max" else d["ity"] + "::MAX"
    d["picked"] = max(d["nums"]) if d["pick"] == "max" else min(d["nums"])
    # eval: words grouped by length inside a module
    group = rng.sample(VARIED, rng.randint(3, 6))
    d["group_rs"] = quoted(group)
    d["glen"] = len(group[0])
    d["gcount"] = sum(len(x) == d["glen"] for x in group)
    # eval: VecDeque rotation
    d["rot"] = rng.randint(1, len(d["nums"]) - 1)
    d["rotated"] = rust_vec(d["nums"][d["rot"]:] + d["nums"][:d["rot"]])
    return d


# --------------------------------------------------------------------------- core_unresolved_name
def sample_unresolved_name(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "E": nm.take(ENUMS), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS),
         "a": nm.take(LISTS), "b": nm.take(ACCS), "fa": nm.take(SCALARS), "fb": nm.take(SCALARS),
         "C": nm.take(CONSTS), "num": nm.take(SCALARS), "bind": nm.take(SCALARS), "bind2": nm.take(SCALARS),
         "bind3": nm.take(SCALARS)}
    d["V1"], d["V2"] = nm.take(VARIANTS, 2)
    d["where"] = rng.randrange(3)
    # one typo per name a template may misspell (a template uses the one it needs)
    for key in ("b", "g", "C", "f", "a", "fb", "bind3"):
        d[key + "_t"] = nm.typo(d[key])
    d["use_other_binding"] = rng.random() < 0.3
    d["k"] = rng.randint(2, 9)
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["scaled_total"] = sum(x * d["k"] for x in d["nums"])
    d["mapped"] = rust_vec([x * d["k"] + 1 for x in d["nums"]])
    d["largest"] = max(d["nums"])
    d["n1"], d["n2"], d["n3"] = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    d["self_value"] = d["n1"] * d["k"] + d["n2"]
    d["match1"] = d["n1"] * d["k"]
    d["match2"] = d["n2"] + d["n3"]
    d["limit"] = rng.randint(1, len(d["nums"]))
    d["kept"] = rust_vec(d["nums"][:d["limit"]])
    # eval: Collatz steps and Fibonacci
    start = rng.randint(3, 30)
    d["start"], d["steps"] = start, _collatz(start)
    d["fib_n"] = rng.randint(5, 15)
    d["fib"] = _fib(d["fib_n"])
    d["which_call"] = rng.randrange(2)
    d["fib_ty"] = rng.choice(["u64", "u32", "u128", "usize"])
    return d


def _collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


# --------------------------------------------------------------------------- core_arity
ARITY_BODIES = [  # (rust expression over p0, p1, p2, python function)
    ("({0} + {1}) * {2}", lambda a, b, c: (a + b) * c),
    ("{0} * {1} + {2}", lambda a, b, c: a * b + c),
    ("{0} + {1} * {2}", lambda a, b, c: a + b * c),
    ("({0} + {2}) * {1}", lambda a, b, c: (a + c) * b),
    ("{0} * {1} * {2}", lambda a, b, c: a * b * c),
]


def _drop_one(args: list[str], at: int) -> str:
    return ", ".join(a for i, a in enumerate(args) if i != at)


def sample_arity(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "mod": nm.take(MODS), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS),
         "v": nm.take(LISTS), "acc": nm.take(ACCS)}
    p = nm.take(SCALARS, 4)
    d.update(a=p[0], b=p[1], c=p[2], e=p[3])
    fa, fb, fc = nm.take(SCALARS, 3)
    d.update(fa=fa, fb=fb, fc=fc)
    d["flag"] = nm.take(["first", "left_side", "keep", "take_first", "prefer_a", "choose"])
    n1, n2, n3, k = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9), rng.randint(2, 9)
    d.update(n1=n1, n2=n2, n3=n3, k=k)
    # a free function of three parameters called with two
    body, fn = rng.choice(ARITY_BODIES)
    d["body"] = body.format(p[0], p[1], p[2])
    d["missing"] = rng.randrange(3)
    d["call_fixed"] = ", ".join(p[:3])
    d["call_broken"] = _drop_one(p[:3], d["missing"])
    d["free_value"] = fn(n1, n2, k)
    # a method missing its argument
    d["method_value"] = n1 * n2
    # a constructor missing the argument that is the caller's parameter
    d["ctor_missing"] = rng.randrange(3)
    lits = [str(n1), str(n2), rng.choice(["true", "false"])]
    args = list(lits)
    args[d["ctor_missing"]] = [fa, fb, fc][d["ctor_missing"]]
    d["ctor_param_type"] = "bool" if d["ctor_missing"] == 2 else "u32"
    d["ctor_arg"] = rng.choice(["true", "false"]) if d["ctor_missing"] == 2 else str(n3)
    d["ctor_fixed"] = ", ".join(args)
    d["ctor_broken"] = _drop_one(args, d["ctor_missing"])
    want = list(lits)
    want[d["ctor_missing"]] = d["ctor_arg"]
    d["ctor_want"] = want
    # an extra argument
    d["nums"] = ints(rng, rng.randint(2, 5), 1, 9)
    d["nums_rs"] = rust_vec(d["nums"])
    d["extra_value"] = sum(d["nums"]) * k
    # closure calling a two-argument function with one
    op = rng.choice([("{0} * {1} + 1", lambda x, y: x * y + 1), ("{0} + {1}", lambda x, y: x + y),
                     ("{0} * {1}", lambda x, y: x * y), ("{0} * 2 + {1}", lambda x, y: x * 2 + y)])
    d["pair_body"] = op[0].format(p[0], p[1])
    d["mapped"] = rust_vec([op[1](x, k) for x in d["nums"]])
    # a module function missing one of two arguments (i32, may be negative)
    x, y = rng.randint(-9, 9), rng.randint(-9, 9)
    d["x"], d["y"] = x, y
    d["sub_first"] = rng.random() < 0.5
    d["mod_missing"] = rng.randrange(2)
    d["mod_fixed"] = f"{p[2]}, {p[3]}"
    d["mod_broken"] = p[3] if d["mod_missing"] == 0 else p[2]
    d["mod_value"] = (x - y) * 2 if d["sub_first"] else (y - x) * 2
    # eval: Vec::insert with one argument, generic pick with two
    d["reversed"] = rust_vec(d["nums"][::-1])
    d["lv"], d["ity"] = nm.fresh(LOOPVARS), rng.choice(UNSIGNED + SIGNED)
    d["pick_call"] = rng.randrange(2)
    c1, c2 = rng.sample("abcdefghkmnpqrstuvwxyz", 2)
    d.update(c1=c1, c2=c2, s1=rng.choice(WORDS), s2=rng.choice(WORDS))
    return d


# --------------------------------------------------------------------------- core_immutable
def sample_immutable(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "f": nm.take(FUNCS), "m": nm.take(FUNCS), "m2": nm.take(FUNCS),
         "a": nm.take(LISTS), "b": nm.take(ACCS), "fa": nm.take(SCALARS), "fb": nm.take(SCALARS),
         "num": nm.take(SCALARS), "stop": nm.take(SCALARS), "words_var": nm.take(["words", "tokens_in", "parts", "pieces", "names", "labels"])}
    k, n = rng.randint(2, 9), rng.randint(2, 6)
    d.update(k=k, n=n)
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["above"] = sum(x for x in d["nums"] if x > k)
    d["pushed"] = rust_vec([i * k for i in range(1, n + 1)])
    d["words"] = rng.sample(WORDS, rng.randint(2, 4))
    d["words_rs"] = quoted(d["words"])
    d["sep"] = rng.choice(",;-/|+")
    d["joined"] = "".join(w + d["sep"] for w in d["words"])
    d["kind"] = rng.choice(["push", "add"])
    d["method_total"] = sum(d["nums"])
    seq = [rng.choice(d["words"][:2]) for _ in range(rng.randint(3, 6))]
    d["seq_rs"] = quoted(seq)
    d["probe"] = seq[0]
    d["probe_count"] = seq.count(seq[0])
    d["distinct"] = len(dict.fromkeys(seq))
    number = rng.randint(10, 9999)
    d["number"], d["digit_sum"] = number, sum(int(ch) for ch in str(number))
    d["dx"], d["dy"] = rng.randint(1, 9), rng.randint(1, 9)
    d["sub_first"] = rng.random() < 0.5
    d["moved_a"] = d["dx"] - k if d["sub_first"] else d["dx"]
    d["moved_b"] = d["dy"] if d["sub_first"] else d["dy"] - k
    # eval: sort a copy; sum an iterator up to a stop value
    d["desc"] = rng.random() < 0.5
    d["sorted"] = rust_vec(sorted(d["nums"], reverse=d["desc"]))
    d["ity"], d["uty"], d["cnt"] = rng.choice(UNSIGNED + SIGNED), rng.choice(["u32", "u64", "usize"]), rng.choice(COUNTS)
    d["wv"], d["count_digits"] = nm.fresh(WORDVARS), rng.random() < 0.5
    d["digit_result"] = len(str(number)) if d["count_digits"] else d["digit_sum"]
    d["stop_value"] = rng.choice(d["nums"][1:])
    d["before_stop"] = sum(d["nums"][:d["nums"].index(d["stop_value"])])
    return d


# --------------------------------------------------------------------------- core_visibility
def sample_visibility(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "T": nm.take(TRAITS), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "h": nm.take(FUNCS),
         "m": nm.take(FUNCS), "m2": nm.take(FUNCS), "a": nm.take(SCALARS), "b": nm.take(SCALARS),
         "fa": nm.take(SCALARS), "fb": nm.take(SCALARS), "ft": nm.take(TEXTS), "v": nm.take(LISTS),
         "C": nm.take(CONSTS)}
    d["mod"], d["mod2"] = nm.take(MODS, 2)
    k, k2, n1, n2 = rng.randint(1, 9), rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 9)
    d.update(k=k, k2=k2, n1=n1, n2=n2)
    d["w1"], d["w2"], d["w3"] = rng.sample(WORDS, 3)
    d["fn_value"] = (n2 * k2 + k) + n2 * k2
    d["field_value"] = n1 + len(d["w1"])
    d["nums"] = ints(rng, rng.randint(2, 5), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["method_total"] = sum(d["nums"])
    d["under"] = sum(x <= n1 for x in d["nums"])
    d["struct_value"] = n2 * n1
    d["mod_text"] = f"{d['w2']}-{d['w1']}"
    d["trait_value"] = n2 + k
    # eval: a Vec of structs from a module, summed through a closure
    d["rows"] = [{"text": rng.choice(VARIED), "n": rng.randint(1, 20)} for _ in range(rng.randint(2, 4))]
    d["min_len"] = 4
    d["long_total"] = sum(r["n"] for r in d["rows"] if len(r["text"]) > d["min_len"])
    return d


# --------------------------------------------------------------------------- core_missing_field
POINT_FIELDS = [("x", "y"), ("row", "col"), ("lat", "lon"), ("left", "right"), ("start", "end"), ("dx", "dy")]


def sample_missing_field(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "P": nm.take(TYPES), "E": nm.take(ENUMS), "mod": nm.take(MODS), "f": nm.take(FUNCS),
         "g": nm.take(FUNCS), "m": nm.take(FUNCS), "a": nm.take(SCALARS), "b": nm.take(SCALARS),
         "v": nm.take(LISTS), "ft": nm.take(TEXTS), "fl": nm.take(LISTS), "fz": nm.take(BOOLS)}
    fa, fb, fc = nm.take(SCALARS, 3)
    d.update(fa=fa, fb=fb, fc=fc)
    d["V1"], d["V2"] = nm.take(VARIANTS, 2)
    d["px"], d["py"] = rng.choice(POINT_FIELDS)
    n1, n2, n3 = rng.randint(1, 20), rng.randint(1, 20), rng.randint(1, 20)
    d.update(n1=n1, n2=n2, n3=n3, w1=rng.choice(WORDS))
    # constructor from parameters, one field left out
    d["fields"] = [
        {"name": d["ft"], "ty": "String", "param": "&str", "init": f"{d['ft']}: {d['ft']}.to_string()",
         "arg": f'"{d["w1"]}"', "want": f'"{d["w1"]}"'},
        {"name": fb, "ty": "u32", "param": "u32", "init": fb, "arg": str(n1), "want": str(n1)},
        {"name": fc, "ty": "u32", "param": "u32", "init": fc, "arg": str(n2), "want": str(n2)},
    ]
    d["missing"] = rng.randrange(3)
    d["bumps"] = rng.randint(1, 5)
    d["pairs"] = [(rng.randint(1, 9), rng.randint(1, 9)) for _ in range(rng.randint(2, 4))]
    d["pairs_rs"] = ", ".join(f"({x}, {y})" for x, y in d["pairs"])
    d["pair_sum_a"] = sum(x for x, _ in d["pairs"])
    d["pair_sum_b"] = sum(y for _, y in d["pairs"])
    d["neg"] = -rng.randint(1, 9)
    d["variant_value"] = n1 * n2
    d["mod_value"] = n1 + n2
    d["missing2"] = rng.randrange(2)
    return d


# --------------------------------------------------------------------------- core_unknown_method
VEC_PUSH_WRONG = ["push_back", "add", "put", "push_item"]
LEN_WRONG = ["length", "size", "count"]
TRIM_WRONG = ["strip", "trim_spaces", "trimmed"]
CASES = [("to_uppercase", ["to_upper", "upper", "uppercase"], str.upper),
         ("to_lowercase", ["to_lower", "lower", "lowercase"], str.lower)]
CHECKS = [("starts_with", ["startswith", "begins_with", "starts"], str.startswith),
          ("ends_with", ["endswith", "ends", "finishes_with"], str.endswith),
          ("contains", ["includes", "contain", "has"], str.__contains__)]
MAP_INSERT_WRONG = ["add", "put", "push", "set"]
MAP_CONTAINS_WRONG = ["contains", "has_key", "has", "contains_entry"]
REV_WRONG = ["reverse", "reversed", "backwards", "rev_chars"]


def _misname(nm: Names, rng, name: str) -> str:
    pick = rng.choice([nm.typo(name), "get_" + name, "calc_" + name, name + "_value"])
    nm.used.add(pick)
    return pick


def sample_unknown_method(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "E": nm.take(ENUMS), "T": nm.take(TRAITS), "f": nm.take(FUNCS), "m": nm.take(FUNCS),
         "a": nm.take(LISTS), "b": nm.take(ACCS), "c": nm.take(ACCS), "t": nm.take(TEXTS), "fa": nm.take(SCALARS),
         "fb": nm.take(SCALARS), "fz": nm.take(BOOLS)}
    d["V1"], d["V2"], d["V3"] = nm.take(VARIANTS, 3)
    for key in ("m", "fa", "fb", "fz"):
        d[key + "_t"] = nm.typo(d[key])
    d["m_bad"] = _misname(nm, rng, d["m"])
    k, n1, n2, n3 = rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 20), rng.randint(1, 20)
    d.update(k=k, n1=n1, n2=n2, n3=n3)
    d["slot"] = rng.randrange(3)
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["above"] = sum(x > k for x in d["nums"])
    d["push_bad"], d["len_bad"] = rng.choice(VEC_PUSH_WRONG), rng.choice(LEN_WRONG)
    # String methods: trim, change case, check
    case, case_bad, case_fn = rng.choice(CASES)
    check, check_bad, check_fn = rng.choice(CHECKS)
    d.update(case=case, case_bad=rng.choice(case_bad), check=check, check_bad=rng.choice(check_bad),
             trim_bad=rng.choice(TRIM_WRONG))
    word = rng.choice(WORDS)
    raw = word[0].upper() + word[1:]
    d["raw"] = " " * rng.randint(1, 3) + raw + " " * rng.randint(0, 2)
    cased = case_fn(raw)
    d["cased"] = cased
    other = case_fn(rng.choice(WORDS))
    d["needle"] = rng.choice([cased[:2], cased[-2:], cased[1:3], other[:2]])
    d["checked"] = "true" if check_fn(cased, d["needle"]) else "false"
    # struct / enum / trait method values
    d["method_value"] = n1 * n2 + k
    d["pairs"] = [(rng.randint(1, 9), rng.randint(1, 9)) for _ in range(rng.randint(1, 3))]
    d["field_total"] = sum(x * y for x, y in d["pairs"])
    d["enum_values"] = [n1, n2, n3]
    d["enum_seq"] = [rng.randrange(3) for _ in range(rng.randint(2, 4))]
    d["enum_total"] = sum(d["enum_values"][i] for i in d["enum_seq"])
    d["trait_value"] = (n1 + n2) * k
    # HashMap methods
    d["insert_bad"], d["contains_bad"] = rng.choice(MAP_INSERT_WRONG), rng.choice(MAP_CONTAINS_WRONG)
    keys = rng.sample(VARIED, rng.randint(2, 4))
    d["keys_rs"] = quoted(keys)
    d["key_count"] = len(keys)
    d["probe"] = rng.choice(keys + [rng.choice(WORDS)])
    d["has_probe"] = "true" if d["probe"] in keys else "false"
    # eval: palindromes; a bool field in a filter
    pal = rng.choice(["level", "radar", "civic", "refer", "noon", "kayak", "madam", "stats", "rotor", "racecar"])
    d["pal"], d["non_pal"] = pal, rng.choice(VARIED)
    d["rev_bad"] = rng.choice(REV_WRONG)
    d["flags"] = [(rng.random() < 0.5, rng.randint(1, 9)) for _ in range(rng.randint(2, 4))]
    d["flag_count"] = sum(fl for fl, _ in d["flags"])
    d["flag_total"] = sum(n for _, n in d["flags"])
    return d


# --------------------------------------------------------------------------- core_non_exhaustive
OPS = [("Add", "{a} + {b}", lambda a, b: a + b), ("Sub", "{a} - {b}", lambda a, b: a - b),
       ("Mul", "{a} * {b}", lambda a, b: a * b), ("Max", "{a}.max({b})", max), ("Min", "{a}.min({b})", min)]
OP_ENUMS = ["Op", "Operation", "Calc", "BinOp", "Instr", "Step"]
SHAPES = [  # variant, alternative binding names, area expression over the bindings, python area
    ("Square", [["side"], ["s"], ["len"]], "{0} * {0}", lambda s: s * s),
    ("Rect", [["w", "h"], ["width", "height"], ["a", "b"]], "{0} * {1}", lambda w, h: w * h),
    ("Triangle", [["base", "height"], ["b", "h"]], "{0} * {1} / 2", lambda b, h: b * h // 2),
    ("Diamond", [["d1", "d2"], ["p", "q"]], "{0} * {1} / 2", lambda p, q: p * q // 2),
    ("Trapezoid", [["a", "b", "h"], ["top", "bottom", "height"]], "({0} + {1}) * {2} / 2",
     lambda a, b, h: (a + b) * h // 2),
]
SHAPE_ENUMS = ["Shape", "Figure", "Tile", "Plot", "Panel"]
DIRECTIONS = [["North", "South", "East", "West"], ["Up", "Down", "Right", "Left"]]
UNIT_SETS = [("Seconds", "Minutes", "Hours", "Days"), ("Millimeters", "Centimeters", "Meters", "Kilometers"),
             ("Penny", "Nickel", "Dime", "Quarter")]
UNIT_FACTORS = [(1, 60, 3600, 86400), (1, 10, 1000, 1000000), (1, 5, 10, 25)]
UNIT_ENUMS = ["Unit", "Measure", "Coin", "Scale", "Denomination"]
CMD_NAMES = [("Push", "Pop", "Clear"), ("Add", "Remove", "Reset"), ("Put", "Take", "Empty")]
CYCLES = [["Red", "Green", "Yellow"], ["Spring", "Summer", "Autumn", "Winter"], ["Rock", "Paper", "Scissors"],
          ["Morning", "Noon", "Evening", "Night"], ["Egg", "Larva", "Pupa", "Adult"]]


def sample_non_exhaustive(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS), "m2": nm.take(FUNCS),
         "a": nm.take(SCALARS), "b": nm.take(SCALARS), "v": nm.take(LISTS), "acc": nm.take(ACCS),
         "t": nm.take(TEXTS), "fa": nm.take(SCALARS), "fb": nm.take(SCALARS), "fc": nm.take(SCALARS),
         "kind": nm.take(["kind", "which", "action", "choice", "mode", "how"])}
    x, y = rng.randint(1, 20), rng.randint(1, 20)
    d.update(x=x, y=y)
    # arithmetic operations
    ops = rng.sample(OPS, rng.randint(3, 4))
    d["op_enum"] = rng.choice(OP_ENUMS)
    d["ops"] = [{"name": n, "expr": e.format(a=d["a"], b=d["b"]), "want": fn(x, y)} for n, e, fn in ops]
    d["op_missing"] = rng.randrange(len(ops))
    # shapes
    d["shape_enum"] = rng.choice(SHAPE_ENUMS)
    shapes, ty = [], rng.choice(["u32", "u64", "usize", "i32", "i64"])
    for name, alternatives, expr, fn in rng.sample(SHAPES, 3):
        fields = rng.choice(alternatives)
        args = [rng.randint(1, 9) for _ in fields]
        shapes.append({"name": name, "pat": f"{name}({', '.join(fields)})", "expr": expr.format(*fields),
                       "ty": ", ".join(ty for _ in fields), "args": rust_vec(args), "want": fn(*args)})
    d["shape_ty"] = ty
    d["shapes"], d["shape_missing"] = shapes, rng.randrange(3)
    # directions on a position
    dirs = rng.choice(DIRECTIONS)
    d["dirs"], d["dir_missing"] = dirs, rng.randrange(4)
    d["dir_enum"] = rng.choice(["Dir", "Direction", "Heading", "Compass"])
    moves = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}
    walk = [rng.randrange(4) for _ in range(rng.randint(3, 6))]
    if d["dir_missing"] not in walk:
        walk[rng.randrange(len(walk))] = d["dir_missing"]
    d["walk"] = ", ".join(f"{d['dir_enum']}::{dirs[i]}" for i in walk)
    d["end_x"] = sum(moves[i][0] for i in walk)
    d["end_y"] = sum(moves[i][1] for i in walk)
    # integer ranges with a documented fallback
    d["w0"], d["w1"], d["w2"] = rng.sample(WORDS, 3)
    d["hi"] = rng.randint(2, 9)
    d["big"] = d["hi"] + rng.randint(1, 20)
    d["mid"] = rng.randint(1, d["hi"])
    # two flags, weighted
    d["pa"], d["pb"] = rng.randint(1, 9), rng.randint(1, 9)
    d["flag_missing"] = rng.randrange(4)
    d["flag_arms"] = [{"pat": "(true, true)", "want": d["pa"] + d["pb"]}, {"pat": "(true, false)", "want": d["pa"]},
                      {"pat": "(false, true)", "want": d["pb"]}, {"pat": "(false, false)", "want": 0}]
    # units with factors
    u = rng.randrange(3)
    d["units"], d["factors"], d["unit_enum"] = UNIT_SETS[u], UNIT_FACTORS[u], rng.choice(UNIT_ENUMS)
    d["unit_missing"] = rng.randrange(1, 4)
    items = [(rng.randint(1, 5), rng.randrange(4)) for _ in range(rng.randint(2, 3))]
    if all(i != d["unit_missing"] for _, i in items):
        items[0] = (items[0][0], d["unit_missing"])
    d["unit_items"] = ", ".join(f"({n}, {d['unit_enum']}::{d['units'][i]})" for n, i in items)
    d["unit_total"] = sum(n * d["factors"][i] for n, i in items)
    # stack commands
    d["cmds"] = rng.choice(CMD_NAMES)
    d["cmd_enum"] = rng.choice(["Cmd", "Command", "Instruction", "Request"])
    d["cmd_missing"] = rng.randrange(3)
    seq, stack = [], []
    for _ in range(rng.randint(4, 7)):
        c = rng.choice([0, 0, 1, 2]) if seq else 0
        if c == 0:
            n = rng.randint(1, 9)
            seq.append(f"{d['cmd_enum']}::{d['cmds'][0]}({n})")
            stack.append(n)
        elif c == 1:
            seq.append(f"{d['cmd_enum']}::{d['cmds'][1]}")
            stack = stack[:-1]
        else:
            seq.append(f"{d['cmd_enum']}::{d['cmds'][2]}")
            stack = []
    needed = f"{d['cmd_enum']}::{d['cmds'][d['cmd_missing']]}"
    if not any(s_.startswith(needed) for s_ in seq):  # the missing command must be exercised
        seq.append(needed + ("(4)" if d["cmd_missing"] == 0 else ""))
        stack = stack + [4] if d["cmd_missing"] == 0 else stack[:-1] if d["cmd_missing"] == 1 else []
    d["cmd_seq"], d["cmd_result"] = ", ".join(seq), rust_vec(stack)
    # eval: a state cycle, character classes
    cyc = rng.choice(CYCLES)
    d["cycle"], d["cycle_enum"] = cyc, rng.choice(["State", "Stage", "Phase", "Light", "Turn"])
    d["cycle_missing"] = rng.randrange(len(cyc))
    d["text"] = "".join(rng.choice("abcxyz0123 !?-AB") for _ in range(rng.randint(5, 10)))
    d["lower"] = sum(ch.islower() for ch in d["text"])
    d["digits"] = sum(ch.isdigit() for ch in d["text"])
    d["others"] = len(d["text"]) - d["lower"] - d["digits"]
    return d


# --------------------------------------------------------------------------- core_return_type
def sample_return_type(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "E": nm.take(ENUMS), "T": nm.take(TRAITS), "f": nm.take(FUNCS), "m": nm.take(FUNCS),
         "a": nm.take(SCALARS), "b": nm.take(SCALARS), "c": nm.take(SCALARS), "v": nm.take(LISTS),
         "acc": nm.take(ACCS), "fa": nm.take(SCALARS), "fb": nm.take(SCALARS), "ft": nm.take(TEXTS)}
    d["V1"], d["V2"], d["V3"] = nm.take(VARIANTS, 3)
    k, n1, n2, n3 = rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 20), rng.randint(1, 20)
    d.update(k=k, n1=n1, n2=n2, n3=n3, w1=rng.choice(WORDS))
    d["tail_op"] = rng.choice(["+", "*"])
    d["tail_value"] = n1 * k + n2 if d["tail_op"] == "+" else n1 * k * n2
    d["num_ty"] = rng.choice(["u32", "u64", "i32", "i64", "usize"])
    d["arrow_value"] = n1 * n2 + k
    d["label"] = f"{d['w1']} x{n1}"
    d["dflt"] = rng.choice([0, 1, 100])
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["first_above"] = next((x for x in d["nums"] if x > k), d["dflt"])
    d["lv"], d["ity"] = nm.fresh(LOOPVARS), rng.choice(UNSIGNED + SIGNED)
    d["small_rs"] = rust_vec([rng.randint(0, k) for _ in range(rng.randint(1, 3))])
    d["which"] = rng.randrange(3)
    d["variant_value"] = [n1, n2, n3][d["which"]]
    d["trait_value"] = sum(d["nums"]) * k
    # eval: generic larger-of-two; smallest power above a limit
    d["base"] = rng.randint(2, 5)
    d["limit"] = rng.randint(1, 200)
    p = 1
    while p <= d["limit"]:
        p *= d["base"]
    d["power"] = p
    d["s1"], d["s2"] = sorted(rng.sample(WORDS, 2))
    d["larger"] = max(n1, n2)
    return d


# --------------------------------------------------------------------------- core_logic_bug
def sample_logic_bug(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "f": nm.take(FUNCS), "m": nm.take(FUNCS), "a": nm.take(LISTS), "b": nm.take(ACCS),
         "num": nm.take(SCALARS), "t": nm.take(TEXTS), "fa": nm.take(SCALARS), "fb": nm.take(SCALARS),
         "words_var": nm.take(["words", "parts", "pieces", "names", "labels", "tokens_in"]),
         "fold_acc": nm.take(["acc", "product", "prod", "running", "so_far"])}
    k, n = rng.randint(2, 9), rng.randint(2, 9)
    d.update(k=k, n=n)
    d["lv"], d["wv"], d["cnt"] = nm.fresh(LOOPVARS), nm.fresh(WORDVARS), rng.choice(COUNTS)
    d["uty"], d["sty"] = rng.choice(["u32", "u64", "usize"]), rng.choice(["i32", "i64", "isize"])
    d["fact_ty"] = rng.choice(["u64", "u32", "u128", "usize"])
    d["range_value"] = k * n * (n + 1) // 2
    # at least / at most a threshold
    d["at_least"] = rng.random() < 0.5
    vals = ints(rng, rng.randint(3, 6), 1, 20) + [k]
    rng.shuffle(vals)
    d["thr_rs"] = rust_vec(vals)
    d["thr_count"] = sum(x >= k for x in vals) if d["at_least"] else sum(x <= k for x in vals)
    # smallest / largest with the wrong starting value
    d["find_min"] = rng.random() < 0.5
    ext = ints(rng, rng.randint(3, 6), 1, 30)
    if not d["find_min"]:
        ext = [-x for x in ext]
    d["ext_rs"] = rust_vec(ext)
    d["ext_value"] = min(ext) if d["find_min"] else max(ext)
    # a struct method using the wrong field
    x, y = rng.sample(range(1, 15), 2)
    d["x"], d["y"] = x, y
    d["formula"] = rng.randrange(3)
    d["formula_value"] = [2 * (x + y), x * y, x * k + y][d["formula"]]
    # word counts starting at the wrong value
    pool = rng.sample(WORDS, 3)
    seq = [rng.choice(pool) for _ in range(rng.randint(3, 7))]
    d["sentence"] = " ".join(seq)
    d["probe"], d["probe_count"] = seq[0], seq.count(seq[0])
    # join with a separator between words only
    d["words"] = rng.sample(WORDS, rng.randint(2, 4))
    d["words_rs"] = quoted(d["words"])
    d["sep"] = rng.choice([", ", "-", " | ", "/", "; ", "+"])
    d["joined"] = d["sep"].join(d["words"])
    # even or odd values, doubled or squared
    d["want_even"] = rng.random() < 0.5
    d["square"] = rng.random() < 0.5
    par = ints(rng, rng.randint(4, 7), 1, 12)
    if len({v % 2 for v in par}) < 2:
        par.append(par[0] + 1)
    d["par_rs"] = rust_vec(par)
    keep = [v for v in par if (v % 2 == 0) == d["want_even"]]
    d["par_op"] = rng.randrange(4)
    d["par_result"] = rust_vec([[v * v, v * 2, v + 1, v * 3][d["par_op"]] for v in keep])
    # the index of a value, searched from the wrong start
    hay = ints(rng, rng.randint(3, 6), -9, 9)
    d["hay_rs"] = rust_vec(hay)
    d["needle"] = hay[0]
    d["missing_needle"] = rng.choice([v for v in range(-12, 13) if v not in hay])
    # eval: rising positions; factorial by fold
    rise = ints(rng, rng.randint(4, 7), -9, 9)
    if rise[1] <= rise[0]:
        rise[1] = rise[0] + rng.randint(1, 5)
    d["falls"] = rng.random() < 0.5
    if d["falls"]:
        rise = [-x for x in rise]
    d["rise_rs"] = rust_vec(rise)
    d["rises"] = sum((rise[i] < rise[i - 1]) if d["falls"] else (rise[i] > rise[i - 1]) for i in range(1, len(rise)))
    d["fact_n"] = rng.randint(2, 10)
    fact = 1
    for i in range(2, d["fact_n"] + 1):
        fact *= i
    d["fact"] = fact
    return d


# --------------------------------------------------------------------------- core_integer_types
WIDEN = [("u32", "u64"), ("i32", "i64"), ("u8", "u32"), ("u16", "u64"), ("u8", "usize"), ("i16", "i32")]


def sample_integer_types(rng):
    nm = Names(rng)
    d = {"S": nm.take(TYPES), "f": nm.take(FUNCS), "g": nm.take(FUNCS), "m": nm.take(FUNCS), "m2": nm.take(FUNCS),
         "a": nm.take(LISTS), "b": nm.take(ACCS), "c": nm.take(ACCS), "num": nm.take(SCALARS),
         "lim": nm.take(SCALARS), "fa": nm.take(SCALARS), "fb": nm.take(LISTS), "idx": nm.take(["i", "pos", "at", "cursor", "index", "slot"])}
    k = rng.randint(2, 9)
    d["k"] = k
    vals = ints(rng, rng.randint(2, 6), -20, 40)
    d["avg_rs"] = rust_vec(vals)
    d["scale"], d["avg_ty"] = rng.randint(1, 4), rng.choice(["i32", "i64", "isize"])
    total = sum(vals) * d["scale"]
    q = abs(total) // len(vals)
    d["avg"] = q if total >= 0 else -q  # Rust integer division truncates toward zero
    d["step"] = rng.randint(1, 3)
    nums = ints(rng, rng.randint(3, 7), 1, 20)
    d["nums_rs"] = rust_vec(nums)
    d["stepped"] = sum(nums[::d["step"]])
    d["narrow"], d["wide"] = rng.choice(WIDEN)
    d["n1"] = rng.randint(1, 100)
    d["square_plus"] = d["n1"] * d["n1"] + k
    d["adds"] = ints(rng, rng.randint(2, 4), -20, 20)
    d["field_wide"] = rng.choice(["i64", "i128", "isize"])
    d["field_total"] = sum(d["adds"])
    d["pred"] = rng.randrange(3)
    d["lv"], d["ret_ty"], d["sty"] = nm.fresh(LOOPVARS), rng.choice(["u32", "u64", "i32", "i64", "u16", "u8"]), rng.choice(["i32", "i64", "i16", "i8"])
    d["num_ty"] = rng.choice(["u32", "u16", "u8", "u64"])
    mixed = ints(rng, rng.randint(3, 7), -9, 9)
    d["mixed_rs"] = rust_vec(mixed)
    d["pred_count"] = [sum(x < 0 for x in mixed), sum(x > 0 for x in mixed), sum(x == 0 for x in mixed)][d["pred"]]
    big = ints(rng, rng.randint(3, 6), 1, 60)
    d["big_rs"] = rust_vec(big)
    d["threshold"] = rng.randint(5, 40)
    d["over"] = rust_vec([x for x in big if x > d["threshold"]])
    d["count_to"] = rng.randint(2, 6)
    d["ranged"] = rust_vec([i * k for i in range(d["count_to"])])
    # a Result whose Ok value is a usize where a u32 is promised
    d["cap"] = rng.randint(2, 5)
    d["few_rs"] = rust_vec(ints(rng, rng.randint(1, d["cap"]), 1, 20))
    d["few_len"] = len(d["few_rs"].split(", "))
    d["many_rs"] = rust_vec(ints(rng, d["cap"] + rng.randint(1, 3), 1, 20))
    d["many_len"] = len(d["many_rs"].split(", "))
    d["err_word"] = rng.choice(["too many", "over the limit", "too long", "limit exceeded"])
    # eval: a percentage from a u32 count and a Vec length; minutes as u64
    flags = [rng.random() < 0.5 for _ in range(rng.randint(2, 8))]
    d["flags_rs"] = ", ".join("true" if fl else "false" for fl in flags)
    d["hits"] = rng.randint(0, len(flags))
    d["percent"] = d["hits"] * 100 // len(flags)
    d["mins"], d["secs"] = rng.randint(1, 500), rng.randint(0, 59)
    d["in_secs"] = d["mins"] * 60 + d["secs"]
    return d
