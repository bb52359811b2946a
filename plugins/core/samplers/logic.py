"""Sampler of core_logic_bug: code that compiles but computes the wrong value (a bound,
a comparison, a field or a starting value that disagrees with the doc comment)."""

from share.koans.names import ints

from .pools import (
    ACCS,
    COUNTS,
    FUNCS,
    LISTS,
    LOOPVARS,
    SCALARS,
    TEXTS,
    TYPES,
    WORDS,
    WORDVARS,
    CoreNames,
    quoted,
    rust_vec,
)


# --------------------------------------------------------------------------- core_logic_bug
def sample_logic_bug(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "f": nm.one(FUNCS), "m": nm.one(FUNCS), "a": nm.one(LISTS), "b": nm.one(ACCS),
         "num": nm.one(SCALARS), "t": nm.one(TEXTS), "fa": nm.one(SCALARS), "fb": nm.one(SCALARS),
         "words_var": nm.one(["words", "parts", "pieces", "names", "labels", "tokens_in"]),
         "fold_acc": nm.one(["acc", "product", "prod", "running", "so_far"])}
    k, n = rng.randint(2, 9), rng.randint(2, 9)
    d.update(k=k, n=n)
    d["lv"], d["wv"], d["cnt"] = nm.fresh(LOOPVARS), nm.fresh(WORDVARS), rng.choice(COUNTS)
    d["uty"], d["sty"] = rng.choice(["u32", "u64", "usize"]), rng.choice(["i32", "i64", "isize"])
    d["fact_ty"] = rng.choice(["u64", "u32", "u128", "usize"])
    d["range_value"] = k * n * (n + 1) // 2
    _bounds(rng, d, k)
    # a struct method using the wrong field
    x, y = rng.sample(range(1, 15), 2)
    d["x"], d["y"] = x, y
    d["formula"] = rng.randrange(3)
    d["formula_value"] = [2 * (x + y), x * y, x * k + y][d["formula"]]
    _words(rng, d)
    _parity(rng, d)
    # the index of a value, searched from the wrong start
    hay = ints(rng, rng.randint(3, 6), -9, 9)
    d["hay_rs"] = rust_vec(hay)
    d["needle"] = hay[0]
    d["missing_needle"] = rng.choice([v for v in range(-12, 13) if v not in hay])
    _rises_and_factorial(rng, d)
    return d


def _bounds(rng, d, k):
    """A count at least / at most a threshold, and the smallest / largest value, which the
    broken code starts from the wrong value."""
    d["at_least"] = rng.random() < 0.5
    vals = ints(rng, rng.randint(3, 6), 1, 20) + [k]
    rng.shuffle(vals)
    d["thr_rs"] = rust_vec(vals)
    d["thr_count"] = sum(x >= k for x in vals) if d["at_least"] else sum(x <= k for x in vals)
    d["find_min"] = rng.random() < 0.5
    ext = ints(rng, rng.randint(3, 6), 1, 30)
    if not d["find_min"]:
        ext = [-x for x in ext]
    d["ext_rs"] = rust_vec(ext)
    d["ext_value"] = min(ext) if d["find_min"] else max(ext)


def _words(rng, d):
    """Word counts starting at the wrong value; a join with a separator between words only."""
    pool = rng.sample(WORDS, 3)
    seq = [rng.choice(pool) for _ in range(rng.randint(3, 7))]
    d["sentence"] = " ".join(seq)
    d["probe"], d["probe_count"] = seq[0], seq.count(seq[0])
    d["words"] = rng.sample(WORDS, rng.randint(2, 4))
    d["words_rs"] = quoted(d["words"])
    d["sep"] = rng.choice([", ", "-", " | ", "/", "; ", "+"])
    d["joined"] = d["sep"].join(d["words"])


def _parity(rng, d):
    """Even or odd values, doubled, squared or shifted (both parities are present)."""
    d["want_even"] = rng.random() < 0.5
    d["square"] = rng.random() < 0.5
    par = ints(rng, rng.randint(4, 7), 1, 12)
    if len({v % 2 for v in par}) < 2:
        par.append(par[0] + 1)
    d["par_rs"] = rust_vec(par)
    keep = [v for v in par if (v % 2 == 0) == d["want_even"]]
    d["par_op"] = rng.randrange(4)
    d["par_result"] = rust_vec([[v * v, v * 2, v + 1, v * 3][d["par_op"]] for v in keep])


def _rises_and_factorial(rng, d):
    """Eval: how often a sequence rises (or falls); a factorial by fold."""
    rise = ints(rng, rng.randint(4, 7), -9, 9)
    if rise[1] <= rise[0]:
        rise[1] = rise[0] + rng.randint(1, 5)
    d["falls"] = rng.random() < 0.5
    if d["falls"]:
        rise = [-x for x in rise]
    d["rise_rs"] = rust_vec(rise)
    d["rises"] = sum((rise[i] < rise[i - 1]) if d["falls"] else (rise[i] > rise[i - 1]) for i in range(1, len(rise)))
    d["fact_n"] = rng.randint(2, 10)
    fact = 1
    for i in range(2, d["fact_n"] + 1):
        fact *= i
    d["fact"] = fact
