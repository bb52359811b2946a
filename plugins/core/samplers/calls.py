"""Samplers of the core tasks on calls and bindings: the wrong number of arguments
(core_arity), changing a binding that is not `mut` (core_immutable) and a struct
literal without one of its fields (core_missing_field)."""

from share.koans.names import ints

from .pools import (
    ACCS,
    BOOLS,
    COUNTS,
    ENUMS,
    FUNCS,
    LISTS,
    LOOPVARS,
    MODS,
    SCALARS,
    SIGNED,
    TEXTS,
    TYPES,
    UNSIGNED,
    VARIANTS,
    WORDS,
    WORDVARS,
    CoreNames,
    quoted,
    rust_vec,
)


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
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "mod": nm.one(MODS), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS),
         "v": nm.one(LISTS), "acc": nm.one(ACCS)}
    p = nm.some(SCALARS, 4)
    d.update(a=p[0], b=p[1], c=p[2], e=p[3])
    fa, fb, fc = nm.some(SCALARS, 3)
    d.update(fa=fa, fb=fb, fc=fc)
    d["flag"] = nm.one(["first", "left_side", "keep", "take_first", "prefer_a", "choose"])
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
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "f": nm.one(FUNCS), "m": nm.one(FUNCS), "m2": nm.one(FUNCS),
         "a": nm.one(LISTS), "b": nm.one(ACCS), "fa": nm.one(SCALARS), "fb": nm.one(SCALARS),
         "num": nm.one(SCALARS), "stop": nm.one(SCALARS), "words_var": nm.one(["words", "tokens_in", "parts", "pieces", "names", "labels"])}
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


# --------------------------------------------------------------------------- core_missing_field
POINT_FIELDS = [("x", "y"), ("row", "col"), ("lat", "lon"), ("left", "right"), ("start", "end"), ("dx", "dy")]


def sample_missing_field(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "P": nm.one(TYPES), "E": nm.one(ENUMS), "mod": nm.one(MODS), "f": nm.one(FUNCS),
         "g": nm.one(FUNCS), "m": nm.one(FUNCS), "a": nm.one(SCALARS), "b": nm.one(SCALARS),
         "v": nm.one(LISTS), "ft": nm.one(TEXTS), "fl": nm.one(LISTS), "fz": nm.one(BOOLS)}
    fa, fb, fc = nm.some(SCALARS, 3)
    d.update(fa=fa, fb=fb, fc=fc)
    d["V1"], d["V2"] = nm.some(VARIANTS, 2)
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
