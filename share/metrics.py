"""The figures a cycle reports: pass rates with intervals and the continual-learning
summaries (average accuracy, backward and forward transfer) of an accuracy matrix."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

Z95 = 1.959963984540054


def wilson(passed: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for a pass rate: honest at 0/n and n/n, unlike the normal one."""
    if n == 0:
        return (0.0, 1.0)
    p = passed / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def pass_rate(statuses: Sequence[str]) -> dict:
    n = len(statuses)
    passed = sum(s == "pass" for s in statuses)
    low, high = wilson(passed, n)
    return {"pass_rate": passed / n if n else 0.0, "passed": passed, "n": n, "ci95": [round(low, 4), round(high, 4)]}


def continual_summary(acc: Sequence[Mapping[str, float]], learned_at: Mapping[str, int],
                      base: Mapping[str, float]) -> dict:
    """Average accuracy, BWT and FWT of an accuracy matrix.

    acc[step][task] is the pass rate on `task` after `step` (step 0 = the initial tasks,
    learned together); learned_at[task] is the step that learned it; base[task] is the
    base model's pass rate. BWT averages acc[final][t] - acc[learned_at[t]][t] over the
    tasks learned before the final step (negative = forgetting). FWT averages
    acc[learned_at[t] - 1][t] - base[t] over tasks learned after step 0: what earlier
    learning gave a task before it was trained.
    """
    final = len(acc) - 1
    tasks = list(learned_at)
    average = sum(acc[final][t] for t in tasks) / len(tasks)
    earlier = [t for t in tasks if learned_at[t] < final]
    later = [t for t in tasks if learned_at[t] > 0 and t in acc[learned_at[t] - 1]]
    bwt = sum(acc[final][t] - acc[learned_at[t]][t] for t in earlier) / len(earlier) if earlier else 0.0
    fwt = sum(acc[learned_at[t] - 1][t] - base[t] for t in later) / len(later) if later else 0.0
    return {"average_accuracy": average, "bwt": bwt, "fwt": fwt}
