"""What a cycle's evaluation measures (share.cycle.plan) and how the report reads it back
(share.report): the accuracy matrix's cells, core after each step, the price of each update."""

import pytest
import torch
from test_subspace_fixtures import make_adapter_dir, tiny_model

from share import params as P
from share.cycle import CORE, FINAL, METHODS, check_methods, folded, folder_of, merged_adapter, plan, result_path
from share.subspace import read_adapter
from share.report import accuracy_matrix, continual, criteria

PROTOCOL = P.protocol({
    "tasks": {"a": {"family": "f"}, "b": {"family": "f"}, "c": {"family": "g"}},
    "initial": ["a"],
    "steps": [{"step": 1, "prev": 0, "task": "b"}, {"step": 2, "prev": 1, "task": "c"}],
})


def test_matrix_methods_see_every_learned_task_after_every_step_and_the_next_one_before():
    for method in ("sequential", "share"):
        cells = [c for c in plan(method, PROTOCOL) if c.step != FINAL and c.koans != CORE]
        by_step = {s: sorted(c.koans for c in cells if c.step == s) for s in (0, 1, 2)}
        assert by_step == {0: ["a", "b"], 1: ["a", "b", "c"], 2: ["a", "b", "c"]}, method


def test_core_is_the_subset_after_intermediate_steps_and_whole_after_the_last():
    for method in ("sequential", "replay", "share"):
        core = {c.step: c.subset for c in plan(method, PROTOCOL) if c.koans == CORE and c.step != FINAL}
        assert core == {0: True, 1: True, 2: False}, method
    prices = [c for c in plan("share", PROTOCOL) if c.step == FINAL]
    assert [(c.variant, c.subset) for c in prices] == [(("share", 2, t), True) for t in "abc"]


def test_accuracy_matrix_and_bwt_from_cells():
    def cell(step, koans, rate, subset=False):
        return {"step": step, "koans": koans, "pass_rate": rate, "token_accuracy": 0.2 + rate / 2, "subset": subset,
                "passed": 0, "n": 10}

    cells = [cell(0, "a", 0.5), cell(0, "b", 0.1), cell(0, CORE, 0.3, subset=True),
             cell(1, "a", 0.4), cell(1, "b", 0.6), cell(1, "c", 0.0), cell(1, CORE, 0.2, subset=True),
             cell(2, "a", 0.3), cell(2, "b", 0.5), cell(2, "c", 0.7), cell(2, CORE, 0.1),
             cell(FINAL, CORE, 0.9, subset=True)]  # a per-update price: not in the matrix
    matrix = accuracy_matrix(cells)
    assert [row[CORE] for row in matrix] == [0.3, 0.2, 0.1]
    base = [{"koans": t, "pass_rate": 0.0, "token_accuracy": 0.2} for t in "abc"]
    summary = continual(cells, PROTOCOL, base)
    assert round(summary["bwt"], 6) == round(((0.3 - 0.5) + (0.5 - 0.6)) / 2, 6)  # a and b, learned before the end
    assert round(summary["token_bwt"], 6) == round(summary["bwt"] / 2, 6)  # the graded signal, same matrix shape
    assert round(summary["fwt"], 6) == round((0.1 + 0.0) / 2, 6)  # b before step 1, c before step 2
    assert round(summary["average_accuracy"], 6) == 0.5


def test_merged_linear_and_full_rank_svd_are_the_plain_mean_of_the_task_updates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # merged_adapter reads models/lora/<task>
    tasks = ["a", "b", "c"]
    for seed, task in enumerate(tasks, 1):
        make_adapter_dir(tmp_path / "models" / "lora" / task, seed=seed, r=4, alpha=8)
    mean = tiny_model()
    with torch.no_grad():
        for task in tasks:
            adapter = read_adapter(f"models/lora/{task}")
            for module in adapter.lora_A:
                B, A = adapter.factors(module)
                mean.get_submodule(module).weight += B @ A.T / len(tasks)
    tokens = torch.tensor([[5, 17, 99, 3, 64, 21, 8, 120]])
    with torch.no_grad():
        expected = mean(tokens).logits
        for kind in ("linear", "svd"):  # svd at the summed rank 12 keeps every direction of the mean
            merged = merged_adapter(tiny_model(), tasks, kind)(tokens).logits
            assert (merged - expected).abs().max() < 1e-4, kind
        ties = merged_adapter(tiny_model(), tasks, "ties")(tokens).logits
        assert (ties - expected).abs().max() > 1e-3  # trimmed and sign-merged: not the mean
        served = folded(merged_adapter(tiny_model(), tasks, "ties"))  # as the evaluate stage serves it
        assert (served(tokens).logits - ties).abs().max() < 1e-4


def test_a_folded_variant_computes_what_the_adapter_computes_and_bf16_stays_unfolded(tmp_path):
    from peft import PeftModel

    make_adapter_dir(tmp_path / "a", seed=1, r=4, alpha=8)
    tokens = torch.tensor([[5, 17, 99, 3, 64, 21, 8, 120]])
    with torch.no_grad():
        model = PeftModel.from_pretrained(tiny_model(), tmp_path / "a")
        expected = model(tokens).logits
        plain = folded(model)
        assert not isinstance(plain, PeftModel)
        assert (plain(tokens).logits - expected).abs().max() < 1e-5
        half = PeftModel.from_pretrained(tiny_model().to(torch.bfloat16), tmp_path / "a")
        assert folded(half) is half  # bf16 W + delta W would round much of the update away


def test_evaluate_methods_are_listed_under_the_folder_each_reads():
    grouped = {}
    for method in METHODS:
        grouped.setdefault(folder_of(method), []).append(method)
    assert check_methods(grouped) == list(METHODS)
    assert result_path("merged_ties") == "results/lora/merged_ties.json"
    for methods, says in [(["base", "lora"], "must list"), ({"lora": "lora"}, "must list"),
                          ({"share": ["lora"]}, "belongs under `lora:`, not `share:`"),
                          ({"lora": ["mean_adapter"]}, "unknown evaluate method 'mean_adapter'"),
                          ({"lora": ["lora", "lora"]}, "lists a method twice")]:
        with pytest.raises(P.ParamsError, match=says):
            check_methods(methods)


def test_criteria_measure_the_gain_ratio_bwt_and_the_graded_signal():
    def rates(pass_rate, token_accuracy):
        group = {"pass_rate": pass_rate, "token_accuracy": token_accuracy, "ci95": [pass_rate - 0.05, pass_rate + 0.05]}
        return {"tasks": group, "core": group}

    summaries = {"share": {"bwt": -0.01, "token_bwt": -0.03}, "sequential": {"bwt": -0.2, "token_bwt": -0.1}}
    learning = lambda share: criteria({"base": rates(0.1, 0.3), "lora": rates(0.5, 0.6), "share": share},  # noqa: E731
                                      summaries, {})[0]
    met = learning(rates(0.47, 0.55))  # gain 0.37 of LoRA's 0.40: ratio 0.925
    assert met["met"] and "ratio 0.92" in met["figures"] and "gain share +25.0% vs LoRA +30.0%, BWT share -3.0%" in met["figures"]
    assert not learning(rates(0.4, 0.55))["met"]  # ratio 0.75
    summaries["share"]["bwt"] = -0.05
    assert not learning(rates(0.5, 0.6))["met"]  # as good as LoRA but forgets 5 points
