"""share.koans.names: the names of one koan are distinct, never reserved, and drawn only
through its seeded rng, with the same rng calls the families' koans were made with."""

import random

import pytest

from share.koans.names import Names, disjoint, draw, ints

POOL = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]


def test_names_of_one_koan_are_distinct_until_the_pool_runs_out():
    nm = Names(random.Random(0))
    got = [nm.one(POOL) for _ in range(3)] + nm.some(POOL, 3) + list(nm.keyed(POOL, "a", "b").values())
    assert sorted(got) == sorted(POOL)
    with pytest.raises(IndexError):
        nm.one(POOL)


def test_one_is_an_rng_choice_and_some_an_rng_sample():
    """The same seed gives the same names, and the same ones as the plain rng calls would."""
    nm, rng = Names(random.Random(7)), random.Random(7)
    first = nm.one(POOL)
    assert first == rng.choice(POOL)
    rest = [p for p in POOL if p != first]
    assert nm.some(POOL, 3) == rng.sample(rest, 3)
    assert nm.rng.getstate() == rng.getstate()


def test_reserved_names_are_never_handed_out_unless_allowed():
    reserved = {"beta", "eta", "theta"}
    for seed in range(50):
        nm = Names(random.Random(seed), reserved=reserved)
        assert not reserved & ({nm.one(POOL)} | set(nm.some(POOL, 4)))
    allowed = {Names(random.Random(seed), reserved=reserved).one(POOL, allow_reserved=True) for seed in range(200)}
    assert allowed & reserved


def test_disjoint_refuses_pools_that_share_a_name_and_names_it():
    assert disjoint(a=["x", "y"], b=["z"]) == {"a": ["x", "y"], "b": ["z"]}
    with pytest.raises(ValueError, match="'y' is in both 'a' and 'b'"):
        disjoint(a=["x", "y"], b=["y", "z"])
    with pytest.raises(ValueError, match="'x' is twice in 'a'"):
        disjoint(a=["x", "x"])


def test_draw_takes_one_sample_per_pool_in_the_pools_order():
    pools = disjoint(types=["T1", "T2", "T3"], funcs=["f1", "f2", "f3", "f4"])
    got = draw(random.Random(3), pools, funcs=["f", "g"], types=["T"])
    rng = random.Random(3)
    (t,), (f, g) = rng.sample(pools["types"], 1), rng.sample(pools["funcs"], 2)
    assert got == {"T": t, "f": f, "g": g}
    with pytest.raises(ValueError, match="no pool named lists"):
        draw(random.Random(0), pools, lists=["v"])
    with pytest.raises(ValueError, match="f asked for twice"):
        draw(random.Random(0), pools, funcs=["f"], types=["f"])


def test_ints_draws_in_range_through_the_koans_rng_and_distinct_when_asked():
    values = ints(random.Random(5), 50, -3, 3)
    assert values == ints(random.Random(5), 50, -3, 3) and set(values) <= set(range(-3, 4)) and len(values) == 50
    distinct = ints(random.Random(5), 7, 1, 7, distinct=True)
    assert sorted(distinct) == list(range(1, 8))
