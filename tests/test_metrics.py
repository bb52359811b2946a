import pytest

from share.metrics import continual_summary, pass_rate, wilson


def test_wilson_matches_known_values():
    # Known value: 8 of 10 -> (0.4902, 0.9433) for the 95% Wilson interval.
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 20)[0] == 0.0 and wilson(0, 20)[1] > 0.1
    assert wilson(0, 0) == (0.0, 1.0)


def test_pass_rate_counts_only_passes():
    assert pass_rate(["pass", "compile_error", "pass", "timeout"])["passed"] == 2
    assert pass_rate(["pass", "compile_error", "pass", "timeout"])["pass_rate"] == 0.5


def test_continual_summary_bwt_and_fwt():
    base = {"a": 0.0, "b": 0.1, "c": 0.2}
    acc = [
        {"a": 0.8, "b": 0.3, "c": 0.2},  # step 0 learned a
        {"a": 0.6, "b": 0.9, "c": 0.4},  # step 1 learned b
        {"a": 0.5, "b": 0.7, "c": 1.0},  # step 2 learned c
    ]
    s = continual_summary(acc, {"a": 0, "b": 1, "c": 2}, base)
    assert s["average_accuracy"] == pytest.approx((0.5 + 0.7 + 1.0) / 3)
    assert s["bwt"] == pytest.approx(((0.5 - 0.8) + (0.7 - 0.9)) / 2)
    assert s["fwt"] == pytest.approx(((0.3 - 0.1) + (0.4 - 0.2)) / 2)
