"""Turn the evaluate stages' per-koan records into the cycle's figures: pass rates with
intervals per method, the accuracy matrices with BWT and FWT, the cost of each method,
and the success criteria.

Every comparison is paired: models are compared on the koans all were judged on, two
pass rates by Tango's score interval and McNemar's exact test, token accuracy and
contrasts of three models by a paired bootstrap interval of the mean difference. A claim is MET only when its whole 95% interval clears the bar, NOT MET when the
whole interval falls short, and NOT MEASURABLE otherwise (share.metrics.verdict). What
cannot be measured is None, printed "n/a"; a missing cell is an error.
"""

from __future__ import annotations

from share.cycle import CORE, FINAL, LEARNED
from share.metrics import (MET, NOT_MEASURABLE, NOT_MET, judged, mcnemar_exact, paired_bootstrap, paired_difference,
                           summarize, token_accuracy, verdict)

MATRIX_METHODS = ("sequential", "replay", "share")
SIGNALS = {"pass": lambda r: float(r["status"] == "pass"), "token": token_accuracy}


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


def contrast(terms: list[tuple[float, list[dict]]], signal: str = "pass") -> dict:
    """Sum of weight x value per koan over the koans every term judged (and scored, for
    token accuracy): the mean with its paired-bootstrap 95% interval, and n."""
    value = SIGNALS[signal]
    maps = [{r["id"]: value(r) for r in judged(records)} for _, records in terms]
    ids = [i for i in maps[0] if all(i in m and m[i] is not None for m in maps)]
    if not ids:
        return {"n": 0, "mean": None, "ci95": None}
    mean, low, high = paired_bootstrap([sum(w * m[i] for (w, _), m in zip(terms, maps)) for i in ids])
    return {"n": len(ids), "mean": mean, "ci95": [low, high]}


def compare(a: list[dict], b: list[dict], signal: str = "pass") -> dict:
    """a - b on the koans both were judged on: for pass rates Tango's score interval
    and McNemar's exact p, for token accuracy the paired bootstrap."""
    if signal != "pass":
        return contrast([(1.0, a), (-1.0, b)], signal)
    passed_b = {r["id"]: r["status"] == "pass" for r in judged(b)}
    pairs = [(r["status"] == "pass", passed_b[r["id"]]) for r in judged(a) if r["id"] in passed_b]
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
             signal: str) -> dict:
    """Average accuracy at the end, and backward and forward transfer with intervals.

    bwt: the last row minus `learned`, over tasks learned before the last step (negative:
    later steps made the model forget). With `trained` (Share): `bwt_vs_trained`, the last
    row minus the task as trained, and `compression`, learned minus trained over every
    task: what consolidation or merging cost on its own. fwt: the row before a task's step
    minus the base model, over arriving tasks: what earlier learning gave it."""
    at, last = learned_at(protocol), len(rows) - 1
    earlier = [t for t in protocol["order"] if at[t] < last]
    arriving = [s["task"] for s in protocol["steps"]]
    final = summarize(flatten(rows[last], protocol["order"]), by_shape=False)
    minus = lambda a, b, tasks: compare(flatten(a, tasks), flatten(b, tasks), signal) if tasks else None  # noqa: E731
    out = {"average": final["pass_rate" if signal == "pass" else "token_accuracy"],
           "bwt": minus(rows[last], learned, earlier),
           "fwt": minus({t: rows[at[t] - 1][t] for t in arriving}, base_end, arriving)}
    if trained is not None:
        out["bwt_vs_trained"] = minus(rows[last], trained, earlier)
        out["compression"] = minus(learned, trained, protocol["order"])
    return out


def continual(method: str, results: dict, protocol: dict, base_end: dict) -> dict:
    """A matrix method's accuracy matrix (each cell summarized) and its transfer figures on
    pass rates and on the references' token accuracy (the graded signal)."""
    rows = matrix_rows(method, results[method]["cells"], protocol)
    learned, trained = just_learned(method, results, protocol, rows)
    return {"pass": transfer(rows, learned, trained, base_end, protocol, "pass"),
            "token": transfer(rows, learned, trained, base_end, protocol, "token"),
            "matrix": [{k: summarize(records, by_shape=False) for k, records in r.items()} for r in rows]}


def _interval(c: dict | None, unit: str = " points") -> str:
    if not c or c["n"] == 0:
        return "n/a"
    low, high = c["ci95"]
    return f"{c['mean'] * 100:+.1f}{unit} (95% interval {low * 100:+.1f} to {high * 100:+.1f}, n={c['n']} koans)"


def _p(c: dict) -> str:
    return f", McNemar exact p={c['p']:.3g}" if c.get("p") is not None else ""


def _combine(*verdicts: str) -> str:
    if NOT_MET in verdicts:
        return NOT_MET
    return MET if all(v == MET for v in verdicts) else NOT_MEASURABLE


def criteria(ends: dict[str, dict], summaries: dict, costs: dict, protocol: dict, bars: dict) -> list[dict]:
    """The success criteria of a cycle, each with its paired test, n and interval. `bars`:
    core_margin (prior skill kept within this many points), gain_ratio (Share's gain over
    the base as a share of LoRA's), bwt_floor (Share's BWT at least this)."""
    out, order = [], protocol["order"]
    if "base" in ends and "share_mean" in ends and CORE in ends["share_mean"]:
        c = compare(ends["share_mean"][CORE], ends["base"][CORE])
        base = summarize(ends["base"][CORE], by_shape=False)
        margin, has_skill = bars["core_margin"], bool(base["n"]) and base["ci95"][0] > 0
        out.append({"name": f"prior skill kept: share_mean core no more than {margin:.0%} below the base's",
                    "verdict": verdict(*c["ci95"], -margin) if c["n"] and has_skill else NOT_MEASURABLE,
                    "figures": f"base core {base['passed']}/{base['n']}"
                               f"{'' if has_skill else ' (no prior skill distinguishable from 0: nothing to keep)'}; "
                               f"share_mean - base on core, Tango score interval: {_interval(c)}{_p(c)}; "
                               f"margin {margin * 100:.0f} points"})
    if all(m in ends for m in ("base", "lora", "share")) and "share" in summaries:
        base, lora, share = (flatten(ends[m], order) for m in ("base", "lora", "share"))
        lora_gain, share_gain = compare(lora, base), compare(share, base)
        ratio = bars["gain_ratio"]
        shortfall = contrast([(1.0, share), (-1.0, base), (-ratio, lora), (ratio, base)])
        bwt = summaries["share"]["pass"]["bwt"]
        lora_learns = verdict(*lora_gain["ci95"], 1e-12) if lora_gain["n"] else NOT_MEASURABLE
        parts = [verdict(*shortfall["ci95"], 0.0), verdict(*bwt["ci95"], bars["bwt_floor"]) if bwt else NOT_MEASURABLE]
        seq = summaries.get("sequential", {}).get("pass", {}).get("bwt")
        out.append({"name": f"learning without replay: Share's gain over the base >= {ratio:.0%} of per-task LoRA's, "
                            f"Share's BWT >= {bars['bwt_floor'] * 100:+.0f} points",
                    "verdict": _combine(*parts) if lora_learns == MET else NOT_MEASURABLE,
                    "figures": f"all tasks, Tango score intervals: LoRA - base {_interval(lora_gain)}{_p(lora_gain)}"
                               f"{'' if lora_learns == MET else ' (LoRA learns nothing measurable: nothing to compare)'}; "
                               f"Share - base {_interval(share_gain)}{_p(share_gain)}; Share gain - {ratio:g} x LoRA "
                               f"gain, paired bootstrap: {_interval(shortfall)}; Share BWT {_interval(bwt)}{_p(bwt or {})}; "
                               f"sequential LoRA BWT "
                               f"{_interval(seq)}"})
    if "share" in costs and "lora" in costs:
        s, l = costs["share"], costs["lora"]
        out.append({"name": "one Share model replaces the per-task adapters (fewer stored bytes)",
                    "verdict": MET if s["stored_bytes"] < l["stored_bytes"] else NOT_MET,
                    "figures": f"Share {s['stored_bytes']:,} bytes vs {l['stored_bytes']:,} for every LoRA "
                               f"({l['stored_bytes'] / s['stored_bytes']:.1f}x); exact sizes, no sampling"})
        c = costs.get("coefficients")
        if c:
            out.append({"name": "coefficient-only updates cheaper than LoRA (fewer trainable params per new task)",
                        "verdict": MET if c["trainable_params"] < l["trainable_params"] else NOT_MET,
                        "figures": f"{c['trainable_params']:,} vs {l['trainable_params']:,} trainable params "
                                   f"({l['trainable_params'] / c['trainable_params']:.1f}x fewer); "
                                   f"{c['seconds']:.0f} s vs {l['seconds']:.0f} s per task; exact counts"})
    return out


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
                  "share_minus_lora": compare(share, lora)}
    return out


def _bytes(*paths) -> int:
    from pathlib import Path

    return sum(f.stat().st_size for p in paths for f in ([Path(p)] if Path(p).is_file() else Path(p).rglob("*.safetensors")))


def _training(logs: list[dict]) -> dict:
    return {"trainable_params": round(sum(s["trainable_params"] for s in logs) / len(logs)),
            "seconds": sum(s["seconds"] for s in logs) / len(logs)}


def method_costs(protocol: dict, results: dict) -> dict:
    """Stored bytes (the files a method must keep to serve every task) and, per new task,
    trainable parameters and training seconds, read from the stage outputs."""
    import json
    from pathlib import Path

    from share.cycle import snapshot

    read = lambda path: json.loads(Path(path).read_text())  # noqa: E731
    order, last = protocol["order"], len(protocol["steps"])
    lora_logs = [read(f"logs/lora/{t}.json") for t in order]
    costs = {"base": {"stored_bytes": 0, "trainable_params": 0, "seconds": 0.0},
             "lora": {"stored_bytes": _bytes(*[f"models/lora/{t}" for t in order]), **_training(lora_logs)}}
    coefficient_logs = [read(f"logs/coefficients/{s['task']}.json") for s in protocol["steps"]]
    if coefficient_logs:
        costs["coefficients"] = {"stored_bytes": _bytes(f"models/share/step_{last}"), **_training(coefficient_logs)}
        costs["share"] = costs["share_mean"] = costs["coefficients"]
    for name in ("sequential", "replay"):
        if Path(f"logs/{name}.json").is_file():
            costs[name] = {"stored_bytes": _bytes(snapshot(name, order[-1])), **_training(read(f"logs/{name}.json"))}
    for name, result in results.items():
        if "stored_bytes" in result:
            costs[name] = {"stored_bytes": result["stored_bytes"], **_training(lora_logs)}
    if protocol["steps"] and "random_basis" in results:
        costs["random_basis"] = {"stored_bytes": _bytes(*[f"models/random_basis/{s['task']}" for s in protocol["steps"]]),
                                 **_training([read(f"logs/random_basis/{s['task']}.json") for s in protocol["steps"]])}
    return costs
