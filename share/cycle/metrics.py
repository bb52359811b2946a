"""The statistics a cycle reports: pass rates with Wilson intervals, and paired
comparisons of models on the same koans (McNemar's exact test and Tango's score
interval for two pass rates, a paired bootstrap for token accuracy and for contrasts of
several models) with the three-way verdict a claim gets from an interval."""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

Z95 = 1.959963984540054
BOOTSTRAP_RESAMPLES = 10_000
MET, NOT_MET, NOT_MEASURABLE = "MET", "NOT MET", "NOT MEASURABLE"


def wilson(passed: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for a pass rate: honest at 0/n and n/n, unlike the normal one."""
    if n == 0:
        return (0.0, 1.0)
    p = passed / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def koan_record(koan, status: str, scored: dict | None) -> dict:
    """What a cycle keeps of one answered koan: which koan (id, task, seen or new shape),
    the judge's status, and its reference's teacher-forced score (None: too long to score)."""
    from share.koans.templating import new_shape

    return {"id": koan.id, "task": koan.task, "shape": "new" if new_shape(koan.id) else "seen", "status": status,
            **{k: None if scored is None else scored[k] for k in ("tokens", "correct", "loss")}}


def judged(records: Sequence[dict]) -> list[dict]:
    """The records the judge gave a verdict on. A sandbox_error is the judge's failure, not
    the model's, so it is left out of every pass rate (and counted as `excluded`); a
    record with status None was only scored teacher-forced (no answer was generated)."""
    return [r for r in records if r["status"] not in (None, "sandbox_error")]


def passed(record: dict) -> float | None:
    """1.0 or 0.0 for a judged koan, None for one without a verdict."""
    return None if record["status"] in (None, "sandbox_error") else float(record["status"] == "pass")


def token_accuracy(record: dict) -> float | None:
    return record["correct"] / record["tokens"] if record["tokens"] else None


def summarize(records: Sequence[dict], by_shape: bool = True) -> dict:
    """Pass rate with its Wilson interval over the judged koans, token accuracy of the
    references (averaged over koans) and loss per token over the scored ones, overall and
    (`by_shape`) for seen and new shapes apart. What cannot be measured is None, never 0."""
    kept = judged(records)
    n, wins = len(kept), sum(r["status"] == "pass" for r in kept)
    scored = [r for r in records if r["tokens"]]
    tokens = sum(r["tokens"] for r in scored)
    low, high = wilson(wins, n) if n else (None, None)
    out = {"passed": wins, "n": n, "excluded": sum(r["status"] == "sandbox_error" for r in records),
           "pass_rate": wins / n if n else None, "ci95": None if low is None else [round(low, 4), round(high, 4)],
           "token_accuracy": sum(map(token_accuracy, scored)) / len(scored) if scored else None,
           "loss": sum(r["loss"] for r in scored) / tokens if tokens else None}
    if by_shape:
        out["by_shape"] = {shape: summarize([r for r in records if r["shape"] == shape], by_shape=False)
                           for shape in ("seen", "new") if any(r["shape"] == shape for r in records)}
    return out


def headline(records: Sequence[dict]) -> str:
    """One line for a sweep's log: passes overall and by shape, token accuracy."""
    s = summarize(records)
    shapes = ", ".join(f"{k} {g['passed']}/{g['n']}" for k, g in s["by_shape"].items())
    accuracy = "n/a" if s["token_accuracy"] is None else f"{s['token_accuracy']:.1%}"
    return f"{s['passed']}/{s['n']} ({shapes}), token accuracy {accuracy}"


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value from the discordant pairs: koans only A passed and
    koans only B passed (a binomial test of a_only against p = 1/2)."""
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def paired_difference(both: int, a_only: int, b_only: int, neither: int) -> tuple[float, float, float]:
    """(difference, low, high): A's pass rate minus B's on the same koans, with Tango's
    score interval for paired proportions (Tango 1998, Statistics in Medicine 17:891). It
    rests on the discordant koans and stays honest when there are few or none: 0 of 80
    koans changing still leaves about +-4.6 points, where a bootstrap would say [0, 0]."""
    n = both + a_only + b_only + neither
    if n == 0:
        raise ValueError("a paired comparison needs at least one koan answered by both sides")
    estimate = (a_only - b_only) / n

    def z(delta: float) -> float:  # the score statistic at a hypothesised difference
        b = -a_only - b_only + (2 * n - a_only + b_only) * delta
        c = -b_only * delta * (1 - delta)
        q = (math.sqrt(max(0.0, b * b - 8 * n * c)) - b) / (4 * n)  # constrained MLE of P(B only)
        var = n * (2 * q + delta * (1 - delta))
        return (a_only - b_only - n * delta) / math.sqrt(var) if var > 0 else 0.0

    def root(lo: float, hi: float, target: float) -> float:  # z falls as delta rises
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if z(mid) > target else (lo, mid)
        return (lo + hi) / 2

    edge = 1 - 1e-12
    return estimate, root(-edge, estimate, Z95), root(estimate, edge, -Z95)


def paired_bootstrap(differences: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES,
                     seed: int = 0) -> tuple[float, float, float]:
    """(mean, low, high): the mean per-koan difference and its 95% percentile interval,
    resampling koans (so each keeps its pair). Seeded: the same data give the same interval."""
    d = np.asarray(differences, dtype=np.float64)
    if d.size == 0:
        raise ValueError("a paired comparison needs at least one koan answered by both sides")
    means = d[np.random.default_rng(seed).integers(0, d.size, size=(resamples, d.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(d.mean()), float(low), float(high)


def verdict(low: float, high: float, threshold: float) -> str:
    """A claim `value >= threshold` judged on its 95% interval: MET when the whole interval
    clears it, NOT MET when the whole interval falls short, else NOT MEASURABLE."""
    if low >= threshold:
        return MET
    if high < threshold:
        return NOT_MET
    return NOT_MEASURABLE
