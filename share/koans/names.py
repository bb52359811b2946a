"""Identifiers for one koan: each role drawn here gets a name of its own, drawn only
through the koan's seeded rng, so two roles never collide and a seed always gives the
same koan. Two ways to get there: a `Names` that remembers what it handed out, or
disjoint pools (checked once by `disjoint`) that `draw` samples in a fixed order. `ints` draws the literals the same
way. Only plugins import this module (a third-party family may too)."""

from __future__ import annotations

import random
from collections.abc import Iterable


class Names:
    """The names of one koan: a name handed out once is never handed out again, and a
    reserved one (a keyword, a name the templates use literally) never at all."""

    def __init__(self, rng: random.Random, reserved: Iterable[str] = ()):
        self.rng = rng
        self.reserved = frozenset(reserved)
        self.used: set[str] = set()  # membership only, never iterated

    def one(self, pool: list[str], *, allow_reserved: bool = False) -> str:
        """One unused name of `pool` (one rng.choice). allow_reserved: a reserved name may
        be drawn too, for short locals (a loop variable) that may repeat a literal name."""
        got = self.rng.choice([p for p in pool if p not in self.used and (allow_reserved or p not in self.reserved)])
        self.used.add(got)
        return got

    def some(self, pool: list[str], k: int) -> list[str]:
        """k distinct unused names of `pool`, in one rng.sample (not k rng.choice calls:
        those draw other names from the same seed)."""
        got = self.rng.sample([p for p in pool if p not in self.used and p not in self.reserved], k)
        self.used.update(got)
        return got

    def keyed(self, pool: list[str], *keys: str) -> dict[str, str]:
        """`some` under names: keyed(TYPES, "T", "U") -> {"T": ..., "U": ...}."""
        return dict(zip(keys, self.some(pool, len(keys))))

    def mark(self, name: str) -> None:
        """Count a name made outside the pools (a misspelling, say) as handed out."""
        self.used.add(name)


def disjoint(**pools: list[str]) -> dict[str, list[str]]:
    """The pools, by role, once checked to share no name and repeat none, so names drawn
    from different pools can never collide. Raises ValueError naming the clash."""
    owner: dict[str, str] = {}
    for role, pool in pools.items():
        for name in pool:
            if name in owner:
                where = f"twice in {role!r}" if owner[name] == role else f"in both {owner[name]!r} and {role!r}"
                raise ValueError(f"identifier pools must be disjoint: {name!r} is {where}")
            owner[name] = role
    return pools


def ints(rng: random.Random, k: int, lo: int, hi: int, *, distinct: bool = False) -> list[int]:
    """`k` integers in [lo, hi] from the koan's rng; `distinct` draws them without replacement."""
    if distinct:
        return rng.sample(range(lo, hi + 1), k)
    return [rng.randint(lo, hi) for _ in range(k)]


def draw(rng: random.Random, pools: dict[str, list[str]], **keys: list[str]) -> dict[str, str]:
    """Distinct names from disjoint pools: draw(rng, POOLS, types=["T"], funcs=["f", "g"])
    -> {"T": ..., "f": ..., "g": ...}, one rng.sample per pool, in the order of `pools`."""
    if unknown := sorted(set(keys) - set(pools)):
        raise ValueError(f"no pool named {', '.join(unknown)} (the pools: {', '.join(pools)})")
    asked = [key for wanted in keys.values() for key in wanted]
    if twice := sorted({key for key in asked if asked.count(key) > 1}):
        raise ValueError(f"each key names one identifier: {', '.join(twice)} asked for twice")
    names, out = Names(rng), {}
    for role, pool in pools.items():
        if role in keys:
            out.update(names.keyed(pool, *keys[role]))
    return out
