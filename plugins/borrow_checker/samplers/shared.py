"""Samplers of the borrow-checker tasks on shared and captured state: Rc/Arc (bc_rc_arc),
Cell/RefCell (bc_cell_refcell), closure captures (bc_closure_capture) and borrows held
across `.await` (bc_async_borrow)."""

from share.koans.names import draw

from .pools import POOLS, WORDS, ALL_NAMES, rust_string_vec


# ---------------------------------------------------------------- bc_rc_arc

def sample_rc_arc(rng):
    p = draw(rng, POOLS, lists=["var"], misc=["shared", "a", "b", "h"], nums=["n", "i", "x", "k"],
             texts=["txt", "suffix"], funcs=["func"], types=["Type"])
    p["hs"] = p["h"] + "s" if p["h"] + "s" not in ALL_NAMES else p["h"] + "_list"  # the JoinHandles
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
