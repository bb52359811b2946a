import pytest

from share.cycle.metrics import (MET, NOT_MEASURABLE, NOT_MET, mcnemar_exact, paired_bootstrap, paired_difference,
                                 summarize, verdict, wilson)


def record(id, status="pass", shape="seen", tokens=10, correct=5, loss=2.0):
    return {"id": id, "task": "t", "shape": shape, "status": status, "tokens": tokens, "correct": correct, "loss": loss}


def test_wilson_matches_known_values():
    # Known value: 8 of 10 -> (0.4902, 0.9433) for the 95% Wilson interval.
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 20)[0] == 0.0 and wilson(0, 20)[1] > 0.1
    assert wilson(0, 0) == (0.0, 1.0)


def test_mcnemar_exact_matches_the_binomial_test():
    # 1 vs 9 discordant pairs: 2 * P(X <= 1), X ~ Bin(10, 1/2) = 2 * 11/1024
    assert mcnemar_exact(1, 9) == pytest.approx(22 / 1024)
    assert mcnemar_exact(9, 1) == mcnemar_exact(1, 9)
    assert mcnemar_exact(0, 0) == 1.0 and mcnemar_exact(3, 3) == 1.0
    assert mcnemar_exact(0, 6) == pytest.approx(2 / 64)


def test_paired_bootstrap_is_seeded_and_brackets_the_mean():
    diffs = [1, 0, 0, 1, -1, 0, 1, 1, 0, 0] * 6
    mean, low, high = paired_bootstrap(diffs)
    assert (mean, low, high) == paired_bootstrap(diffs)
    assert low < mean < high and mean == pytest.approx(0.3)
    assert paired_bootstrap([0, 0, 0]) == (0.0, 0.0, 0.0)  # no discordant koan: no doubt
    with pytest.raises(ValueError, match="at least one koan"):
        paired_bootstrap([])


def test_verdict_needs_the_whole_interval_on_one_side():
    assert verdict(0.01, 0.2, 0.0) == MET
    assert verdict(-0.3, -0.01, 0.0) == NOT_MET
    assert verdict(-0.01, 0.2, 0.0) == NOT_MEASURABLE


def test_summarize_excludes_judge_failures_and_never_invents_a_zero():
    records = [record("a"), record("b", "compile_error", "new", tokens=4, correct=4, loss=1.0),
               record("c", "sandbox_error"), record("d", "test_failure", tokens=None, correct=None, loss=None),
               record("e", None, tokens=10, correct=0, loss=9.0)]  # scored teacher-forced only, never answered
    s = summarize(records)
    assert (s["passed"], s["n"], s["excluded"]) == (1, 3, 1)  # pass rates count only the judged koans
    assert s["token_accuracy"] == pytest.approx((0.5 + 1.0 + 0.5 + 0.0) / 4)  # too long to score: left out
    assert s["loss"] == pytest.approx(14.0 / 34)
    assert s["by_shape"]["seen"]["n"] == 2 and s["by_shape"]["new"]["passed"] == 0 and "by_shape" not in s["by_shape"]["new"]
    nothing = summarize([record("x", "sandbox_error", tokens=None, correct=None, loss=None)])
    assert nothing["pass_rate"] is None and nothing["ci95"] is None and nothing["token_accuracy"] is None


def test_tango_paired_interval_brackets_the_difference_and_never_collapses():
    # Newcombe's (1998) example, a=36 b=12 c=2 d=0: his hybrid method gives 0.0569 to 0.3404
    difference, low, high = paired_difference(36, 12, 2, 0)
    assert difference == pytest.approx(10 / 50) and low == pytest.approx(0.0569, abs=0.02) and high == pytest.approx(0.3404, abs=0.02)
    for both, neither in ((40, 40), (0, 80), (80, 0)):  # nothing differs on 80 koans: about +-4.6 points either way
        same, low, high = paired_difference(both, 0, 0, neither)
        assert same == 0.0 and low == pytest.approx(-3.8415 / 83.8415, abs=1e-3) and high == pytest.approx(-low, abs=1e-9)
    # all 12 koans flip to B: at least as wide as the worst case of the two Wilson intervals (0.758 - 0.242)
    assert paired_difference(0, 0, 12, 0)[1:] == (pytest.approx(-1.0, abs=1e-6), pytest.approx(-0.5150, abs=1e-3))
