"""The rust2024 family's identifier pools, the names no pool may hold, and the helpers
its samplers share (Rust literals, comparisons, predicates)."""

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
RESERVED = KEYWORDS | FIXED  # what Names(rng, reserved=RESERVED) never hands out
for _pool in (LISTS, ELEMS, BOUNDS, TEXTS, ACCS, STRLISTS, STRITEMS, MAPS, STACKS, FUNCS, STRFIELDS,
              NUMFIELDS):
    assert not (set(_pool) & RESERVED), _pool


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
