"""Samplers of the advanced tasks on macros: macro_rules! (adv_macro) and procedural
macros in an auxiliary crate (adv_proc_macro)."""

from share.koans.names import draw

from .pools import MODS, POOLS, SEPS, WORDS

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
    p = draw(rng, POOLS, funcs=["func"], locals=["list"], scalars=["acc", "item", "x", "y", "a", "b", "v1", "v2"],
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
    p = draw(rng, POOLS, types=["T", "T2"], texts=["f1", "txt"], nums=["f2", "f3", "f4"], funcs=["func", "helper"],
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
