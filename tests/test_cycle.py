"""What a cycle's evaluation measures (share.cycle.methods.plan) and how the report reads it back
(share.cycle.report): the accuracy matrix's cells, core after each step, each task just
learned, and criteria judged on paired intervals."""

import pytest
import torch
from test_subspace_fixtures import make_adapter_dir, tiny_model

from share.cycle import params as P
from share.cycle.methods import (CORE, FINAL, LEARNED, METHODS, Cell, check_methods, folded, folder_of, merged_adapter,
                                 plan, result_path)
from share.cycle.criteria import criteria
from share.cycle.metrics import MET, NOT_MEASURABLE, NOT_MET
from share.cycle.paths import snapshot
from share.cycle.report import ReportError, continual, end_state
from share.subspace import read_adapter

PROTOCOL = P.protocol({
    "tasks": {"a": {"family": "f"}, "b": {"family": "f"}, "c": {"family": "g"}},
    "initial": ["a"],
    "steps": [{"step": 1, "prev": 0, "task": "b"}, {"step": 2, "prev": 1, "task": "c"}],
})


def test_matrix_methods_see_every_learned_task_after_every_step_and_the_next_one_before():
    for method in ("sequential", "share"):
        cells = [c for c in plan(method, PROTOCOL) if isinstance(c.step, int) and c.koans != CORE]
        by_step = {s: sorted(c.koans for c in cells if c.step == s) for s in (0, 1, 2)}
        assert by_step == {0: ["a", "b"], 1: ["a", "b", "c"], 2: ["a", "b", "c"]}, method


def test_core_is_one_subset_at_every_step_and_whole_once_at_the_end():
    for method in ("sequential", "replay", "share"):
        subset = {c.step for c in plan(method, PROTOCOL) if c.koans == CORE and c.subset and c.step != FINAL}
        assert subset == {0, 1, 2}, method
    whole = [(c.step, c.variant) for c in plan("sequential", PROTOCOL) if c.koans == CORE and not c.subset]
    assert whole == [(2, ("adapter", snapshot("sequential", "c")))]
    prices = [c for c in plan("share", PROTOCOL) if c.step == FINAL]
    assert [(c.variant, c.subset) for c in prices] == [(("share", 2, t), True) for t in "abc"]


def test_each_task_is_measured_right_after_it_is_learned():
    protocol = P.protocol({"tasks": {t: {"family": "f"} for t in "abcd"}, "initial": ["a", "b", "c"],
                           "steps": [{"step": 1, "prev": 0, "task": "d"}]})
    learned = [(c.variant, c.koans) for c in plan("sequential", protocol) if c.step == LEARNED]
    assert learned == [(("adapter", snapshot("sequential", t)), t) for t in "ab"]  # c's is row 0's model
    assert plan("sequential", protocol)[2] == Cell(0, ("adapter", snapshot("sequential", "c")), "a")
    pending = [(c.variant, c.koans) for c in plan("share", protocol) if c.step == LEARNED]
    assert pending == [(("adapter", "models/share/pending/step_1"), "d")]  # before its merge


def test_without_judge_all_only_just_learned_and_final_cells_are_judged():
    protocol = P.protocol({"tasks": {t: {"family": "f"} for t in "abcde"}, "initial": ["a", "b", "c"],
                           "steps": [{"step": 1, "prev": 0, "task": "d"}, {"step": 2, "prev": 1, "task": "e"}]})
    judged = lambda method: {(c.step, c.koans) for c in plan(method, protocol, judge_all=False)  # noqa: E731
                             if c.judged and c.step != FINAL and c.koans != CORE}
    final = {(2, t) for t in "abcde"}
    assert judged("sequential") == {(LEARNED, "a"), (LEARNED, "b"), (0, "c"), (1, "d")} | final
    assert judged("share") == {(LEARNED, "d"), (LEARNED, "e"), (0, "a"), (0, "b"), (0, "c"), (1, "d")} | final


def fake_results(protocol, methods, passes, n=20):
    """Results as the evaluate stage writes them, every cell's records from
    passes(method, cell, i) -> bool for its i-th koan."""
    results = {}
    for method in methods:
        cells = []
        for cell in plan(method, protocol):
            koans = "core_sub" if cell.subset else cell.koans
            records = [{"id": f"{koans}/{i}", "task": cell.koans, "shape": "seen" if i % 2 else "new",
                        "status": "pass" if passes(method, cell, i) else "compile_error", "tokens": 10,
                        "correct": 5 + passes(method, cell, i), "loss": 1.0} for i in range(n)]
            cells.append({"step": cell.step, "variant": list(cell.variant), "koans": cell.koans, "subset": cell.subset,
                          "records": records})
        results[method] = {"method": method, "cells": cells}
    return results


def test_bwt_counts_from_just_learned_and_share_reports_compression_apart():
    def passes(method, cell, i):
        if cell.koans == CORE:
            return i < 10
        if method == "base":
            return False
        if method == "sequential":  # learns each task fully, forgets it completely at the next step
            return cell.variant[1].endswith(cell.koans) or cell.step == LEARNED
        if method == "lora":
            return True
        # share: consolidation keeps 3/4 of each task, and nothing is lost after
        return i < 15 and cell.step != LEARNED or cell.step == LEARNED

    results = fake_results(PROTOCOL, ("base", "lora", "sequential", "share"), passes)
    base_end = end_state("base", results["base"]["cells"], PROTOCOL)
    seq = continual("sequential", results, PROTOCOL, base_end)
    assert seq["pass"]["bwt"]["mean"] == -1.0 and seq["pass"]["bwt"]["n"] == 40  # a and b: 20 koans each
    assert [round(r["a"]["pass_rate"], 2) for r in seq["matrix"]] == [1.0, 0.0, 0.0]
    assert seq["matrix"][1][CORE]["n"] == 20  # the core subset, at every step
    share = continual("share", results, PROTOCOL, base_end)
    low, high = share["pass"]["bwt"]["ci95"]  # nothing changed on 40 koans: 0, but not certainty
    assert share["pass"]["bwt"]["mean"] == 0.0 and -0.1 < low < 0 < high < 0.1 and share["pass"]["bwt"]["p"] == 1.0
    assert share["pass"]["compression"]["mean"] == -0.25 and share["pass"]["bwt_vs_trained"]["mean"] == -0.25
    assert share["token"]["compression"]["mean"] == pytest.approx(-0.025)
    assert share["pass"]["fwt"]["n"] == 40  # b and c, each against the base on the same koans


def test_a_missing_step_is_an_error_not_a_shifted_matrix():
    results = fake_results(PROTOCOL, ("base", "sequential"), lambda *_: True)
    results["sequential"]["cells"] = [c for c in results["sequential"]["cells"] if c["step"] != 1]
    base_end = end_state("base", results["base"]["cells"], PROTOCOL)
    with pytest.raises(ReportError, match="after step 1"):
        continual("sequential", results, PROTOCOL, base_end)


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


BARS = {"base_seen": 0.85, "lora_seen": 0.85, "forgetting": 0.1, "core_margin": 0.05, "gain_ratio": 0.9,
        "bwt_floor": -0.02}


def criteria_for(share_rate, lora_rate, share_forgets=0, n=40):
    """The criteria on fake results (n koans per task, half seen shapes): base passes
    nothing, LoRA `lora_rate` of each task, Share `share_rate` (minus `share_forgets`
    koans of each early task at the end)."""

    def passes(method, cell, i):
        if cell.koans == CORE:
            return i < 30 if method != "share_mean" else i < 29  # one core koan lost
        rate = {"base": 0.0, "lora": lora_rate}.get(method, share_rate)
        forgot = method == "share" and cell.step == 2 and cell.koans != "c" and i < share_forgets
        return i < rate * n and not forgot

    methods = ("base", "lora", "share", "share_mean")
    results = fake_results(PROTOCOL, methods, passes, n)
    ends = {m: end_state(m, results[m]["cells"], PROTOCOL) for m in methods}
    summaries = {"share": continual("share", results, PROTOCOL, ends["base"])}
    return {c["name"].split(":")[0]: c for c in criteria(ends, summaries, {}, PROTOCOL, BARS)}


def test_criteria_are_paired_on_seen_shapes_and_read_not_measurable_when_lora_learns_nothing():
    unsure = criteria_for(share_rate=0.5, lora_rate=0.5)
    learning = unsure["Share learns without replay"]
    assert "n=60 koans" in learning["figures"] and "McNemar exact p=" in learning["figures"]  # 3 tasks x 20 seen koans
    assert learning["verdict"] == NOT_MEASURABLE  # no seen koan forgotten of 40: about +-9 points
    met = criteria_for(share_rate=0.5, lora_rate=0.5, n=800)
    assert met["Share learns without replay"]["verdict"] == MET
    assert criteria_for(share_rate=0.2, lora_rate=0.5)["Share learns without replay"]["verdict"] == NOT_MET
    forgets = criteria_for(share_rate=0.5, lora_rate=0.5, share_forgets=20)  # 10 seen koans of each early task
    assert forgets["Share learns without replay"]["verdict"] == NOT_MET
    nothing = criteria_for(share_rate=0.025, lora_rate=0.025)  # one koan per task against none
    assert nothing["Share learns without replay"]["verdict"] == NOT_MEASURABLE
    assert "no gain distinguishable from 0" in nothing["Share learns without replay"]["figures"]
    levels = criteria_for(share_rate=1.0, lora_rate=1.0, n=200)
    assert levels["per-task LoRA learns each task"]["verdict"] == MET  # 100/100 seen: Wilson from 96%
    assert levels["the base knows its curriculum"]["verdict"] == NOT_MET  # 15/100 seen core koans


def test_a_task_may_carry_its_own_training_budget():
    params = {"tasks": {"a": {"family": "f", "train_steps": 60}, "b": {"family": "f"}},
              "lora": {"train": {"steps": 30, "lr": 1e-3}}, "coefficients": {"train": {"steps": 20}}}
    assert P.train_settings(params, "lora", "a") == {"steps": 60, "lr": 1e-3}
    assert P.train_settings(params, "lora", "b") == {"steps": 30, "lr": 1e-3}
    assert P.train_settings(params, "coefficients", "a")["steps"] == 60  # the task's budget, for every method
    for item, says in [({"family": "f", "train_steps": 0}, "train_steps: N"), ({"family": "f", "steps": 5}, "tasks.a")]:
        with pytest.raises(P.ParamsError, match=says):
            P.train_settings({**params, "tasks": {"a": item}}, "lora", "a")
    with pytest.raises(P.ParamsError, match="task 'c' is not in `tasks`"):
        P.train_settings(params, "lora", "c")
