"""The error-handling family's identifier pools (disjoint, checked by
share.koans.names.disjoint), the variant, message and word pools its samplers share, and
`_common`, the identifiers every sampler draws."""

from share.koans.names import Names, disjoint

# --- identifier pools (pairwise disjoint) -------------------------------------------

FUNCS = ["compute", "evaluate", "summarize", "measure", "tally", "digest", "assess", "process",
         "resolve", "inspect", "analyze", "extract", "derive", "gauge", "examine", "reckon",
         "estimate", "appraise", "scan", "survey"]
HELPERS = ["read_one", "parse_one", "decode", "interpret", "convert", "load_value", "fetch_one",
           "check_one", "validate", "normalize"]
LISTS = ["items", "values", "scores", "readings", "samples", "counts", "prices", "weights",
         "entries", "records", "levels", "ratings", "amounts", "sizes", "points", "marks",
         "ticks", "loads", "steps", "cells"]
SCALARS = ["amount", "level", "size", "width", "height", "depth", "speed", "weight", "price",
           "score", "quantity", "volume", "rank", "budget", "limit_value", "capacity"]
TEXTS = ["line", "text", "input", "raw", "payload", "field", "token", "cell_text", "entry_text",
         "chunk", "record_text", "row"]
LOCALS = ["parsed", "number", "value", "current", "found", "result_value", "first_value",
          "amount_found", "outcome", "picked", "chosen", "candidate"]
BINDS = ["num", "val", "got", "hit", "elem", "part", "piece", "unit_value", "item_value", "qty"]
ACCS = ["sum", "acc", "running", "grand", "subtotal", "collected"]
PAIRS = [("top", "bottom"), ("high", "low"), ("peak", "floor"), ("upper", "lower"),
         ("largest", "smallest"), ("biggest", "tiniest"), ("most", "least"), ("ceiling", "base")]
TYPES = ["Config", "Order", "Sensor", "Ticket", "Account", "Parcel", "Invoice", "Reading",
         "Profile", "Session", "Device", "Package", "Report", "Station", "Voucher", "Channel"]
ERR_TYPES = ["ParseError", "ConfigError", "InputError", "ValidationError", "LoadError",
             "FormatError", "RequestError", "CommandError", "EntryError", "RecordError"]
FIELDS = ["name", "label", "title", "owner", "code", "kind", "region", "tag"]
NUM_FIELDS = ["units", "retries", "port", "slots", "copies", "seats", "pages", "floors"]
GETTERS = ["summary", "describe", "render", "display_line", "as_text", "caption"]
MEANS = ["mean", "average", "mean_value", "avg", "typical"]
WORDS = ["apple", "river", "stone", "cloud", "maple", "tiger", "amber", "cedar", "delta",
         "ember", "frost", "grove", "harbor", "ivory", "jade", "lotus", "meadow", "nectar",
         "opal", "pine", "quartz", "raven", "sable", "thistle"]
WHATS = ["widget", "sensor", "order", "ticket", "player", "account", "parcel", "device",
         "station", "voucher", "job", "task"]
SEPS = [":", "=", ";", "|", "/", ","]
disjoint(funcs=FUNCS, helpers=HELPERS, lists=LISTS, scalars=SCALARS, texts=TEXTS, locals=LOCALS, binds=BINDS,
         accs=ACCS, pairs=[n for pair in PAIRS for n in pair], types=TYPES, err_types=ERR_TYPES, fields=FIELDS,
         num_fields=NUM_FIELDS, getters=GETTERS, whats=WHATS)

UNIT_VARIANTS = ["Empty", "Missing", "Blank", "Absent", "NoInput"]
NUM_VARIANTS = ["TooLong", "TooLarge", "OutOfRange", "Overflow", "AboveLimit"]
CHAR_VARIANTS = ["BadChar", "Unexpected", "Forbidden", "Stray", "IllegalChar"]
WRAP_VARIANTS = ["Parse", "Number", "Syntax", "Decode", "BadValue", "Format"]
RANGE_VARIANTS = ["Range", "Convert", "Narrow", "Fit", "Width"]

MESSAGES = ["division by zero", "cannot divide by zero", "divisor is zero", "zero divisor",
            "the divisor must not be zero"]
LIMIT_MSGS = ["value too large", "above the limit", "too big", "exceeds the maximum",
              "over the allowed limit"]
EMPTY_MSGS = ["no values", "empty input", "nothing to pick", "the list is empty", "no data"]
KEY_MSGS = ["unknown key", "missing entry", "no such setting", "key not found", "not configured"]
CONTEXTS = ["reading the width", "parsing the port", "loading the count", "reading the timeout",
            "parsing the retry limit", "loading the page size", "reading the threshold"]
ERR_TEXTS = ["invalid", "empty", "too long", "must be positive", "not allowed", "missing value"]


def _common(rng):
    """Identifiers every sampler draws: distinct within one koan (the pools are disjoint)."""
    nm = Names(rng)
    p = {"func": nm.one(FUNCS), "helper": nm.one(HELPERS)}
    p["lst"], p["other_lst"] = nm.some(LISTS, 2)
    p["scalar"], p["scalar2"] = nm.some(SCALARS, 2)
    p["text"], p["text2"] = nm.some(TEXTS, 2)
    p["local"], p["local2"] = nm.some(LOCALS, 2)
    p["bind"], p["bind2"] = nm.some(BINDS, 2)
    p["hi"], p["lo"] = rng.choice(PAIRS)
    p.update(ty=nm.one(TYPES), err=nm.one(ERR_TYPES), field=nm.one(FIELDS), num_field=nm.one(NUM_FIELDS),
             acc=nm.one(ACCS), getter=nm.one(GETTERS), what=nm.one(WHATS), sep=rng.choice(SEPS))
    return p
