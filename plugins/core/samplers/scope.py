"""Samplers of the core tasks on names that do not resolve: a missing `use`
(core_missing_import), a typo or out-of-scope name (core_unresolved_name), a private
item (core_visibility) and a method or field the type does not have
(core_unknown_method)."""

from share.koans.names import ints

from .pools import (
    ACCS,
    BOOLS,
    CHARVARS,
    CONSTS,
    COUNTS,
    ENUMS,
    FUNCS,
    LISTS,
    LOOPVARS,
    MODS,
    SCALARS,
    SIGNED,
    TEXTS,
    TRAITS,
    TYPES,
    UNSIGNED,
    VARIANTS,
    VARIED,
    WORDS,
    WORDVARS,
    CoreNames,
    quoted,
    rust_vec,
)


# --------------------------------------------------------------------------- core_missing_import
def sample_missing_import(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "mod": nm.one(MODS), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS),
         "a": nm.one(LISTS), "b": nm.one(ACCS), "t": nm.one(TEXTS), "fa": nm.one(SCALARS),
         "p": nm.one(SCALARS), "q": nm.one(SCALARS)}
    word = rng.choice(WORDS)
    d["word"] = word
    d["letter"] = rng.choice(word)
    d["letter_count"] = word.count(d["letter"])
    d["distinct_letters"] = len(dict.fromkeys(word))
    d["cv"], d["lv"], d["wv"] = nm.fresh(CHARVARS), nm.fresh(LOOPVARS), nm.fresh(WORDVARS)
    d["cnt"], d["ity"] = rng.choice(COUNTS), rng.choice(UNSIGNED + SIGNED)
    d["nums"] = ints(rng, rng.randint(4, 7), 1, 9)
    d["nums_rs"] = rust_vec(d["nums"])
    d["distinct"] = len(dict.fromkeys(d["nums"]))
    w = rng.sample(WORDS, 3)
    d.update(w1=w[0], w2=w[1], w3=w[2])
    d["x"], d["y"] = rng.randint(-9, 9), rng.randint(-9, 9)
    d["cmp_word"] = w[0] if d["x"] < d["y"] else w[1] if d["x"] == d["y"] else w[2]
    d["k"], d["n1"], d["n2"], d["n3"] = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    d["mod_total"] = d["n1"] * d["n2"] + d["k"] + d["n3"] * 1 + d["k"]
    d["struct_total"] = d["n1"] * d["n2"]
    # BTreeMap word counts, sorted by key
    seq = [rng.choice(w) for _ in range(rng.randint(3, 6))]
    d["seq_rs"] = quoted(seq)
    d["sorted_counts"] = ", ".join(f'("{k}".to_string(), {seq.count(k)})' for k in sorted(dict.fromkeys(seq)))
    # std::cmp::max / min over a slice
    d["pick"] = rng.choice(["max", "min"])
    d["start"] = "0" if d["pick"] == "max" else d["ity"] + "::MAX"
    d["picked"] = max(d["nums"]) if d["pick"] == "max" else min(d["nums"])
    # eval: words grouped by length inside a module
    group = rng.sample(VARIED, rng.randint(3, 6))
    d["group_rs"] = quoted(group)
    d["glen"] = len(group[0])
    d["gcount"] = sum(len(x) == d["glen"] for x in group)
    # eval: VecDeque rotation
    d["rot"] = rng.randint(1, len(d["nums"]) - 1)
    d["rotated"] = rust_vec(d["nums"][d["rot"]:] + d["nums"][:d["rot"]])
    return d


# --------------------------------------------------------------------------- core_unresolved_name
def sample_unresolved_name(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "E": nm.one(ENUMS), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS),
         "a": nm.one(LISTS), "b": nm.one(ACCS), "fa": nm.one(SCALARS), "fb": nm.one(SCALARS),
         "C": nm.one(CONSTS), "num": nm.one(SCALARS), "bind": nm.one(SCALARS), "bind2": nm.one(SCALARS),
         "bind3": nm.one(SCALARS)}
    d["V1"], d["V2"] = nm.some(VARIANTS, 2)
    d["where"] = rng.randrange(3)
    # one typo per name a template may misspell (a template uses the one it needs)
    for key in ("b", "g", "C", "f", "a", "fb", "bind3"):
        d[key + "_t"] = nm.typo(d[key])
    d["use_other_binding"] = rng.random() < 0.3
    d["k"] = rng.randint(2, 9)
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["scaled_total"] = sum(x * d["k"] for x in d["nums"])
    d["mapped"] = rust_vec([x * d["k"] + 1 for x in d["nums"]])
    d["largest"] = max(d["nums"])
    d["n1"], d["n2"], d["n3"] = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    d["self_value"] = d["n1"] * d["k"] + d["n2"]
    d["match1"] = d["n1"] * d["k"]
    d["match2"] = d["n2"] + d["n3"]
    d["limit"] = rng.randint(1, len(d["nums"]))
    d["kept"] = rust_vec(d["nums"][:d["limit"]])
    # eval: Collatz steps and Fibonacci
    start = rng.randint(3, 30)
    d["start"], d["steps"] = start, _collatz(start)
    d["fib_n"] = rng.randint(5, 15)
    d["fib"] = _fib(d["fib_n"])
    d["which_call"] = rng.randrange(2)
    d["fib_ty"] = rng.choice(["u64", "u32", "u128", "usize"])
    return d


def _collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


# --------------------------------------------------------------------------- core_visibility
def sample_visibility(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "T": nm.one(TRAITS), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "h": nm.one(FUNCS),
         "m": nm.one(FUNCS), "m2": nm.one(FUNCS), "a": nm.one(SCALARS), "b": nm.one(SCALARS),
         "fa": nm.one(SCALARS), "fb": nm.one(SCALARS), "ft": nm.one(TEXTS), "v": nm.one(LISTS),
         "C": nm.one(CONSTS)}
    d["mod"], d["mod2"] = nm.some(MODS, 2)
    k, k2, n1, n2 = rng.randint(1, 9), rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 9)
    d.update(k=k, k2=k2, n1=n1, n2=n2)
    d["w1"], d["w2"], d["w3"] = rng.sample(WORDS, 3)
    d["fn_value"] = (n2 * k2 + k) + n2 * k2
    d["field_value"] = n1 + len(d["w1"])
    d["nums"] = ints(rng, rng.randint(2, 5), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["method_total"] = sum(d["nums"])
    d["under"] = sum(x <= n1 for x in d["nums"])
    d["struct_value"] = n2 * n1
    d["mod_text"] = f"{d['w2']}-{d['w1']}"
    d["trait_value"] = n2 + k
    # eval: a Vec of structs from a module, summed through a closure
    d["rows"] = [{"text": rng.choice(VARIED), "n": rng.randint(1, 20)} for _ in range(rng.randint(2, 4))]
    d["min_len"] = 4
    d["long_total"] = sum(r["n"] for r in d["rows"] if len(r["text"]) > d["min_len"])
    return d


# --------------------------------------------------------------------------- core_unknown_method
VEC_PUSH_WRONG = ["push_back", "add", "put", "push_item"]
LEN_WRONG = ["length", "size", "count"]
TRIM_WRONG = ["strip", "trim_spaces", "trimmed"]
CASES = [("to_uppercase", ["to_upper", "upper", "uppercase"], str.upper),
         ("to_lowercase", ["to_lower", "lower", "lowercase"], str.lower)]
CHECKS = [("starts_with", ["startswith", "begins_with", "starts"], str.startswith),
          ("ends_with", ["endswith", "ends", "finishes_with"], str.endswith),
          ("contains", ["includes", "contain", "has"], str.__contains__)]
MAP_INSERT_WRONG = ["add", "put", "push", "set"]
MAP_CONTAINS_WRONG = ["contains", "has_key", "has", "contains_entry"]
REV_WRONG = ["reverse", "reversed", "backwards", "rev_chars"]


def sample_unknown_method(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "E": nm.one(ENUMS), "T": nm.one(TRAITS), "f": nm.one(FUNCS), "m": nm.one(FUNCS),
         "a": nm.one(LISTS), "b": nm.one(ACCS), "c": nm.one(ACCS), "t": nm.one(TEXTS), "fa": nm.one(SCALARS),
         "fb": nm.one(SCALARS), "fz": nm.one(BOOLS)}
    d["V1"], d["V2"], d["V3"] = nm.some(VARIANTS, 3)
    for key in ("m", "fa", "fb", "fz"):
        d[key + "_t"] = nm.typo(d[key])
    d["m_bad"] = nm.misname(d["m"])
    k, n1, n2, n3 = rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 20), rng.randint(1, 20)
    d.update(k=k, n1=n1, n2=n2, n3=n3)
    d["slot"] = rng.randrange(3)
    d["nums"] = ints(rng, rng.randint(3, 6), 1, 20)
    d["nums_rs"] = rust_vec(d["nums"])
    d["above"] = sum(x > k for x in d["nums"])
    d["push_bad"], d["len_bad"] = rng.choice(VEC_PUSH_WRONG), rng.choice(LEN_WRONG)
    # String methods: trim, change case, check
    case, case_bad, case_fn = rng.choice(CASES)
    check, check_bad, check_fn = rng.choice(CHECKS)
    d.update(case=case, case_bad=rng.choice(case_bad), check=check, check_bad=rng.choice(check_bad),
             trim_bad=rng.choice(TRIM_WRONG))
    word = rng.choice(WORDS)
    raw = word[0].upper() + word[1:]
    d["raw"] = " " * rng.randint(1, 3) + raw + " " * rng.randint(0, 2)
    cased = case_fn(raw)
    d["cased"] = cased
    other = case_fn(rng.choice(WORDS))
    d["needle"] = rng.choice([cased[:2], cased[-2:], cased[1:3], other[:2]])
    d["checked"] = "true" if check_fn(cased, d["needle"]) else "false"
    # struct / enum / trait method values
    d["method_value"] = n1 * n2 + k
    d["pairs"] = [(rng.randint(1, 9), rng.randint(1, 9)) for _ in range(rng.randint(1, 3))]
    d["field_total"] = sum(x * y for x, y in d["pairs"])
    d["enum_values"] = [n1, n2, n3]
    d["enum_seq"] = [rng.randrange(3) for _ in range(rng.randint(2, 4))]
    d["enum_total"] = sum(d["enum_values"][i] for i in d["enum_seq"])
    d["trait_value"] = (n1 + n2) * k
    # HashMap methods
    d["insert_bad"], d["contains_bad"] = rng.choice(MAP_INSERT_WRONG), rng.choice(MAP_CONTAINS_WRONG)
    keys = rng.sample(VARIED, rng.randint(2, 4))
    d["keys_rs"] = quoted(keys)
    d["key_count"] = len(keys)
    d["probe"] = rng.choice(keys + [rng.choice(WORDS)])
    d["has_probe"] = "true" if d["probe"] in keys else "false"
    # eval: palindromes; a bool field in a filter
    pal = rng.choice(["level", "radar", "civic", "refer", "noon", "kayak", "madam", "stats", "rotor", "racecar"])
    d["pal"], d["non_pal"] = pal, rng.choice(VARIED)
    d["rev_bad"] = rng.choice(REV_WRONG)
    d["flags"] = [(rng.random() < 0.5, rng.randint(1, 9)) for _ in range(rng.randint(2, 4))]
    d["flag_count"] = sum(fl for fl, _ in d["flags"])
    d["flag_total"] = sum(n for _, n in d["flags"])
    return d
