"""Samplers of the advanced family: one per task, drawing from the pools below.

A sampler draws every identifier a template of its task may need in one `rng.sample` per
pool (pools are disjoint), so names in one koan never collide, and computes the concrete
values the hidden tests expect. Only the `random.Random` passed in is used.
"""

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
POOLS = {"types": TYPES, "texts": TEXTS, "nums": NUMS, "funcs": FUNCS, "locals": LOCALS, "scalars": SCALARS}
_ALL = [name for pool in POOLS.values() for name in pool]
assert len(set(_ALL)) == len(_ALL), "identifier pools must be disjoint and free of repeats"

WORDS = [
    "apple", "river", "stone", "cloud", "maple", "ember", "frost", "harbor", "lantern", "meadow",
    "orbit", "pepper", "quartz", "saddle", "tulip", "velvet", "willow", "zephyr", "amber", "canyon",
    "delta", "falcon", "garnet", "hazel", "iris", "jasper", "kettle", "lemon", "mango", "nectar",
    "olive", "pebble", "raven", "sable", "thistle", "umber", "violet", "walnut", "yarrow", "cobalt",
]


def draw(rng, **keys):
    """Distinct identifiers: draw(rng, types=["T"], funcs=["func"]) -> {"T": ..., "func": ...}."""
    assert set(keys) <= set(POOLS), keys
    out = {}
    for pool in POOLS:
        wanted = keys.get(pool, ())
        out.update(zip(wanted, rng.sample(POOLS[pool], len(wanted))))
    assert len(out) == sum(len(v) for v in keys.values()), "a key was asked twice"
    return out


def pick(rng, pool, *names):
    """Distinct entries of an extra pool under the given names."""
    return dict(zip(names, rng.sample(pool, len(names))))


# ---------------------------------------------------------------- adv_builder

ADDERS = ["tag", "add_part", "push_item", "topping", "step", "stop", "ingredient", "layer", "attachment",
          "recipient", "header", "option", "flag", "extra", "note", "keyword"]
FLAGS = ["urgent", "enabled", "visible", "locked", "verbose", "archived", "pinned", "muted", "sealed", "express"]
BUILDER_VARS = ["builder", "bld", "draft", "spec", "plan", "blueprint", "proto", "config"]
SEPS = [",", ";", "|", "/", "+", " ", "-", ":"]


def sample_builder(rng):
    p = draw(rng, types=["T"], texts=["f1"], nums=["f2", "f3"], funcs=["func"], locals=["list", "fl"],
             scalars=["item", "x"])
    p.update(pick(rng, ADDERS, "adder"), b=rng.choice(BUILDER_VARS), flag=rng.choice(FLAGS))
    words = rng.sample(WORDS, rng.randint(1, 4) + 1)
    n1, n2, d1, d2 = (rng.randint(2, 60) for _ in range(4))
    setter = rng.choice(["f2", "f3"])
    p.update(word=words[0], words=words[1:], sep=rng.choice(SEPS), n1=n1, n2=n2, d1=d1, d2=d2,
             bad=rng.randrange(3), setter=p[setter], expect_default=n1 * (d2 if setter == "f2" else d1),
             nums=[rng.randint(1, 40) for _ in range(rng.randint(1, 5))])
    return p


# ---------------------------------------------------------------- adv_newtype

UNITS = [("Cents", "Dollars", 100), ("Millis", "Seconds", 1000), ("Grams", "Kilos", 1000), ("Minutes", "Hours", 60),
         ("Bytes", "Kibibytes", 1024), ("Inches", "Feet", 12), ("Meters", "Kilometers", 1000), ("Pence", "Pounds", 100),
         ("Days", "Weeks", 7), ("Millimeters", "Centimeters", 10), ("Feet", "Yards", 3), ("Cups", "Gallons", 16),
         ("Seconds", "Minutes", 60), ("Hours", "Days", 24), ("Ounces", "Pounds", 16), ("Minutes", "Days", 1440)]
MODS = ["units", "ids", "model", "domain", "money", "checked", "wrappers", "kinds", "values", "types", "core_types",
        "validated", "limits", "guarded"]
BRACKETS = [("[", "]"), ("(", ")"), ("<", ">"), ("", ""), ("|", "|"), ("#", "#")]
INNER_CALLS = ["len", "to_string", "starts_with", "word_count", "reversed", "contains"]


def sample_newtype(rng):
    p = draw(rng, types=["T", "W"], funcs=["func", "helper"], locals=["list", "parts"],
             scalars=["a", "b", "acc", "x", "v", "best", "item"])
    small, big, factor = rng.choice(UNITS)
    n1, n2 = rng.randint(2, 500), rng.randint(1, 60)
    op = rng.choice(["+", "-"])
    hi, lo = max(n1, n2), min(n1, n2)
    open_, close = rng.choice(BRACKETS)
    words = rng.sample(WORDS, rng.randint(1, 4))
    nums = [rng.randint(0, 99) for _ in range(rng.randint(1, 5))]
    p.update(Small=small, Big=big, factor=factor, op=op, into=rng.random() < 0.5, m=rng.choice(MODS),
             n1=hi if op == "-" else n1, n2=lo if op == "-" else n2,
             combined=hi - lo if op == "-" else n1 + n2,
             elem=rng.choice(["String", "i32", "u64"]), sep=rng.choice(SEPS), open=open_, close=close,
             words=words, nums=nums)
    # train_private_ctor: new() clamps with min (an upper bound) or max (a lower bound)
    clamp = rng.choice(["min", "max"])
    bound, extra = rng.randint(10, 90), rng.randint(0, 9)
    small_in, big_in = rng.randint(0, bound - 1), rng.randint(bound + 1, 200)
    f = min if clamp == "min" else max
    p.update(clamp=clamp, bound=bound, extra=extra, n1_ctor=small_in, n2_ctor=big_in,
             expect1=f(small_in, bound) + extra, expect2=f(big_in, bound) + extra)
    # train_derive_ord
    signed = [rng.randint(-50, 50) for _ in range(rng.randint(2, 5))]
    cmp = rng.choice([">", "<"])
    p.update(signed=signed, cmp=cmp, extreme=max(signed) if cmp == ">" else min(signed))
    # train_inner_method
    case = rng.choice(["lower", "upper"])
    w1, w2 = rng.sample(WORDS, 2)
    raw = rng.choice(["", " ", "  "]) + w1.capitalize() + " " + w2 + rng.choice(["", " ", "  "])
    norm = (w1 + " " + w2).lower() if case == "lower" else (w1 + " " + w2).upper()
    ch = norm[rng.randrange(len(norm))] if rng.random() < 0.5 else rng.choice("xqzXQZ")
    sub = norm[1:4]
    kind = rng.choice(INNER_CALLS)
    call, ret, expect = {
        "len": ("len()", "usize", str(len(norm))),
        "to_string": ("to_string()", "String", f'"{norm}"'),
        "starts_with": (f"starts_with('{ch}')", "bool", str(norm.startswith(ch)).lower()),
        "word_count": ("split(' ').count()", "usize", str(len(norm.split(" ")))),
        "reversed": ("chars().rev().collect()", "String", f'"{norm[::-1]}"'),
        "contains": (f'contains("{sub}")', "bool", "true"),
    }[kind]
    p.update(case=case, raw_input=raw, call=call, ret=ret, expect=expect)
    # eval_sum_newtype (uses bound and nums)
    p.update(big_sum=sum(n for n in nums if n >= bound))
    return p


# ---------------------------------------------------------------- adv_typestate

STATE_PAIRS = [("Draft", "Published", "publish"), ("Idle", "Running", "launch"), ("Locked", "Unlocked", "unlock"),
               ("Closed", "Open", "open"), ("Empty", "Loaded", "load"), ("Pending", "Approved", "approve"),
               ("Disconnected", "Connected", "connect"), ("Unpaid", "Paid", "pay"), ("Cold", "Hot", "heat"),
               ("Parked", "Moving", "drive"), ("Asleep", "Awake", "wake"), ("Sealed", "Unsealed", "unseal"),
               ("Queued", "Active", "activate"), ("Raw", "Cooked", "cook"), ("Unverified", "Verified", "verify"),
               ("Offline", "Online", "go_online"), ("Setup", "Ready", "ready_up"), ("Planned", "Started", "begin")]
STATE_TRAITS = ["State", "Phase", "Stage", "Status", "Step", "Condition", "Lifecycle"]
ACTIONS = ["record", "log_event", "append", "write_line", "note_down", "stamp", "push_entry", "add_line",
           "enqueue", "remember"]
BUMPS = ["tick", "bump", "boost", "step_up", "advance", "grow", "charge", "level_up"]
GETTERS = ["value_of", "amount_now", "current", "level_now", "snapshot", "read_out", "entries", "size_now",
           "how_many", "peek_at"]


def sample_typestate(rng):
    p = draw(rng, types=["M"], texts=["f1"], nums=["f2"], funcs=["func"], locals=["fl", "list"],
             scalars=["x", "y", "v1", "v2", "before"])
    a, b, go = rng.choice(STATE_PAIRS)
    p.update(A=a, B=b, go=go, a_name=a.lower(), b_name=b.lower(), Trait=rng.choice(STATE_TRAITS),
             act=rng.choice(ACTIONS), bump=rng.choice(BUMPS), **pick(rng, GETTERS, "getter", "counter"))
    n1, k = rng.randint(1, 80), rng.randint(1, 9)
    op = rng.choice(["+", "*"])
    p.update(n1=n1, k=k, op=op, after=n1 + k if op == "+" else n1 * k, reps=rng.randint(1, 4),
             conv=rng.choice(["to_string", "to_uppercase"]), words=rng.sample(WORDS, rng.randint(1, 3)),
             word=rng.choice(WORDS), sep=rng.choice(SEPS), nums=[rng.randint(0, 50) for _ in range(rng.randint(0, 4))])
    return p


# ---------------------------------------------------------------- adv_phantom

TAGS = ["User", "Order", "Product", "Account", "Team", "Project", "Device", "Room", "Book", "Author", "Student",
        "Vendor", "Client", "Store", "Patient", "Doctor", "Movie", "Song", "Planet", "Galaxy"]
IDNAMES = ["Id", "Key", "Handle", "Token", "Ident", "Serial", "Ref", "Locator"]
MARKERS = ["_marker", "_kind", "_unit", "_tag", "_phantom", "_owner", "_ty"]
NEXTS = ["next_id", "successor", "bumped", "advanced", "following", "shifted", "stepped_on"]
LABELS = ["Label", "Tagged", "Named", "Stamp", "Marked", "Annotated"]
PREFIXES = ["id:", "user-", "#", "@", "key=", "ref/", "tag:", "no."]
UNIT_TRAITS = ["Unit", "Scale", "Denomination", "Granularity", "Measure"]
QNAMES = ["Quantity", "Amount", "Figure", "Total", "Tally"]
BAGS = ["Bag", "Pool", "Bundle", "Group", "Collection", "Stash"]


def sample_phantom(rng):
    p = draw(rng, funcs=["func", "lookup"], locals=["list", "fl"], scalars=["x", "a", "b", "c", "v1", "v2"])
    p.update(pick(rng, TAGS, "Tag1", "Tag2"), Id=rng.choice(IDNAMES), marker=rng.choice(MARKERS),
             next_fn=rng.choice(NEXTS), Label=rng.choice(LABELS), prefix=rng.choice(PREFIXES),
             UnitTrait=rng.choice(UNIT_TRAITS), Q=rng.choice(QNAMES), Bag=rng.choice(BAGS), sep=rng.choice(SEPS))
    op, k, n1 = rng.choice(["+", "*"]), rng.randint(1, 9), rng.randint(0, 200)
    nums = [rng.randint(0, 99) for _ in range(rng.randint(1, 4))]
    words = rng.sample(WORDS, rng.randint(2, 5))
    n2 = rng.randint(0, 999)
    small, big, factor = rng.choice(UNITS)
    spread = rng.sample(WORDS, 6)
    cut1, cut2 = sorted(rng.sample(range(1, 6), 2))
    p.update(op=op, k=k, n1=n1, n2=n2, stepped=n1 + k if op == "+" else n1 * k, nums=nums,
             mapped=[v + k if op == "+" else v * k for v in nums], word=rng.choice(WORDS), words=words,
             looked_up=words[n1 % len(words)], Small=small, Big=big, factor=factor, bug=rng.choice(["op", "unit"]),
             base=rng.randint(0, 40) * factor + rng.randint(0, factor - 1),
             w1=spread[:cut1], w2=spread[cut1:cut2], w3=spread[cut2:])
    return p


# ---------------------------------------------------------------- adv_unsafe

PTRS = ["ptr", "base", "raw_ptr", "start_ptr", "head_ptr", "p0", "src_ptr", "cur"]
UNCHECKED = ["read_unchecked", "peek_unchecked", "fetch_unchecked", "load_at", "grab_unchecked", "at_unchecked"]
UNSAFE_TRAITS = ["Stable", "Pure", "Deterministic", "TrustedHash", "FixedValue", "Canonical"]
TRAIT_METHODS = ["checksum", "as_word", "raw_bits", "packed", "fingerprint", "digest_u64"]


def _apply(op, a, b):
    return {"+": a + b, "-": a - b, "^": a ^ b, "*": a * b}[op]


def sample_unsafe(rng):
    p = draw(rng, types=["T"], nums=["f2"], funcs=["func"], locals=["list", "bytes", "part"],
             scalars=["acc", "item", "delta", "left", "right"], texts=["txt"])
    p.update(ptr=rng.choice(PTRS), getter=rng.choice(UNCHECKED), Trait=rng.choice(UNSAFE_TRAITS),
             tm=rng.choice(TRAIT_METHODS))
    nums = [rng.randint(-20, 99) for _ in range(rng.randint(1, 6))]
    op, start, k = rng.choice(["+", "-", "^"]), rng.randint(0, 50), rng.randint(2, 9)
    folded = start
    for v in nums:
        folded = _apply(op, folded, v)
    stride = rng.randint(1, 3)
    unsigned = [abs(v) for v in nums]
    text = "".join(rng.sample(WORDS, 2))
    s0 = rng.randrange(len(text) - 1)
    ln = rng.randint(1, len(text) - s0)
    wop = rng.choice(["+", "-", "*"])
    mid = rng.randint(0, len(nums))
    p.update(op=op, start=start, k=k, nums=nums, folded=folded, stride=stride,
             strided_sum=sum(unsigned[::stride]), text=text, s0=s0, ln=ln, window=text[s0:s0 + ln],
             too_long=len(text) - s0 + 1, bad=rng.randrange(2), n1=rng.randint(1, 500), wop=wop,
             updated=[_apply(wop, v, k) for v in nums], mid=mid,
             split_result=[_apply(wop, v, k) for v in nums[:mid]] + nums[mid:][::-1])
    return p


# ---------------------------------------------------------------- adv_macro

MACRO_NAMES = {
    "mac_acc": ["accumulate", "fold_in", "add_into", "apply_step", "merge_in", "absorb_one"],
    "mac_pick": ["pick", "choose", "better_of", "keep_best", "select_one", "winner"],
    "mac_impl": ["impl_describe", "derive_label", "impl_for_all", "make_tagged", "impl_render", "bulk_impl"],
    "mac_show": ["show", "explain", "trace_value", "dump", "report_value", "inspect_var"],
    "mac_math": ["square", "scaled", "amplify", "magnify", "stretch", "negate_m"],
    "mac_split": ["split_pair", "parse_kv", "cut_once", "halves", "unpack_pair", "split_field"],
}
METAS = ["target", "var", "dst", "acc_var", "place", "slot"]
DESCRIBE_TRAITS = [("Describe", "describe"), ("Render", "render"), ("Labelled", "labelled"), ("Tagline", "tagline"),
                   ("Show", "show_off"), ("Summary", "summary_line")]
PRIMS = ["u8", "u16", "u32", "u64", "i32", "i64", "usize", "bool", "char", "String"]
SHOW_SEPS = [" = ", "=", ": ", " is ", " -> "]
MATH_BODIES = [("$x * $x", "$($x)* * $($x)*"), ("$x * {k}", "$($x)* * {k}"), ("{k} * $x", "{k} * $($x)*"),
               ("-$x", "-$($x)*"), ("$x * $x * {k}", "$($x)* * $($x)* * {k}"), ("{k} - $x", "{k} - $($x)*")]


def _prim_value(rng, ty):
    """(Rust literal, its Display form) of a value of a primitive type."""
    if ty == "bool":
        v = rng.choice(["true", "false"])
        return v, v
    if ty == "char":
        c = rng.choice("abcdefghjkmnpqrstuvwxyz")
        return f"'{c}'", c
    if ty == "String":
        w = rng.choice(WORDS)
        return f'String::from("{w}")', w
    n = rng.randint(-99, -1) if ty in ("i32", "i64") and rng.random() < 0.5 else rng.randint(0, 250)
    return str(n), str(n)


def sample_macro(rng):
    p = draw(rng, funcs=["func"], locals=["list"], scalars=["acc", "item", "x", "y", "a", "b", "v1", "v2"],
             texts=["txt"])
    for key, pool in MACRO_NAMES.items():
        p[key] = rng.choice(pool)
    trait, tm = rng.choice(DESCRIBE_TRAITS)
    p.update(meta=rng.choice(METAS), Trait=trait, tm=tm, sep=rng.choice(SHOW_SEPS))
    # hygiene_local
    nums = [rng.randint(-20, 99) for _ in range(rng.randint(1, 6))]
    op, start = rng.choice(["+", "-", "^"]), rng.randint(0, 30)
    folded = start
    for v in nums:
        folded = {"+": folded + v, "-": folded - v, "^": folded ^ v}[op]
    # block_semicolon
    signed = [rng.randint(-60, 60) for _ in range(rng.randint(1, 5))]
    cmp = rng.choice([">", "<"])
    p.update(nums=nums, op=op, start=start, folded=folded, signed=signed, cmp=cmp,
             extreme=max(signed) if cmp == ">" else min(signed))
    # impl_list
    ty1, ty2, *others = rng.sample(PRIMS, 2 + rng.randint(0, 2))
    (val1, shown1), (val2, shown2) = _prim_value(rng, ty1), _prim_value(rng, ty2)
    listed = [ty1, ty2, *others]
    rng.shuffle(listed)
    missing = rng.choice([ty1, ty2])
    p.update(ty1=ty1, ty2=ty2, val1=val1, val2=val2, shown1=shown1, shown2=shown2, listed_fixed=listed,
             listed_broken=[t for t in listed if t != missing])
    # arm_order
    n1, k = rng.randint(-20, 60), rng.randint(2, 9)
    aop = rng.choice(["+", "-", "*"])
    p.update(n1=n1, k=k, arm_op=aop, computed={"+": n1 + k, "-": n1 - k, "*": n1 * k}[aop])
    # tt_precedence
    while True:
        fixed_body, broken_body = (b.format(k=k) for b in rng.choice(MATH_BODIES))
        n2, mop = rng.randint(1, 30), rng.choice(["+", "-"])
        expr = f"{n1} {mop} {n2}"
        expect = eval(fixed_body.replace("$x", f"({expr})"))  # our own arithmetic strings only
        broken = eval(broken_body.replace("$($x)*", expr))
        if expect != broken:
            break
    p.update(body_fixed=fixed_body, body_broken=broken_body, n2=n2, math_op=mop, expect=expect)
    # eval_hygiene_binding
    w1, w2 = rng.sample(WORDS, 2)
    case = rng.choice(["lower", "upper"])
    p.update(sep_char=rng.choice(",;:=|/"), w1=w1, w2=w2, case=case, w1_cased=w1 if case == "lower" else w1.upper())
    return p


# ---------------------------------------------------------------- adv_proc_macro

KRATES = ["describe_derive", "name_macros", "helper_macros", "type_info", "codegen", "reflect_derive", "my_macros",
          "gen_impls", "derive_kit", "macro_support"]
NAMED_TRAITS = [("Describe", "describe"), ("TypeName", "type_name"), ("Named", "name_of"), ("Reflect", "reflect"),
                ("Identify", "identify"), ("Introspect", "introspect"), ("Tagged", "tag_line")]
COUNT_DERIVES = [("FieldCount", "field_count"), ("Arity", "arity"), ("CountFields", "num_fields"),
                 ("Width", "width_of"), ("Fields", "fields_len")]
FN_MACROS = ["constants", "make_consts", "numbered", "enumerate_consts", "declare_ids", "ids"]
CONST_SETS = [["RED", "GREEN", "BLUE", "WHITE", "BLACK"], ["LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL"],
              ["NORTH", "EAST", "SOUTH", "WEST", "CENTER"], ["SMALL", "LARGE", "HUGE", "TINY", "GIANT"],
              ["ALPHA", "BETA", "GAMMA", "DELTA", "OMEGA"], ["MON", "TUE", "WED", "THU", "FRI"],
              ["COPPER", "SILVER", "GOLD", "PLATINUM", "IRON"]]
NAME_PREFIXES = ["", "", "type ", "a ", "struct ", "<", "#"]


def _snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def sample_proc_macro(rng):
    p = draw(rng, types=["T", "T2"], texts=["f1", "txt"], nums=["f2", "f3", "f4"], funcs=["func", "helper"],
             locals=["list"], scalars=["v", "n"])
    trait, tm = rng.choice(NAMED_TRAITS)
    count_derive, gen = rng.choice(COUNT_DERIVES)
    p.update(krate=rng.choice(KRATES), Trait=trait, tm=tm, derive_fn="derive_" + _snake(trait),
             CountDerive=count_derive, gen=gen, prefix=rng.choice(NAME_PREFIXES), m=rng.choice(MODS),
             fnmac=rng.choice(FN_MACROS), sep=rng.choice(SEPS), word=rng.choice(WORDS), n1=rng.randint(1, 90),
             reps=rng.randint(1, 3))
    p["fields"] = [p["f2"], p["f3"], p["f4"]][:rng.randint(1, 3)]
    if p["T"] == p["CountDerive"] or p["T2"] == p["CountDerive"]:
        p["CountDerive"] += "Derive"
    p["derive_fn_count"] = "derive_" + _snake(p["CountDerive"])
    names = rng.sample(rng.choice(CONST_SETS), rng.randint(2, 4))
    base, k = rng.randint(0, 20), rng.randint(1, 9)
    values = {name: base + i * k for i, name in enumerate(names)}
    used = rng.sample(names, rng.randint(2, len(names)))
    missing = rng.choice(used)
    p.update(base=base, k=k, consts_fixed=names, consts_broken=[n for n in names if n != missing], used=used,
             used_sum=sum(values[n] for n in used))
    return p


# ---------------------------------------------------------------- adv_simd

LANE_TERMS = [("X", "", lambda v: v), ("X * X", ".map(|v| v * v)", lambda v: v * v),
              ("X.abs()", ".map(|v| v.abs())", abs), ("X * 2.0", ".map(|v| v * 2.0)", lambda v: v * 2)]
WRONG_CHUNKS = ["8", "2", "3", "LANES * 2", "LANES / 2", "LANES + 1"]
WIDE_NARROW = [("i64", "i32"), ("u64", "u32"), ("f64", "f32"), ("i32", "i16"), ("u32", "u16"), ("i64", "i16")]
INTRINSICS = [("_mm_add_ps", "a[i] + b[i]", lambda x, y: x + y), ("_mm_sub_ps", "a[i] - b[i]", lambda x, y: x - y),
              ("_mm_mul_ps", "a[i] * b[i]", lambda x, y: x * y), ("_mm_min_ps", "a[i].min(b[i])", min),
              ("_mm_max_ps", "a[i].max(b[i])", max)]
VECTOR_VARS = ["vsum", "combined", "packed", "vres", "vout", "mixed"]


def _f(v):
    return f"{float(v)}"


def sample_simd(rng):
    p = draw(rng, funcs=["func"], locals=["list", "chunks", "xs", "ys"],
             scalars=["acc", "chunk", "tail", "item", "a", "b"])
    term, rest_map, fn = rng.choice(LANE_TERMS)
    while True:  # the leftover elements must change the result, or forgetting them would go unnoticed
        vals = [rng.randint(-9, 9) for _ in range(rng.choice([1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15]))]
        if sum(fn(v) for v in vals[len(vals) // 4 * 4:]) != 0:
            break
    vals4 = [rng.randint(-9, 9) for _ in range(rng.choice([4, 8]))]
    p.update(term=term, rest_map=rest_map, floats=[_f(v) for v in vals], expect=_f(sum(fn(v) for v in vals)),
             floats4=[_f(v) for v in vals4], expect4=_f(sum(fn(v) for v in vals4)))
    # chunk_size
    ints = [rng.randint(-50, 50) for _ in range(rng.choice([8, 12, 16]))]
    op = rng.choice(["+", "-", "^"])
    lanes = [0, 0, 0, 0]
    for i, v in enumerate(ints):
        lanes[i % 4] = {"+": lanes[i % 4] + v, "-": lanes[i % 4] - v, "^": lanes[i % 4] ^ v}[op]
    p.update(wrong=rng.choice(WRONG_CHUNKS), ints=ints, op=op, lane_result=lanes)
    # lane_type
    wide, narrow = rng.choice(WIDE_NARROW)
    raw = [rng.randint(0, 900) for _ in range(rng.randint(1, 11))]
    if wide.startswith("f"):
        wides, wides_sum = [_f(v) for v in raw], _f(sum(raw))
    else:
        wides, wides_sum = [str(v) for v in raw], str(sum(raw))
    p.update(wide=wide, narrow=narrow, wides=wides, wides_sum=wides_sum)
    # intrinsics
    intr, scalar, fn2 = rng.choice(INTRINSICS)
    xa, xb = [rng.randint(-9, 9) for _ in range(4)], [rng.randint(-9, 9) for _ in range(4)]
    p.update(intr=intr, scalar=scalar, v=rng.choice(VECTOR_VARS), fa4=[_f(v) for v in xa], fb4=[_f(v) for v in xb],
             fout=[_f(fn2(x, y)) for x, y in zip(xa, xb)])
    # lane_identity
    ext = rng.choice(["max", "min"])
    same = [rng.randint(1, 99) * (-1 if ext == "max" else 1) for _ in range(rng.randint(1, 11))]
    p.update(ext=ext, identity="i32::MIN" if ext == "max" else "i32::MAX", same_sign=same,
             same_sign_ext=max(same) if ext == "max" else min(same))
    # eval_dot_remainder
    while True:
        n = rng.choice([1, 2, 3, 5, 6, 7, 9, 10, 11, 13])
        da, db = [rng.randint(-9, 9) for _ in range(n)], [rng.randint(-9, 9) for _ in range(n)]
        if sum(x * y for x, y in list(zip(da, db))[n // 4 * 4:]) != 0:
            break
    p.update(fa=[_f(v) for v in da], fb=[_f(v) for v in db], dot=_f(sum(x * y for x, y in zip(da, db))))
    return p


# ---------------------------------------------------------------- adv_ffi

C_PREFIXES = ["c_", "ffi_", "lib_", "ext_", "native_", "capi_"]
C_BASES = {
    "cfn_math": ["combine", "mix", "blend", "merge_ints", "join_ints"],
    "cfn_count": ["count_class", "count_chars", "tally_chars", "classify", "census"],
    "cfn_len": ["str_len", "byte_len", "text_len", "strlen_like", "measure"],
    "cfn_apply": ["apply_n", "iterate", "repeat_cb", "call_n", "run_cb"],
    "cfn_reduce": ["reduce", "fold_buf", "scan_buf", "aggregate", "crunch_buf"],
    "cfn_stats": ["stats", "min_max", "summarize_buf", "bounds_of", "extent"],
}
SYS_MODS = ["sys", "ffi", "clib", "native", "bindings", "raw"]
OWNEDS = ["c_text", "owned", "c_string", "nul_terminated", "c_arg"]
CALLBACKS = ["step", "bump_c", "on_value", "transform_c", "next_value", "callback"]
CHAR_CLASSES = {"alphabetic": str.isalpha, "uppercase": str.isupper, "lowercase": str.islower,
                "digit": str.isdigit, "punctuation": lambda c: c in "-!?.,:;#"}
REDUCERS = [("sum()", sum), ("copied().max().unwrap_or(0)", lambda v: max(v, default=0)),
            ("copied().min().unwrap_or(0)", lambda v: min(v, default=0)), ("fold(0, |a, b| a ^ b)", None)]
STATS = ["Stats", "Summary", "Extent", "Bounds", "MinMax", "Spread"]
LO_HI = [("lo", "hi"), ("min", "max"), ("low", "high"), ("least", "most"), ("floor", "ceil")]


def sample_ffi(rng):
    p = draw(rng, funcs=["func"], locals=["list", "part"], scalars=["x", "y", "n", "acc", "v"], texts=["txt"])
    prefix = rng.choice(C_PREFIXES)
    for key, bases in C_BASES.items():
        p[key] = prefix + rng.choice(bases)
    op, n1, n2 = rng.choice(["+", "-", "*"]), rng.randint(-50, 50), rng.randint(-50, 50)
    p.update(sys=rng.choice(SYS_MODS), owned=rng.choice(OWNEDS), cb_name=rng.choice(CALLBACKS), op=op, n1=n1, n2=n2,
             combined={"+": n1 + n2, "-": n1 - n2, "*": n1 * n2}[op])
    cls = rng.choice(list(CHAR_CLASSES))
    w1, w2 = rng.sample(WORDS, 2)
    mixed = w1.capitalize() + str(rng.randint(0, 999)) + rng.choice("-!?.,:;#") + w2.upper()[:rng.randint(1, 4)]
    p.update(cls=cls, mixed=mixed, mixed_count=sum(1 for c in mixed if CHAR_CLASSES[cls](c)),
             words=rng.sample(WORDS, rng.randint(1, 4)))
    k, times = rng.randint(1, 3) if op == "*" else rng.randint(1, 9), rng.randint(0, 4)
    applied = n1
    for _ in range(times):
        applied = {"+": applied + k, "-": applied - k, "*": applied * k}[op]
    p.update(k=k, times=times, applied=applied)
    code, fn = rng.choice(REDUCERS)
    unums = [rng.randint(0, 500) for _ in range(rng.randint(0, 6))]
    if fn is None:
        reduced = 0
        for v in unums:
            reduced ^= v
    else:
        reduced = fn(unums)
    lo, hi = rng.choice(LO_HI)
    p.update(elem=rng.choice(["i32", "u32", "i64", "u64"]), reduce=code, unums=unums, reduced=reduced,
             Stats=rng.choice(STATS), lo=lo, hi=hi, signed=[rng.randint(-99, 99) for _ in range(rng.randint(1, 6))])
    return p


# ---------------------------------------------------------------- adv_pin

FUTS = ["fut", "pending", "job_fut", "work", "delayed", "task_fut"]
INNERS = ["inner", "source", "upstream", "wrapped_fut", "child"]
JOB_ALIASES = ["BoxedJob", "PendingWork", "BoxFuture", "Work", "LocalJob"]
PUSH_FNS = ["push_value", "record", "add_value", "append_value", "store", "keep"]


def sample_pin(rng):
    p = draw(rng, types=["T"], nums=["left", "polls", "extra"], funcs=["func", "helper"],
             locals=["list", "jobs", "fl"], scalars=["x", "item", "acc", "v"])
    op = rng.choice(["+", "*"])
    k, n1, n2 = rng.randint(1, 9), rng.randint(0, 99), rng.randint(0, 9)
    nums = [rng.randint(0, 60) for _ in range(rng.randint(0, 5))]
    mapped = [v + k if op == "+" else v * k for v in nums]
    p.update(fut=rng.choice(FUTS), inner=rng.choice(INNERS), Job=rng.choice(JOB_ALIASES), push_fn=rng.choice(PUSH_FNS),
             op=op, k=k, n1=n1, n2=n2, computed=n1 + k if op == "+" else n1 * k, nums=nums, mapped=mapped,
             mapped_sum=sum(mapped), wrapped_value=n2 + k if op == "+" else n2 * k,
             shape=rng.choice(["fn", "block"]), pin_style=rng.choice(["box", "pin"]))
    return p
