"""The advanced family's identifier pools (disjoint, checked by share.koans.names.disjoint)
and the word and symbol pools several of its samplers share."""

from share.koans.names import disjoint

# Identifier pools, by role. Disjoint from each other, from Rust keywords and from the
# fixed names the templates use (new, build, finish, block_on, cx, out, sum, len, get,
# raw, value, tests, i, v, n, p, a, b, c, x, got, lanes, rest, inner, state, marker).
TYPES = [
    "Request", "Pizza", "Report", "Email", "Server", "Query", "Invoice", "Ticket", "Profile", "Poster",
    "Recipe", "Banner", "Sensor", "Widget", "Gadget", "Robot", "Rocket", "Lamp", "Engine", "Canvas",
    "Dialog", "Message", "Shipment", "Parcel", "Route", "Trip", "Lesson", "Course", "Album", "Camera",
    "Printer", "Socket", "Channel", "Pipeline", "Job", "Form", "Sandwich", "Cocktail", "Kiosk", "Drone",
    "Turbine", "Beacon", "Ledger", "Voucher", "Badge", "Bouquet", "Lantern", "Mailer", "Journey", "Gizmo",
]
TEXTS = [
    "title", "color", "label", "owner", "host", "caption", "author", "topic", "region", "flavor",
    "style", "theme", "motto", "nickname", "slogan", "greeting", "headline", "brand", "city", "venue",
]
NUMS = [
    "width", "height", "size", "level", "count", "limit", "port", "depth", "speed", "weight", "rating",
    "quota", "budget", "margin", "volume", "retries", "timeout", "priority", "capacity", "stock",
    "score", "bonus", "radius", "tempo", "duration", "seats", "floors", "copies", "threads", "pages_n",
]
FUNCS = [
    "assemble", "compose", "prepare", "produce", "configure", "craft", "make_one", "setup", "tally",
    "measure", "summarize", "digest", "inspect", "examine", "survey", "compute", "gather", "process",
    "combine", "render", "describe_all", "absorb", "refresh", "adjust", "settle", "scan", "estimate",
    "accumulate", "collate", "condense", "distill", "evaluate", "forecast", "harvest", "reckon",
    "sweep", "total_up", "track", "transform", "audit", "enlist", "fold_all", "crunch", "weigh_up",
]
LOCALS = [
    "items", "names", "scores", "words", "tags", "parts", "cells", "entries", "records", "samples",
    "tokens", "labels", "readings", "points", "weights", "prices", "marks", "levels", "ticks", "notes",
    "batch", "queue", "pile", "slots", "bins", "rows", "digits", "chunks", "frames", "pages", "hits",
    "votes", "cards", "coins", "seeds", "pixels", "beads", "series", "signal", "buffer", "stack",
]
SCALARS = [
    "amount", "factor", "offset", "extra", "delta", "gain", "shift", "scale", "start", "cap", "threshold",
    "span", "stride", "acc", "total", "accum", "tally_sum", "running", "carry", "result", "outcome",
    "first", "second", "left", "right", "lhs", "rhs", "head", "tail", "pivot", "probe", "cursor",
    "anchor", "handle", "guard", "slot_n", "elem", "item", "piece", "unit", "reading", "sample",
]
POOLS = disjoint(types=TYPES, texts=TEXTS, nums=NUMS, funcs=FUNCS, locals=LOCALS, scalars=SCALARS)

WORDS = [
    "apple", "river", "stone", "cloud", "maple", "ember", "frost", "harbor", "lantern", "meadow",
    "orbit", "pepper", "quartz", "saddle", "tulip", "velvet", "willow", "zephyr", "amber", "canyon",
    "delta", "falcon", "garnet", "hazel", "iris", "jasper", "kettle", "lemon", "mango", "nectar",
    "olive", "pebble", "raven", "sable", "thistle", "umber", "violet", "walnut", "yarrow", "cobalt",
]
SEPS = [",", ";", "|", "/", "+", " ", "-", ":"]
UNITS = [  # (small unit, big unit, how many small ones make a big one)
    ("Cents", "Dollars", 100), ("Millis", "Seconds", 1000), ("Grams", "Kilos", 1000), ("Minutes", "Hours", 60),
    ("Bytes", "Kibibytes", 1024), ("Inches", "Feet", 12), ("Meters", "Kilometers", 1000), ("Pence", "Pounds", 100),
    ("Days", "Weeks", 7), ("Millimeters", "Centimeters", 10), ("Feet", "Yards", 3), ("Cups", "Gallons", 16),
    ("Seconds", "Minutes", 60), ("Hours", "Days", 24), ("Ounces", "Pounds", 16), ("Minutes", "Days", 1440)]
MODS = ["units", "ids", "model", "domain", "money", "checked", "wrappers", "kinds", "values", "types", "core_types",
        "validated", "limits", "guarded"]
