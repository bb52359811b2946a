"""Turn the evaluate stages' per-koan records into the cycle's figures: pass rates with
intervals per method, the accuracy matrices with BWT and FWT, and the cost of each method
(share.cycle.criteria judges the success criteria on them).

Every comparison is paired: models are compared on the koans all were judged on, two
pass rates by Tango's score interval and McNemar's exact test, token accuracy and
contrasts of three models by a paired bootstrap interval of the mean difference. What
cannot be measured is None, printed "n/a"; a missing cell is an error.
"""

from __future__ import annotations

from share.cycle import paths
from share.cycle.methods import CORE, FINAL, LEARNED
from share.cycle.metrics import (judged, mcnemar_exact, paired_bootstrap, paired_difference, passed, summarize,
                                 token_accuracy)

MATRIX_METHODS = ("sequential", "replay", "share")
SIGNALS = {"pass": passed, "token": token_accuracy}


class ReportError(ValueError):
    """The results lack a cell the report needs; the message names it and the stage to re-run."""


def _one(cells: list[dict], method: str, what: str, match) -> list[dict]:
    found = [c for c in cells if match(c)]
    if len(found) != 1:
        problem = "no cell" if not found else f"{len(found)} cells"
        raise ReportError(f"results of {method!r} have {problem} for {what}; re-run its evaluate stage "
                          f"(`dvc repro evaluate@<folder>`, see params.yaml evaluate.methods)")
    return found[0]["records"]


def end_records(method: str, cells: list[dict], koans: str, last: int) -> list[dict]:
    """A method's records on a task (or all of core) at the end of the cycle."""
    return _one(cells, method, f"{koans} at the end", lambda c: c["koans"] == koans and not c["subset"]
                and c["step"] in (last, FINAL))


def has_end(cells: list[dict], koans: str, last: int) -> bool:
    return any(c["koans"] == koans and not c["subset"] and c["step"] in (last, FINAL) for c in cells)


def row(method: str, cells: list[dict], step: int, columns: list[str]) -> dict[str, list[dict]]:
    """Row `step` of a method's accuracy matrix: the records of each task column, and the
    core subset (one core set for every row)."""
    return {k: _one(cells, method, f"{k} after step {step}", lambda c: c["step"] == step and c["koans"] == k
                    and c["subset"] == (k == CORE)) for k in columns}


def learned_at(protocol: dict) -> dict[str, int]:
    return {t: 0 for t in protocol["initial"]} | {s["task"]: s["step"] for s in protocol["steps"]}


def of_shape(records: list[dict], shape: str | None) -> list[dict]:
    """The records of seen or new shapes only (None: all)."""
    return records if shape is None else [r for r in records if r["shape"] == shape]


def contrast(terms: list[tuple[float, list[dict]]], signal: str = "pass", shape: str | None = None) -> dict:
    """Sum of weight x value per koan over the koans every term judged (and scored, for
    token accuracy), of one shape or all: the mean with its paired-bootstrap 95% interval, and n."""
    value = SIGNALS[signal]
    maps = [{r["id"]: value(r) for r in of_shape(records, shape) if value(r) is not None} for _, records in terms]
    ids = [i for i in maps[0] if all(i in m for m in maps)]
    if not ids:
        return {"n": 0, "mean": None, "ci95": None}
    mean, low, high = paired_bootstrap([sum(w * m[i] for (w, _), m in zip(terms, maps)) for i in ids])
    return {"n": len(ids), "mean": mean, "ci95": [low, high]}


def compare(a: list[dict], b: list[dict], signal: str = "pass", shape: str | None = None) -> dict:
    """a - b on the koans both were judged on (of one shape, or all): for pass rates
    Tango's score interval and McNemar's exact p, for token accuracy the paired bootstrap."""
    if signal != "pass":
        return contrast([(1.0, a), (-1.0, b)], signal, shape)
    passed_b = {r["id"]: r["status"] == "pass" for r in judged(of_shape(b, shape))}
    pairs = [(r["status"] == "pass", passed_b[r["id"]]) for r in judged(of_shape(a, shape)) if r["id"] in passed_b]
    if not pairs:
        return {"n": 0, "mean": None, "ci95": None}
    counts = [sum(x == want_a and y == want_b for x, y in pairs) for want_a, want_b in
              ((True, True), (True, False), (False, True), (False, False))]
    mean, low, high = paired_difference(*counts)
    return {"n": len(pairs), "mean": mean, "ci95": [low, high], "p": mcnemar_exact(counts[1], counts[2])}


def flatten(by_task: dict[str, list[dict]], tasks) -> list[dict]:
    return [r for t in tasks for r in by_task[t]]


def end_state(method: str, cells: list[dict], protocol: dict) -> dict[str, list[dict]]:
    """The method's records on each task it measures at the end, and on all of core when
    it ends as one model (per-task methods have only each update's price on core)."""
    last = len(protocol["steps"])
    return {k: end_records(method, cells, k, last) for k in protocol["order"] + [CORE] if has_end(cells, k, last)}


def method_rates(method: str, end: dict[str, list[dict]], protocol: dict) -> dict:
    """{tasks, arriving, core, by_task}: summaries on one koan set per column, the same for
    every method (None where the method does not answer all of that set)."""
    arriving = [s["task"] for s in protocol["steps"]]
    covers = lambda tasks: tasks and all(t in end for t in tasks)  # noqa: E731
    return {"tasks": summarize(flatten(end, protocol["order"])) if covers(protocol["order"]) else None,
            "arriving": summarize(flatten(end, arriving)) if covers(arriving) else None,
            "core": summarize(end[CORE]) if CORE in end else None,
            "by_task": {t: summarize(end[t]) for t in protocol["order"] if t in end}}


def matrix_rows(method: str, cells: list[dict], protocol: dict) -> list[dict[str, list[dict]]]:
    """Every row of the accuracy matrix: the tasks learned so far, the next one, core."""
    rows, seen = [], list(protocol["initial"])
    steps = protocol["steps"]
    for s in range(len(steps) + 1):
        rows.append(row(method, cells, s, seen + ([steps[s]["task"]] if s < len(steps) else []) + [CORE]))
        if s < len(steps):
            seen.append(steps[s]["task"])
    return rows


def just_learned(method: str, results: dict, protocol: dict, rows: list[dict]) -> tuple[dict, dict | None]:
    """(learned, trained): each task's records right after it was learned, and, for Share,
    right after it was trained, before compression. Sequential baselines: their snapshot
    after that task (trained is None). Share: learned is the row that consolidated or
    merged the task; trained is the task's LoRA (initial tasks, before consolidation) or
    its phase-2 result (arriving tasks, before the merge)."""
    cells, at = results[method]["cells"], learned_at(protocol)
    last_initial, arriving = protocol["initial"][-1], [s["task"] for s in protocol["steps"]]
    learned_cell = lambda t: _one(cells, method, f"{t} just learned",  # noqa: E731
                                  lambda c: c["step"] == LEARNED and c["koans"] == t)
    if method != "share":
        learned = {t: rows[0][t] if t == last_initial else learned_cell(t) for t in protocol["initial"]}
        return learned | {t: rows[at[t]][t] for t in arriving}, None
    if "lora" not in results:
        raise ReportError("the share report needs the `lora` method's results (each initial task before "
                          "consolidation); list lora under evaluate.methods")
    trained = {t: end_records("lora", results["lora"]["cells"], t, len(protocol["steps"])) for t in protocol["initial"]}
    return {t: rows[at[t]][t] for t in protocol["order"]}, trained | {t: learned_cell(t) for t in arriving}


def transfer(rows: list[dict], learned: dict, trained: dict | None, base_end: dict, protocol: dict,
             signal: str, shape: str | None = None) -> dict:
    """Average accuracy at the end, and backward and forward transfer with intervals.

    bwt: the last row minus `learned`, over tasks learned before the last step (negative:
    later steps made the model forget). With `trained` (Share): `bwt_vs_trained`, the last
    row minus the task as trained, and `compression`, learned minus trained over every
    task: what consolidation or merging cost on its own. fwt: the row before a task's step
    minus the base model, over arriving tasks: what earlier learning gave it."""
    at, last = learned_at(protocol), len(rows) - 1
    earlier = [t for t in protocol["order"] if at[t] < last]
    arriving = [s["task"] for s in protocol["steps"]]
    final = summarize(of_shape(flatten(rows[last], protocol["order"]), shape), by_shape=False)
    minus = lambda a, b, tasks: compare(flatten(a, tasks), flatten(b, tasks), signal, shape) if tasks else None  # noqa: E731
    out = {"average": final["pass_rate" if signal == "pass" else "token_accuracy"],
           "bwt": minus(rows[last], learned, earlier),
           "fwt": minus({t: rows[at[t] - 1][t] for t in arriving}, base_end, arriving)}
    if trained is not None:
        out["bwt_vs_trained"] = minus(rows[last], trained, earlier)
        out["compression"] = minus(learned, trained, protocol["order"])
    return out


def continual(method: str, results: dict, protocol: dict, base_end: dict) -> dict:
    """A matrix method's accuracy matrix (each cell summarized) and its transfer figures:
    on pass rates (all koans, seen shapes, new shapes) and on the references' token
    accuracy (the graded signal)."""
    rows = matrix_rows(method, results[method]["cells"], protocol)
    learned, trained = just_learned(method, results, protocol, rows)
    figures = lambda signal, shape=None: transfer(rows, learned, trained, base_end, protocol, signal, shape)  # noqa: E731
    return {"pass": figures("pass"), "seen": figures("pass", "seen"), "new": figures("pass", "new"),
            "token": figures("token"),
            "matrix": [{k: summarize(records, by_shape=False) for k, records in r.items()} for r in rows]}


def update_price(results: dict, protocol: dict) -> dict:
    """Each task's price on core: the core subset answered with that task's Share
    coefficients and with its LoRA, paired on the same koans."""
    def subset(method: str, task: str) -> list[dict]:
        return _one(results[method]["cells"], method, f"core subset with {task}'s update",
                    lambda c: c["step"] == FINAL and c["koans"] == CORE and c["subset"] and c["variant"][-1] == task)

    if not {"share", "lora"} <= results.keys():
        return {}
    out = {}
    for t in protocol["order"]:
        share, lora = subset("share", t), subset("lora", t)
        out[t] = {"share": summarize(share, by_shape=False), "lora": summarize(lora, by_shape=False),
                  "share_minus_lora": compare(share, lora), "token_share_minus_lora": compare(share, lora, "token")}
    return out


def _bytes(*places) -> int:
    from pathlib import Path

    return sum(f.stat().st_size for p in places for f in ([Path(p)] if Path(p).is_file() else Path(p).rglob("*.safetensors")))


def _training(logs: list[dict]) -> dict:
    return {"trainable_params": round(sum(s["trainable_params"] for s in logs) / len(logs)),
            "seconds": sum(s["seconds"] for s in logs) / len(logs)}


def training_runs(protocol: dict, methods) -> list[dict]:
    """The training logs of what this cycle's `methods` read: the per-task LoRAs and Share's
    coefficients, and the random-basis control and sequential baselines where evaluated (a
    log left by an earlier cycle's method is not read)."""
    import json
    from pathlib import Path

    kinds = ["lora", "coefficients"] + [m for m in ("random_basis",) if m in methods]
    logs = [Path(paths.train_log(kind, t)) for kind in kinds for t in protocol["order"]]
    logs += [Path(paths.train_log(b)) for b in ("sequential", "replay") if b in methods]
    runs = [json.loads(p.read_text()) for p in logs if p.is_file()]  # coefficients: arriving tasks only
    return [r for run in runs for r in (run if isinstance(run, list) else [run])]


def training_seconds(protocol: dict, methods) -> float:
    return sum(r["seconds"] for r in training_runs(protocol, methods))


def method_costs(protocol: dict, results: dict) -> dict:
    """Stored bytes (the files a method must keep to serve every task) and, per new task,
    trainable parameters and training seconds, read from the stage outputs."""
    import json
    from pathlib import Path

    read = lambda path: json.loads(Path(path).read_text())  # noqa: E731
    order, last = protocol["order"], len(protocol["steps"])
    lora_logs = [read(paths.train_log("lora", t)) for t in order]
    costs = {"base": {"stored_bytes": 0, "trainable_params": 0, "seconds": 0.0},
             "lora": {"stored_bytes": _bytes(*map(paths.lora, order)), **_training(lora_logs)}}
    coefficient_logs = [read(paths.train_log("coefficients", s["task"])) for s in protocol["steps"]]
    if coefficient_logs:
        costs["coefficients"] = {"stored_bytes": _bytes(paths.share_step(last)), **_training(coefficient_logs)}
        costs["share"] = costs["share_mean"] = costs["coefficients"]
    for name in ("sequential", "replay"):
        if Path(paths.train_log(name)).is_file():
            costs[name] = {"stored_bytes": _bytes(paths.snapshot(name, order[-1])),
                           **_training(read(paths.train_log(name)))}
    for name, result in results.items():
        if "stored_bytes" in result:
            costs[name] = {"stored_bytes": result["stored_bytes"], **_training(lora_logs)}
    if protocol["steps"] and "random_basis" in results:
        arriving = [s["task"] for s in protocol["steps"]]
        costs["random_basis"] = {"stored_bytes": _bytes(*map(paths.random_basis, arriving)),
                                 **_training([read(paths.train_log("random_basis", t)) for t in arriving])}
    return costs
