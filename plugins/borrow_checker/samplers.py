"""Samplers of the borrow-checker family: one per task, drawing every identifier a template
of its task may need with share.koans.names.draw (one `rng.sample` per pool of POOLS), so
names in one koan never collide, and computing the concrete values the hidden tests
expect. Only the `random.Random` passed in is used: the same seed gives the same bytes.
"""

from share.koans.names import disjoint, draw

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
_ALL = {name for pool in POOLS.values() for name in pool}


def rust_str_list(words):
    return ", ".join(f'"{w}"' for w in words)


def rust_string_vec(words):
    return "vec![" + ", ".join(f'String::from("{w}")' for w in words) + "]"


# ---------------------------------------------------------------- bc_move

def sample_move(rng):
    p = draw(rng, POOLS, lists=["var", "bucket"], misc=["other", "elem", "item"], nums=["acc", "num", "n"],
             texts=["txt", "field", "prefix"], funcs=["func", "getter"], types=["Type"])
    values = [rng.randint(1, 99) for _ in range(rng.randint(2, 6))]
    word, word2, prefix_value = rng.sample(WORDS, 3)
    p.update(values=values, total=sum(values), word=word, word2=word2, num_value=rng.randint(1, 500),
             prefix_value=prefix_value, joined=f"{prefix_value}-{word}", repeat=rng.randint(2, 5))
    return p


# ---------------------------------------------------------------- bc_ref

def sample_ref(rng):
    p = draw(rng, POOLS, lists=["var"], misc=["head", "item"], nums=["x", "num", "acc", "start", "stepv"],
             texts=["txt", "field"], funcs=["func", "getter", "adder", "sink"], types=["Type"])
    values = [rng.randint(-20, 60) for _ in range(rng.randint(2, 6))]
    idx = rng.randrange(len(values))
    x_value = rng.randint(1, 40)
    drain = 0  # eval_stack_drain pops from the end: acc = acc * 2 + top
    for v in reversed(values):
        drain = drain * 2 + v
    words = rng.sample(WORDS, rng.randint(2, 4))
    k1, k2 = rng.sample(WORDS, 2)
    a, b = rng.randint(2, 30), rng.randint(2, 30)
    start_value, step_value = rng.randint(1, 30), rng.randint(1, 30)
    word = rng.choice(WORDS)
    suffix = rng.choice(["!", "?", ".", "...", "#", "*", " ok", " end"])
    p.update(values=values, idx=idx, x_value=x_value, first_plus_len=values[idx] + len(values) + 1,
             peek_plus_len=values[0] + len(values) + 1, drain=drain,
             sentence=" ".join(words), first_upper=words[0].upper(), suffix=suffix,
             sentence_suffixed=" ".join(words) + suffix, k1=k1, k2=k2, a=a, b=b, product=a * b,
             start_value=start_value, step_value=step_value, assign_result=(start_value + step_value) * start_value,
             word=word, word_len=len(word), num_value=rng.randint(1, 300))
    return p


# ---------------------------------------------------------------- bc_mut

def sample_mut(rng):
    p = draw(rng, POOLS, lists=["var", "bucket"], misc=["elem", "item", "a", "b", "slot"],
             nums=["n", "x", "field", "num", "i", "j", "acc"], texts=["txt"], funcs=["func", "helper", "adder"],
             types=["Type"])
    n_value, k = rng.randint(2, 7), rng.randint(2, 9)
    values = [rng.randint(-30, 60) for _ in range(rng.randint(3, 6))]
    i, j = rng.sample(range(len(values)), 2)
    swapped = list(values)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    op = rng.choice(["+=", "-=", "*="])
    delta = rng.randint(2, 9)
    applied = [v + delta if op == "+=" else v - delta if op == "-=" else v * delta for v in values]
    w1, w2, k1, k2 = rng.sample(WORDS, 4)
    av, bv = rng.randint(-20, 40), rng.randint(-20, 40)
    numv, xv = rng.randint(2, 50), rng.randint(2, 12)
    old1, old2, addv = rng.randint(0, 50), rng.randint(0, 50), rng.randint(1, 30)
    cmp = rng.choice([">", "<", ">=", "!="])
    limit = rng.randint(-10, 40)
    kept = [v for v in values if {">": v > limit, "<": v < limit, ">=": v >= limit, "!=": v != limit}[cmp]]
    p.update(miss_list=rng.random() < 0.5, cmp=cmp, limit_value=limit, kept=kept, kept_total=sum(kept))
    p.update(n_value=n_value, k=k, values=values,
             i_value=i, j_value=j, swapped=swapped, op=op, delta=delta, applied=applied, w1=w1, w2=w2,
             w2_upper=w2.upper(), a_value=av, b_value=bv, scaled=[av * k, bv * k], num_value=numv,
             x_value=xv, product=numv * xv, k1=k1, k2=k2, old1=old1, old2=old2, add_value=addv,
             new1=old1 + addv)
    return p


# ---------------------------------------------------------------- bc_lifetime_simple

LONGEST_RULES = [  # (condition, python twin): the function returns a if the condition holds, else b
    ("{a}.len() >= {b}.len()", lambda a, b, c: len(a) >= len(b)),
    ("{a}.len() < {b}.len()", lambda a, b, c: len(a) < len(b)),
    ("{a} > {b}", lambda a, b, c: a > b),
    ("{a} <= {b}", lambda a, b, c: a <= b),
    ("{a}.starts_with('{c}')", lambda a, b, c: a.startswith(c)),
    ("{a}.contains('{c}')", lambda a, b, c: c in a),
    ("!{a}.ends_with('{c}')", lambda a, b, c: not a.endswith(c)),
]


def sample_lifetime_simple(rng):
    p = draw(rng, POOLS, texts=["a", "b", "field", "joined", "key"], nums=["num", "x", "n"], lists=["var"],
             misc=["item", "elem"], funcs=["func"], types=["Type"])
    lt = rng.choice(LIFETIMES)
    w1, w2, w3, w4 = rng.sample(WORDS, 4)
    rule, check = rng.choice(LONGEST_RULES)
    ch = rng.choice(sorted(set(w1 + w2 + w3)))
    cond = rule.format(a=p["a"], b=p["b"], c=ch)
    sep = rng.choice([" ", "-", ", ", "+", "/", "::", ""])
    upper = rng.random() < 0.5
    joined = sep.join([w1, w2, w3])
    words = rng.sample(WORDS, rng.randint(3, 6))
    min_len = rng.randint(3, 6)
    prefix = rng.choice(words)[:2]
    found = next(w for w in words if w.startswith(prefix))
    v1, v2 = rng.choice(VARIANTS)
    num_value = rng.randint(0, 50)
    int_value = rng.randint(-999, 999)
    p.update(lt=lt, w1=w1, w2=w2, w3=w3, w4=w4, cond=cond,
             pick12=w1 if check(w1, w2, ch) else w2, pick21=w2 if check(w2, w1, ch) else w1,
             ch=ch, num_value=num_value, count_plus=w3.count(ch) + num_value, sep=sep, upper=upper,
             joined_value=joined.upper() if upper else joined, hi=rng.randint(2, 20),
             words_list=rust_str_list(words), words_vec=rust_string_vec(words), min_len=min_len,
             long_words=rust_str_list([w for w in words if len(w) > min_len]), prefix=prefix, found=found,
             v1=v1, v2=v2, int_text=str(int_value), int_value=int_value)
    return p


# ---------------------------------------------------------------- bc_lifetime_complex

CHECKS = [("is_empty()", lambda s: s == ""), ("len() > 5", lambda s: len(s) > 5),
          ("contains('e')", lambda s: "e" in s), ("starts_with('a')", lambda s: s.startswith("a")),
          ("len() < 6", lambda s: len(s) < 6), ("ends_with('r')", lambda s: s.endswith("r"))]
CHAINS = {  # name -> (adaptor, python twin); {e} is the closure parameter, {k} the captured limit
    "filter_gt": ("filter(move |{e}| *{e} > {k})", lambda v, k: [x for x in v if x > k]),
    "filter_lt": ("filter(move |{e}| *{e} < {k})", lambda v, k: [x for x in v if x < k]),
    "map_mul": ("map(move |{e}| {e} * {k})", lambda v, k: [x * k for x in v]),
    "map_add": ("map(move |{e}| {e} + {k})", lambda v, k: [x + k for x in v]),
    "skip_while": ("skip_while(move |{e}| *{e} != {k})", None),
}


def sample_lifetime_complex(rng):
    p = draw(rng, POOLS, lists=["var"], misc=["head", "rest", "elem", "result", "l", "r"],
             nums=["limit", "num", "n"], texts=["field", "a", "b", "f1", "f2", "line", "fallback"],
             funcs=["func", "method", "pick"], types=["Type"])
    lt = rng.choice(LIFETIMES)
    values = [rng.randint(-20, 60) for _ in range(rng.randint(4, 8))]
    take = rng.randint(1, len(values) - 1)
    op = rng.choice(sorted(CHAINS))
    chain, twin = CHAINS[op]
    if twin is None:  # skip_while: the limit is one of the values
        limit = rng.choice(values)
        expected = values[values.index(limit):]
    else:
        limit = rng.randint(0, 40)
        expected = twin(values, limit)
    sep = rng.choice(SEPS)
    disp_sep = rng.choice(["#", "@", ":", "/", "x", "-", " = "])
    w1, w2 = rng.sample(WORDS, 2)
    own, arg, inner, outer, lone, fb_word = (rng.choice(WORDS) for _ in range(6))
    check, pyc = rng.choice(CHECKS)
    num_value = rng.randint(0, 999)
    p.update(lt=lt, values=values, take=take, head_values=values[:take], rest_values=values[take:],
             limit_value=limit, chain=chain.format(e=p["elem"], k=p["limit"]), expected=expected, sep=sep,
             disp_sep=disp_sep, w1=w1, w2=w2, num_value=num_value, shown=f"{w1}{disp_sep}{num_value}", check=check,
             own=own, arg=arg, chosen=arg if pyc(own) else own, empty_chosen=arg if pyc("") else "",
             inner=inner, outer=outer, longer_len=max(len(outer), len(inner)),
             pair_line=f"{w1}{sep}{w2}", lone=lone, fb_word=fb_word)
    return p


# ---------------------------------------------------------------- bc_copy_clone

def sample_copy_clone(rng):
    p = draw(rng, POOLS, nums=["f1", "f2", "x", "i", "n"], misc=["a", "b", "p", "r", "best", "elem"], lists=["var"],
             texts=["sfield", "word"], funcs=["func", "helper", "getter", "getter2"], types=["Type"])
    op = rng.choice(["+", "-", "*"])
    v1, v2 = rng.randint(-30, 30), rng.randint(-30, 30)
    combined = v1 + v2 if op == "+" else v1 - v2 if op == "-" else v1 * v2
    w1, w2 = rng.sample(WORDS, 2)
    nums = [rng.randint(0, 40) for _ in range(rng.randint(1, 3))]
    x_value = rng.randint(0, 99)
    words = rng.sample(WORDS, rng.randint(2, 5))
    i_value = rng.randrange(len(words))
    ints = [rng.randint(-50, 50) for _ in range(rng.randint(3, 6))]
    chars = rng.sample("abcdefghijklmnopqrstuvwxyz", rng.randint(3, 6))
    n_value = rng.randint(2, 5)
    sep = rng.choice(["|", ",", "-", "/", " ", ""])
    slots = [w1] * n_value
    j = rng.randrange(n_value)
    slots[j] = w1 + w2
    p.update(op=op, v1=v1, v2=v2, combined=combined, w1=w1, w2=w2, nums=nums, x_value=x_value,
             nums_after=nums + [x_value], words_vec=rust_string_vec(words), i_value=i_value,
             picked=words[i_value], n_words=len(words), ints=ints,
             chars=", ".join(f"'{c}'" for c in chars), char_min=min(chars), char_max=max(chars), n_value=n_value, sep=sep,
             j_value=j, slots_joined=sep.join(slots))
    return p


# ---------------------------------------------------------------- bc_rc_arc

def sample_rc_arc(rng):
    p = draw(rng, POOLS, lists=["var"], misc=["shared", "a", "b", "h"], nums=["n", "i", "x", "k"],
             texts=["txt", "suffix"], funcs=["func"], types=["Type"])
    p["hs"] = p["h"] + "s" if p["h"] + "s" not in _ALL else p["h"] + "_list"  # the JoinHandles
    values = [rng.randint(0, 50) for _ in range(rng.randint(2, 6))]
    n_value = rng.randint(2, 5)
    x_value = rng.randint(-9, 99)
    keys = rng.sample(range(1, 50), 3)
    kwords = rng.sample(WORDS, 3)
    missing = rng.choice([k for k in range(1, 60) if k not in keys])
    q = rng.randrange(3)
    p.update(values=values, total=sum(values), n_values=len(values), n_value=n_value,
             per_thread=[sum(values) * i for i in range(n_value)], w1=rng.choice(WORDS),
             suffix_value=rng.choice(["!", "-x", "_2", "?", "ly", "ish", "er", "s"]), x_value=x_value,
             pushed=values + [x_value], entries=list(zip(keys, kwords)), query=keys[q], query_word=kwords[q],
             missing=missing)
    return p


# ---------------------------------------------------------------- bc_cell_refcell

def sample_cell_refcell(rng):
    p = draw(rng, POOLS, misc=["a", "b", "old", "elem", "g"], nums=["n", "x", "i"], texts=["txt", "field"],
             lists=["var"], funcs=["func", "method", "adder", "getter"], types=["Type"])
    words = rng.sample(WORDS, rng.randint(1, 4))
    w1, w2, w3 = rng.sample(WORDS, 3)
    values = [rng.randint(1, 40) for _ in range(rng.randint(1, 5))]
    x_value = rng.randint(1, 9)
    m = rng.choice([2, 3, 5])
    values[rng.randrange(len(values))] = m * rng.randint(1, 8)  # at least one element is a multiple
    start = rng.randint(0, 20)
    adds = [rng.randint(1, 30) for _ in range(2)]
    i64s = [rng.randint(-50, 50) for _ in range(rng.randint(2, 5))]
    bump = rng.randint(-9, 20)
    i_value = rng.randrange(2)
    p.update(words_vec=rust_string_vec(words), n_words=len(words), w1=w1, w2=w2, w3=w3, values=values,
             n_values=len(values), x_value=x_value, pushed_value=x_value * len(values), m=m, k=rng.randint(2, 9),
             grown=len(values) + sum(1 for v in values if v % m == 0), start=start, adds=adds,
             after1=start + adds[0], after2=start + sum(adds), i64s=i64s, bump=bump,
             bumped_total=sum(i64s) + bump * len(i64s), i_value=i_value, nth_word=[w1, w2][i_value])
    return p


# ---------------------------------------------------------------- bc_closure_capture

def sample_closure_capture(rng):
    p = draw(rng, POOLS, nums=["k", "x", "n", "step", "y", "a", "b", "first", "acc"], misc=["h"],
             texts=["word", "owned"], lists=["var", "bucket"], funcs=["func", "helper", "g"])
    op = rng.choice(["+", "-", "*"])
    k_value, x_value = rng.randint(-9, 30), rng.randint(-9, 30)
    applied = x_value + k_value if op == "+" else x_value - k_value if op == "-" else x_value * k_value
    n_value, step_value = rng.randint(1, 9), rng.randint(1, 20)
    word = rng.choice(WORDS)
    conv = rng.choice(["uppercase", "lowercase", "string", "owned"])
    conv_word = word.upper() if conv == "uppercase" else word
    sep = rng.choice(["-", "+", " ", "/", ":", "", ", "])
    values = [rng.randint(0, 50) for _ in range(rng.randint(2, 6))]
    probe = rng.choice(values + [rng.randint(51, 99)])
    kk = rng.randint(2, 9)
    av, bv = rng.randint(-20, 40), rng.randint(-20, 40)
    agg = rng.choice(["sum", "product"])
    uvals = [rng.randint(1, 12) for _ in range(rng.randint(2, 5))]
    agg_value = 1
    for v in uvals:
        agg_value *= v
    if agg == "sum":
        agg_value = sum(uvals)
    factors = [rng.randint(-5, 12) for _ in range(rng.randint(2, 4))]
    arg = rng.randint(-9, 20)
    inline = rng.random() < 0.5  # train_fn_bound: closure passed inline (E0507) or bound to a let first (E0525)
    p.update(inline=inline, op=op, k_value=k_value, x_value=x_value, applied=applied, n_value=n_value,
             step_value=step_value, repeated=n_value * step_value, word_value=word, conv=conv,
             twice=f"{conv_word}{sep}{conv_word}", sep=sep, values=values, probe=probe,
             contains="true" if probe in values else "false",
             n_values=len(values), kk=kk, a_value=av, b_value=bv, pushed=[av * kk, bv * kk], agg=agg,
             uvals=uvals, agg_value=agg_value, factors=factors, arg=arg, scaled=[arg * f for f in factors])
    return p


# ---------------------------------------------------------------- bc_async_borrow

def sample_async_borrow(rng):
    p = draw(rng, POOLS, nums=["a", "b", "n", "x", "acc"], lists=["var"],
             misc=["elem", "head", "f1", "f2", "item", "pending"], texts=["txt"],
             funcs=["func", "helper", "tick", "method"], types=["Type"])
    for key in ("f1", "f2", "pending"):  # futures read best with a suffix (never a pool name)
        p[key] += "_fut"
    p["seen"] = p["pending"].removesuffix("_fut") + "_count"
    op = rng.choice(["+", "*", "-"])
    av, bv = rng.randint(20, 60), rng.randint(1, 19)
    use_helper = rng.random() < 0.5
    base = av * 2 if use_helper else av
    combined = base + bv if op == "+" else base * bv if op == "*" else base - bv
    words = rng.sample(WORDS, rng.randint(1, 3))
    values = [rng.randint(-20, 60) for _ in range(rng.randint(1, 5))]
    x_value = rng.randint(1, 30)
    n_value = rng.randint(2, 12)
    agg = rng.choice(["sum", "product"])
    agg_value = 1
    for v in range(1, n_value + 1):
        agg_value *= v
    if agg == "sum":
        agg_value = sum(range(1, n_value + 1))
    start = rng.randint(0, 30)
    adds = [rng.randint(1, 20) for _ in range(2)]
    p.update(op=op, a_value=av, b_value=bv, use_helper=use_helper, combined=combined,
             words_vec=rust_string_vec(words), n_words=len(words), chars=sum(len(w) for w in words),
             values=values, n_values=len(values), last_plus=values[-1] + x_value, x_value=x_value,
             n_value=n_value, agg=agg, agg_value=agg_value, start=start, adds=adds, accumulated=start + sum(adds),
             word=rng.choice(WORDS), counted=2 * len(words) + 1)
    return p
