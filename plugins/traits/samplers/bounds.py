"""Samplers of the traits tasks on using traits: trait bounds (tb_bounds), where clauses
(tb_where), associated types and consts (tb_associated), trait objects (tb_dyn) and
Send/Sync (tb_send_sync)."""

from share.koans.names import Names, ints

from .pools import PAIRS, SEPS, SHARED_VARS, WORDS, WRAPS, _common


# ---------------------------------------------------------------- tb_bounds
def sample_bounds(rng):
    p = _common(Names(rng))
    values = ints(rng, rng.randint(3, 6), -50, 99)
    chars = rng.sample("abcdefghijklmnopqrstuvwxyz", rng.randint(3, 5))
    p.update(ints=values, chars=chars, want_max=rng.random() < 0.5, bound_first=rng.random() < 0.5)
    p["int_best"] = max(values) if p["want_max"] else min(values)
    p["char_best"] = max(chars) if p["want_max"] else min(chars)
    us = ints(rng, rng.randint(2, 5), 0, 500)
    p.update(us=us, us_sum=sum(us), is_sum=sum(values))
    p["wrap"] = rng.choice(WRAPS)
    p["sep"] = rng.choice(SEPS)
    p["shown"] = p["sep"].join(f"{p['wrap'][0]}{x}{p['wrap'][1]}" for x in values)
    words = [rng.choice(WORDS[:6]) for _ in range(rng.randint(3, 6))]
    p.update(words=words, target=words[0], target_count=words.count(words[0]))
    target_int = rng.choice(values)
    p.update(target_int=target_int, target_int_count=values.count(target_int))
    w1, w2 = rng.sample(WORDS, 2)
    p.update(w1=w1, w2=w2, w_best=max(w1, w2), a1=rng.randint(0, 99), a2=rng.randint(0, 99))
    p["a_best"] = max(p["a1"], p["a2"])
    p.update(acc_total=rng.choice(["total", "sum", "running", "so_far"]),
             acc_count=rng.choice(["count", "seen", "samples", "n_items"]),
             acc_add=rng.choice(["add", "push", "record", "feed", "absorb"]),
             acc_get=rng.choice(["snapshot", "totals", "summary", "state", "current"]))
    return p


# ---------------------------------------------------------------- tb_where
def sample_where(rng):
    p = _common(Names(rng))
    values = ints(rng, rng.randint(2, 6), -40, 99)
    p["ints"] = values
    p["sep"] = rng.choice(SEPS)
    p["joined"] = p["sep"].join(str(x) for x in values)
    p["sq_sum"] = sum(x * x for x in range(1, p["k"] + 1))
    p["sq_product"] = 1
    for x in range(1, p["k"] + 1):
        p["sq_product"] *= x * x
    p["product"] = rng.random() < 0.4
    small = ints(rng, rng.randint(2, 4), 1, 9)
    p["small_ints"], p["small_sum"] = small, sum(small)
    p["small_product"] = 1
    for x in small:
        p["small_product"] *= x
    p["pa"], p["pb"] = rng.choice(PAIRS)
    p["miss"] = rng.choice(["a", "b"])
    p["op"] = rng.choice(["+", "-", "*"])
    x, y = rng.randint(0, 200), rng.randint(-100, 100)
    p.update(x=x, y=y, xy={"+": x + y, "-": x - y, "*": x * y}[p["op"]])
    keys = rng.sample(WORDS, rng.randint(2, 5))
    p.update(keys=keys, vals=ints(rng, len(keys), 0, 9), want_max=rng.random() < 0.5)
    p["best_key"] = max(keys) if p["want_max"] else min(keys)
    p["word"] = rng.choice(WORDS)
    p["n"] = rng.randint(0, 999)
    p["kv_sep"] = rng.choice(["=", ": ", " -> ", "/", " => "])
    pairs = [tuple(ints(rng, 2, 0, 50)) for _ in range(rng.randint(2, 4))]
    p.update(pairs=pairs, maxes=[max(a, b) for a, b in pairs], mins=[min(a, b) for a, b in pairs])
    return p


# ---------------------------------------------------------------- tb_associated
ASSOC_TYPES = ["Item", "Value", "Unit", "Elem", "Output", "Part"]
CONSTS = ["MAX", "LIMIT", "CAPACITY", "BASE", "SCALE", "STEP", "CEILING", "WEIGHT"]


def sample_associated(rng):
    p = _common(Names(rng))
    p.update(at=rng.choice(ASSOC_TYPES), cn=rng.choice(CONSTS), cval=rng.randint(5, 90))
    vals = ints(rng, rng.randint(2, 5), 0, 120)
    p.update(vals=vals, clamped=[min(v, p["cval"]) for v in vals])
    p["word"] = rng.choice(WORDS)
    p["offset"] = rng.randint(1, 50)
    p["raw"] = rng.randint(0, 500)
    p["money"] = ints(rng, rng.randint(2, 5), -100, 500)
    p["scale_n"] = rng.randint(1, 6)
    return p


# ---------------------------------------------------------------- tb_dyn
def sample_dyn(rng):
    p = _common(Names(rng))
    p.update(a=p["ty"], b=p["ty2"], limit=rng.randint(2, 20), kb=rng.randint(1, 30))
    p["probe_hi"] = p["limit"] + rng.randint(1, 10)
    p["probe_lo"] = rng.randint(0, p["limit"])
    p["sa"] = rng.randint(1, 40)
    p["site"] = rng.choice(["slice", "ref", "field"])
    p["word"] = rng.choice(WORDS)
    p["op1"], p["op2"] = rng.sample(["inc", "double", "square", "neg", "half", "triple", "shift"], 2)
    p["k1"], p["k2"] = rng.randint(1, 9), rng.randint(2, 9)
    p["x"] = rng.randint(-20, 50)
    return p


# ---------------------------------------------------------------- tb_send_sync
def sample_send_sync(rng):
    nm = Names(rng)
    p = _common(nm)
    vals = ints(rng, rng.randint(2, 5), 1, 60)
    p.update(vals=vals, nthreads=rng.randint(2, 5), word=rng.choice(WORDS))
    p["var"], p["var2"] = nm.some(SHARED_VARS, 2)
    p["h"] = rng.choice(["handle", "worker", "child", "joiner", "producer"])
    p["alias"] = rng.choice(["Job", "Task", "Work", "Thunk", "Action"])
    p["sep"] = rng.choice([": ", "=", " x", "/", " -> "])
    p["xs"] = rng.choice(["words", "chunks", "batches", "parts", "lines", "groups"])
    n = p["nthreads"]
    p["per"] = rng.randint(1, 20)
    p["counter_total"] = n * p["per"]
    p["scaled"] = rng.random() < 0.5
    p["sum_total"] = sum(vals)
    p["words"] = words = rng.sample(WORDS, rng.randint(2, 4))
    p["fp"] = rng.choice(["F", "J", "Job", "W"])
    p["job"] = rng.choice(["job", "task", "work", "f"])
    p["tx"], p["rx"] = rng.choice([("tx", "rx"), ("sender", "receiver"), ("out", "inbox"),
                                   ("send_end", "recv_end")])
    measures = {"len()": len, "chars().count()": len,
                "chars().filter(|c| \"aeiou\".contains(*c)).count()": lambda w: sum(ch in "aeiou" for ch in w),
                "bytes().filter(|b| *b > b'l').count()": lambda w: sum(ch > "l" for ch in w)}
    p["measure"] = rng.choice(sorted(measures))
    p["measured"] = [measures[p["measure"]](w) for w in words]
    return p
