"""The borrow-checker family's identifier pools (disjoint, checked by
share.koans.names.disjoint), the word and symbol pools its samplers share, and the helpers
that write Rust string lists."""

from share.koans.names import disjoint

# Identifier pools, by role so the code reads naturally. They are disjoint from each
# other, from Rust keywords and from the fixed names the templates use (run, new, fmt,
# next, block_on, fut, cx, out, f, sum, tests, and the test locals got, v, m, t, s, keep).
LISTS = [
    "items", "names", "scores", "words", "tags", "lines", "parts", "cells", "entries", "records",
    "samples", "tokens", "labels", "readings", "points", "weights", "prices", "marks", "levels",
    "sizes", "ticks", "notes", "files", "batch", "queue", "pile", "slots", "bins", "rows", "digits",
    "chunks", "frames", "pages", "hits", "votes", "cards", "coins", "seeds", "leaves", "pixels",
    "beads", "stock",
]
NUMS = [
    "count", "limit", "step", "offset", "budget", "depth", "width", "height", "amount", "factor",
    "base", "bonus", "quota", "rank", "speed", "extra", "delta", "gain", "margin", "shift", "scale",
    "weight", "start", "cap", "threshold", "level", "size", "score", "price", "total", "index",
    "span", "volume", "age", "stride",
]
TEXTS = [
    "title", "label", "caption", "word", "line", "text", "phrase", "key", "tag", "token", "name",
    "greeting", "motto", "slogan", "message", "note", "header", "remark", "nickname", "alias",
    "prefix", "suffix", "sentence", "banner", "topic",
]
MISC = [
    "head", "tail", "first", "latest", "current", "prev", "snapshot", "cursor", "anchor", "probe",
    "marker", "target", "source", "origin", "pivot", "owner", "holder", "handle", "guard", "slot",
    "entry", "element", "piece", "unit", "item", "elem", "part", "view", "peek", "top", "pick",
    "found", "other", "spare", "backup", "mirror", "twin",
]
FUNCS = [
    "tally", "measure", "summarize", "digest", "weigh", "inspect", "examine", "survey", "compute",
    "gather", "process", "combine", "render", "describe", "absorb", "refresh", "adjust", "settle",
    "finish", "prepare", "assemble", "scan", "estimate", "accumulate", "collate", "condense",
    "distill", "evaluate", "forecast", "harvest", "index_all", "inventory", "normalize", "organize",
    "pack", "rank_all", "reckon", "sample_all", "sort_out", "stash", "sweep", "total_up", "track",
    "transform", "wrap_up", "audit", "catalogue", "check_all", "compile_all", "enlist",
]
TYPES = [
    "Inventory", "Ledger", "Basket", "Playlist", "Roster", "Journal", "Shelf", "Tracker", "Bucket",
    "Catalog", "Archive", "Registry", "Pantry", "Garage", "Wallet", "Folder", "Album", "Toolbox",
    "Mailbox", "Notebook", "Planner", "Recipe", "Sensor", "Station", "Portfolio", "Warehouse",
    "Counter", "Gauge", "Meter", "Parser", "Scanner", "Reader", "Window", "Span", "Record",
    "Profile", "Account", "Ticket", "Order", "Parcel", "Badge", "Point", "Vector2", "Pixel",
    "Sample", "Reading", "Config", "Settings", "Session", "Player",
]
WORDS = [
    "apple", "river", "stone", "cloud", "maple", "ember", "frost", "harbor", "lantern", "meadow",
    "orbit", "pepper", "quartz", "saddle", "tulip", "velvet", "willow", "zephyr", "amber", "canyon",
    "delta", "falcon", "garnet", "hazel", "iris", "jasper", "kettle", "lemon", "mango", "nectar",
    "olive", "pebble", "raven", "sable", "thistle", "umber", "violet", "walnut", "yarrow", "cobalt",
]
LIFETIMES = ["a", "b", "s", "t", "x", "src", "buf", "txt", "data", "life"]
SEPS = [",", ";", ":", "|", "/", "-", "+", "="]
VARIANTS = [("Word", "Number"), ("Name", "Count"), ("Text", "Value"), ("Ident", "Int"), ("Symbol", "Amount"),
            ("Label", "Size"), ("Key", "Index"), ("Atom", "Digit")]

POOLS = disjoint(lists=LISTS, nums=NUMS, texts=TEXTS, misc=MISC, funcs=FUNCS, types=TYPES)
ALL_NAMES = {name for pool in POOLS.values() for name in pool}


def rust_str_list(words):
    return ", ".join(f'"{w}"' for w in words)


def rust_string_vec(words):
    return "vec![" + ", ".join(f'String::from("{w}")' for w in words) + "]"
