"""Samplers of the borrow-checker tasks on ownership: moves (bc_move), shared and mutable
borrows (bc_ref, bc_mut) and Copy/Clone (bc_copy_clone)."""

from share.koans.names import draw

from .pools import POOLS, WORDS, rust_string_vec


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
