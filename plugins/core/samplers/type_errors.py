"""Samplers of the core tasks on types: mismatched types (core_type_mismatch), a body that
does not produce its return type (core_return_type) and integer types that do not
match (core_integer_types)."""

from share.koans.names import ints

from .pools import (
    ACCS,
    ENUMS,
    FUNCS,
    LISTS,
    LOOPVARS,
    SCALARS,
    SIGNED,
    TEXTS,
    TRAITS,
    TYPES,
    UNSIGNED,
    VARIANTS,
    WORDS,
    CoreNames,
    quoted,
    rust_float,
    rust_vec,
)


# --------------------------------------------------------------------------- core_type_mismatch
def sample_type_mismatch(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "T": nm.one(TRAITS), "fa": nm.one(TEXTS), "fb": nm.one(SCALARS),
         "fc": nm.one(SCALARS), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS),
         "a": nm.one(TEXTS), "b": nm.one(TEXTS), "v": nm.one(LISTS), "acc": nm.one(ACCS)}
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


# --------------------------------------------------------------------------- core_return_type
def sample_return_type(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "E": nm.one(ENUMS), "T": nm.one(TRAITS), "f": nm.one(FUNCS), "m": nm.one(FUNCS),
         "a": nm.one(SCALARS), "b": nm.one(SCALARS), "c": nm.one(SCALARS), "v": nm.one(LISTS),
         "acc": nm.one(ACCS), "fa": nm.one(SCALARS), "fb": nm.one(SCALARS), "ft": nm.one(TEXTS)}
    d["V1"], d["V2"], d["V3"] = nm.some(VARIANTS, 3)
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


# --------------------------------------------------------------------------- core_integer_types
WIDEN = [("u32", "u64"), ("i32", "i64"), ("u8", "u32"), ("u16", "u64"), ("u8", "usize"), ("i16", "i32")]


def sample_integer_types(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS), "m2": nm.one(FUNCS),
         "a": nm.one(LISTS), "b": nm.one(ACCS), "c": nm.one(ACCS), "num": nm.one(SCALARS),
         "lim": nm.one(SCALARS), "fa": nm.one(SCALARS), "fb": nm.one(LISTS), "idx": nm.one(["i", "pos", "at", "cursor", "index", "slot"])}
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
