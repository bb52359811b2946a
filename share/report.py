"""Turn the evaluate stages' cells into the cycle's figures: pass rates with intervals per
method, family and task; the accuracy matrix with average accuracy, BWT and FWT; the
cost of each method; and the success criteria, each met or not, with the figures."""

from __future__ import annotations

from collections import defaultdict

from share.cycle import CORE, FINAL
from share.metrics import continual_summary, wilson

MATRIX_METHODS = ("sequential", "replay", "share")


def pooled(cells: list[dict]) -> dict:
    """Pass rate over several cells' koans together, with its interval, and the n-weighted
    teacher-forced loss and token accuracy."""
    passed, n = sum(c["passed"] for c in cells), sum(c["n"] for c in cells)
    low, high = wilson(passed, n)
    weight = lambda key: sum(c[key] * c["n"] for c in cells) / n if n else None  # noqa: E731
    shapes = defaultdict(lambda: [0, 0])  # seen shapes (new instances of training templates) / new shapes
    for c in cells:
        for shape, g in c.get("by_shape", {}).items():
            shapes[shape][0] += g["passed"]
            shapes[shape][1] += g["n"]
    return {"pass_rate": passed / n if n else 0.0, "passed": passed, "n": n, "ci95": [round(low, 4), round(high, 4)],
            "loss": weight("loss"), "token_accuracy": weight("token_accuracy"),
            "by_shape": {s: {"pass_rate": p / m, "passed": p, "n": m} for s, (p, m) in sorted(shapes.items())}}


def final_cells(cells: list[dict]) -> list[dict]:
    """The cells that describe a method at the end of the cycle (the last step, or `final`)."""
    steps = [c["step"] for c in cells if c["step"] != FINAL]
    last = max(steps) if steps else FINAL
    return [c for c in cells if c["step"] in (last, FINAL)]


def method_pass_rates(cells: list[dict], tasks: dict[str, str]) -> dict:
    """{tasks, core, by_family, by_task} at the end of the cycle. A method with no single
    model (per-task LoRA) reports core over its per-update subsets, pooled."""
    end = final_cells(cells)
    learned = [c for c in end if c["koans"] in tasks and not c["subset"]]
    core = [c for c in end if c["koans"] == CORE and not c["subset"]] or [c for c in end if c["koans"] == CORE]
    out = {"tasks": pooled(learned) if learned else None, "core": pooled(core) if core else None,
           "by_task": {c["koans"]: pooled([c]) for c in learned}, "by_family": {}}
    families = defaultdict(list)
    for c in learned:
        families[tasks[c["koans"]]].append(c)
    out["by_family"] = {f: pooled(cs) for f, cs in sorted(families.items())}
    return out


def accuracy_matrix(cells: list[dict], key: str = "pass_rate") -> list[dict]:
    """acc[step][task] for a method evaluated after every step; the core column is the
    core subset after intermediate steps and all of core after the last (a trend only:
    BWT and FWT are over the tasks)."""
    rows = defaultdict(dict)
    for c in cells:
        if c["step"] != FINAL and (not c["subset"] or c["koans"] == CORE):
            rows[c["step"]][c["koans"]] = c[key]
    return [rows[s] for s in sorted(rows)]


def continual(cells: list[dict], protocol: dict, base_cells: list[dict]) -> dict:
    """Average accuracy, BWT and FWT on pass rates, and the same on the references' token
    accuracy (`token_*`: the graded signal, which moves where pass rates sit at 0)."""
    learned_at = {t: 0 for t in protocol["initial"]} | {s["task"]: s["step"] for s in protocol["steps"]}
    out = {}
    for key, prefix in (("token_accuracy", "token_"), ("pass_rate", "")):
        base = {c["koans"]: c[key] for c in base_cells}
        matrix = accuracy_matrix(cells, key)
        out |= {prefix + k: v for k, v in continual_summary(matrix, learned_at, base).items()}
    return {**out, "matrix": matrix}


def criteria(rates: dict, summaries: dict, costs: dict) -> list[dict]:
    """The four success criteria of a cycle, measured; `met` is a boolean or None when a
    method needed for it was not run."""
    out = []
    base_core, mean_core = rates.get("base", {}).get("core"), rates.get("share_mean", {}).get("core")
    if base_core and mean_core:
        low = base_core["ci95"][0]
        out.append({"name": "prior skill kept by the single model (share_mean core >= base core's 95% interval)",
                    "met": mean_core["pass_rate"] >= low,
                    "figures": f"share_mean core {mean_core['pass_rate']:.1%} vs base {base_core['pass_rate']:.1%} "
                               f"(interval {low:.1%}-{base_core['ci95'][1]:.1%}); core token accuracy "
                               f"{mean_core['token_accuracy']:.1%} vs {base_core['token_accuracy']:.1%}"})
    base_t, lora_t, share_t = (rates.get(m, {}).get("tasks") for m in ("base", "lora", "share"))
    if base_t and lora_t and share_t and "share" in summaries:
        lora_gain, share_gain = lora_t["pass_rate"] - base_t["pass_rate"], share_t["pass_rate"] - base_t["pass_rate"]
        ratio = share_gain / lora_gain if lora_gain > 0 else None
        bwt, token_bwt = summaries["share"]["bwt"], summaries["share"]["token_bwt"]
        seq_bwt, seq_token_bwt = (summaries.get("sequential", {}).get(k) for k in ("bwt", "token_bwt"))
        met = ratio is not None and ratio >= 0.9 and bwt >= -0.02
        token_gain = {m: t["token_accuracy"] - base_t["token_accuracy"] for m, t in (("share", share_t), ("lora", lora_t))}
        out.append({"name": "learning without replay (share gain >= 90% of per-task LoRA gain, share BWT >= -2 points)",
                    "met": met,
                    "figures": f"gain share {share_gain:+.1%} vs LoRA {lora_gain:+.1%} (ratio "
                               f"{'n/a' if ratio is None else f'{ratio:.2f}'}); BWT share {bwt:+.1%}, "
                               f"sequential LoRA {'n/a' if seq_bwt is None else f'{seq_bwt:+.1%}'}; the graded "
                               f"signal, reference token accuracy: gain share {token_gain['share']:+.1%} vs LoRA "
                               f"{token_gain['lora']:+.1%}, BWT share {token_bwt:+.1%}, sequential LoRA "
                               f"{'n/a' if seq_token_bwt is None else f'{seq_token_bwt:+.1%}'}"})
    if "share" in costs and "lora" in costs:
        s, l = costs["share"], costs["lora"]
        out.append({"name": "one Share model replaces the per-task adapters (fewer stored bytes)",
                    "met": s["stored_bytes"] < l["stored_bytes"],
                    "figures": f"Share {s['stored_bytes']:,} bytes vs {l['stored_bytes']:,} for every LoRA "
                               f"({l['stored_bytes'] / s['stored_bytes']:.1f}x)"})
        c = costs.get("coefficients")
        if c:
            out.append({"name": "coefficient-only updates cheaper than LoRA (fewer trainable params per new task)",
                        "met": c["trainable_params"] < l["trainable_params"],
                        "figures": f"{c['trainable_params']:,} vs {l['trainable_params']:,} trainable params "
                                   f"({l['trainable_params'] / c['trainable_params']:.1f}x fewer); "
                                   f"{c['seconds']:.0f} s vs {l['seconds']:.0f} s per task"})
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

    read = lambda path: json.loads(Path(path).read_text())  # noqa: E731
    order, last = protocol["order"], len(protocol["steps"])
    lora_logs = [read(f"logs/lora/{t}.json") for t in order]
    costs = {"base": {"stored_bytes": 0, "trainable_params": 0, "seconds": 0.0},
             "lora": {"stored_bytes": _bytes(*[f"models/lora/{t}" for t in order]), **_training(lora_logs)}}
    share_bytes = _bytes(f"models/share/step_{last}")
    coefficient_logs = [read(f"logs/coefficients/{s['task']}.json") for s in protocol["steps"]]
    if coefficient_logs:
        costs["coefficients"] = {"stored_bytes": share_bytes, **_training(coefficient_logs)}
        costs["share"] = costs["share_mean"] = costs["coefficients"]
    for name in ("sequential", "replay"):
        if Path(f"logs/{name}.json").is_file():
            costs[name] = {"stored_bytes": _bytes(f"models/{name}/step_{last}"), **_training(read(f"logs/{name}.json"))}
    for name, result in results.items():
        if "stored_bytes" in result:
            costs[name] = {"stored_bytes": result["stored_bytes"], **_training(lora_logs)}
    if protocol["steps"]:
        costs["random_basis"] = {"stored_bytes": _bytes(*[f"models/random_basis/{s['task']}" for s in protocol["steps"]]),
                                 **_training([read(f"logs/random_basis/{s['task']}.json") for s in protocol["steps"]])}
    return costs
