"""Samplers of the advanced tasks on designing with types: builders (adv_builder),
newtypes (adv_newtype), typestate (adv_typestate) and PhantomData markers (adv_phantom)."""

from share.koans.names import Names, draw

from .pools import MODS, POOLS, SEPS, UNITS, WORDS

# ADDERS, GETTERS and TAGS are drawn by a Names of their own, apart from POOLS: "extra" is
# also a SCALARS name and "entries" a LOCALS one, which a koan may use for both roles
# (a method and a local: legal Rust).

# ---------------------------------------------------------------- adv_builder

ADDERS = ["tag", "add_part", "push_item", "topping", "step", "stop", "ingredient", "layer", "attachment",
          "recipient", "header", "option", "flag", "extra", "note", "keyword"]
FLAGS = ["urgent", "enabled", "visible", "locked", "verbose", "archived", "pinned", "muted", "sealed", "express"]
BUILDER_VARS = ["builder", "bld", "draft", "spec", "plan", "blueprint", "proto", "config"]


def sample_builder(rng):
    p = draw(rng, POOLS, types=["T"], texts=["f1"], nums=["f2", "f3"], funcs=["func"], locals=["list", "fl"],
             scalars=["item", "x"])
    p.update(Names(rng).keyed(ADDERS, "adder"), b=rng.choice(BUILDER_VARS), flag=rng.choice(FLAGS))
    words = rng.sample(WORDS, rng.randint(1, 4) + 1)
    n1, n2, d1, d2 = (rng.randint(2, 60) for _ in range(4))
    setter = rng.choice(["f2", "f3"])
    p.update(word=words[0], words=words[1:], sep=rng.choice(SEPS), n1=n1, n2=n2, d1=d1, d2=d2,
             bad=rng.randrange(3), setter=p[setter], expect_default=n1 * (d2 if setter == "f2" else d1),
             nums=[rng.randint(1, 40) for _ in range(rng.randint(1, 5))])
    return p


# ---------------------------------------------------------------- adv_newtype

BRACKETS = [("[", "]"), ("(", ")"), ("<", ">"), ("", ""), ("|", "|"), ("#", "#")]
INNER_CALLS = ["len", "to_string", "starts_with", "word_count", "reversed", "contains"]


def sample_newtype(rng):
    p = draw(rng, POOLS, types=["T", "W"], funcs=["func", "helper"], locals=["list", "parts"],
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
    p = draw(rng, POOLS, types=["M"], texts=["f1"], nums=["f2"], funcs=["func"], locals=["fl", "list"],
             scalars=["x", "y", "v1", "v2", "before"])
    a, b, go = rng.choice(STATE_PAIRS)
    p.update(A=a, B=b, go=go, a_name=a.lower(), b_name=b.lower(), Trait=rng.choice(STATE_TRAITS),
             act=rng.choice(ACTIONS), bump=rng.choice(BUMPS), **Names(rng).keyed(GETTERS, "getter", "counter"))
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
    p = draw(rng, POOLS, funcs=["func", "lookup"], locals=["list", "fl"], scalars=["x", "a", "b", "c", "v1", "v2"])
    p.update(Names(rng).keyed(TAGS, "Tag1", "Tag2"), Id=rng.choice(IDNAMES), marker=rng.choice(MARKERS),
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
