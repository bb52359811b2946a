"""reports/cycle.md, its figures and the headline metrics, rendered from the report's
figures (share.cycle.report): the method table, the success criteria, each update's price
on core, the accuracy matrices, and the line saying which arithmetic ran. `build` makes
everything the report stage writes."""

import csv
import datetime
import json
import platform
from pathlib import Path

from share.cycle import figures, paths
from share.cycle import params as P
from share.cycle.criteria import criteria
from share.cycle.methods import CORE, check_methods, result_path
from share.cycle.report import MATRIX_METHODS, continual, end_state, method_costs, method_rates, training_seconds, update_price
from share.io import atomic_path
from share.model.hardware import native_bf16


def loss_curves(protocol: dict) -> list[dict]:
    """Training loss per step of every per-task run, from the dvclive logs."""
    rows = []
    for kind in ("lora", "coefficients", "random_basis"):
        for task in protocol["order"]:
            tsv = Path(paths.live(kind, task)) / "plots/metrics/train/loss.tsv"
            if tsv.is_file():
                for r in csv.DictReader(tsv.open(), delimiter="\t"):
                    rows.append({"run": f"{kind}/{task}", "step": int(r["step"]), "loss": float(r["loss"])})
    return rows


TOKEN = "reference token accuracy"  # measured in every cell; pass rates only where a cell was judged


def pct(value, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}%}"


def number(value) -> str:
    return "n/a" if value is None else f"{value:,}"


def rate(s: dict | None) -> str:
    """A pass rate with its interval and n, or n/a."""
    if s is None or s["n"] == 0:
        return "n/a"
    return f"{pct(s['pass_rate'])} ({pct(s['ci95'][0])}-{pct(s['ci95'][1])}), n={s['n']}"


def shapes(s: dict | None) -> str:
    if s is None:
        return "n/a"
    return " / ".join(f"{g['passed']}/{g['n']}" if (g := s["by_shape"].get(k)) else "n/a" for k in ("seen", "new"))


def interval(c: dict | None) -> str:
    if not c or not c["n"]:
        return "n/a"
    return f"{c['mean'] * 100:+.1f} ({c['ci95'][0] * 100:+.1f} to {c['ci95'][1] * 100:+.1f})"


def by_shape(s: dict | None, shape: str) -> str:
    g = (s or {}).get("by_shape", {}).get(shape)
    return rate(g) if g else "n/a"


def table(rates: dict, summaries: dict, costs: dict) -> str:
    lines = ["| method | all tasks, seen shapes: pass rate (95% interval) | new shapes | token accuracy "
             "| arriving tasks (all shapes) | core (all koans) | BWT on seen shapes, points (95% interval) "
             "| trainable params / task | stored bytes |", "|---|---|---|---|---|---|---|---|---|"]
    for method, r in rates.items():
        t, cost = r["tasks"], costs.get(method, {})
        bwt = summaries[method]["seen"]["bwt"] if method in summaries else None
        lines.append(f"| {method} | {by_shape(t, 'seen')} | {by_shape(t, 'new')} | {pct(t and t['token_accuracy'])} "
                     f"| {rate(r['arriving'])} | {rate(r['core'])} | {interval(bwt)} "
                     f"| {number(cost.get('trainable_params'))} | {number(cost.get('stored_bytes'))} |")
    return "\n".join(lines)


def excluded_line(rates: dict) -> str:
    """How many koans the judge itself failed on (sandbox_error): left out of every figure."""
    counts = {m: sum((r[k] or {}).get("excluded", 0) for k in ("tasks", "core")) for m, r in rates.items()}
    failed = {m: c for m, c in counts.items() if c}
    if not failed:
        return "The judge gave a verdict on every koan (no sandbox_error)."
    return ("Koans the judge failed on (sandbox_error), left out of the figures: "
            + ", ".join(f"{m} {c}" for m, c in failed.items()) + ".")


def matrix_section(method: str, s: dict, protocol: dict) -> list[str]:
    p, t = s["pass"], s["token"]
    out = ["", f"## Accuracy matrix: {method}", "",
           f"Each cell: pass rate where the cell was judged / reference token accuracy; core is the same core subset "
           f"at every step. Pass rate at the end {pct(p['average'])}. BWT on seen shapes {interval(s['seen']['bwt'])} "
           f"points, on new shapes {interval(s['new']['bwt'])}, on token accuracy {interval(t['bwt'])}; FWT on token "
           f"accuracy {interval(t['fwt'])}."]
    if "compression" in p:
        out[-1] += (f" Measured from each task as trained (its LoRA before consolidation, or its phase-2 result "
                    f"before the merge), seen shapes: BWT {interval(s['seen']['bwt_vs_trained'])}; consolidation or "
                    f"merge alone {interval(s['seen']['compression'])} points (token accuracy "
                    f"{interval(t['compression'])}).")
    columns = protocol["order"] + [CORE]
    out += ["", "| step | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    cell = lambda v: f"{pct(v['pass_rate'], 0) if v['n'] else '-'} / {pct(v['token_accuracy'], 0)}"  # noqa: E731
    for step, row in enumerate(s["matrix"]):
        out.append(f"| {step} | " + " | ".join(cell(row[c]) if c in row else "" for c in columns) + " |")
    return out


def draw(protocol: dict, summaries: dict, by_method: list[dict], losses: list[dict]) -> list[str]:
    """reports/figures/*.png from the plot data; returns the Markdown that embeds them."""
    columns = protocol["order"] + [CORE]
    md = ["", "## Figures", "", "![pass rate per method](figures/pass_rates.png)", "",
          "![training loss](figures/loss.png)"]
    with atomic_path("reports/figures") as out:
        out.mkdir()
        figures.pass_rates(by_method, out / "pass_rates.png")
        figures.loss_curves(losses, out / "loss.png")
        for method, s in summaries.items():
            rows = [{c: v["token_accuracy"] for c, v in row.items()} for row in s["matrix"]]
            figures.matrix_heatmap(method, columns, rows, out / f"matrix_{method}.png", TOKEN)
            figures.task_curves(method, columns, rows, out / f"tasks_{method}.png", TOKEN)
            md += ["", f"![{method}: accuracy matrix, token accuracy](figures/matrix_{method}.png)",
                   f"![{method}: each task after every step, token accuracy](figures/tasks_{method}.png)"]
    return md


def precision_line(results: dict) -> str:
    """Which arithmetic ran: bf16 autocast only where the CPU computes bf16 natively (params `bf16: auto`)."""
    runs = [json.loads(p.read_text()) for p in Path("logs").glob("*/*.json")]
    trained = {r["bf16"] for r in runs if isinstance(r, dict) and "bf16" in r}
    evaluated = {r.get("bf16") for r in results.values()}
    word = lambda found: "bf16 autocast" if found == {True} else "float32" if found == {False} else "mixed"  # noqa: E731
    return (f"Arithmetic: training in {word(trained)}; evaluation (prompts, decoding and teacher-forced scoring) in "
            f"{word(evaluated)} (this CPU {'has' if native_bf16('cpu') else 'lacks'} native bf16).")


def cycle_md(protocol, rates, summaries, costs, crit, price, figures_md, results) -> str:
    today = datetime.date.today().isoformat()
    out = [f"# Continual-learning cycle ({today}, {platform.machine()}, Python {platform.python_version()})", "",
           f"Initial tasks: {', '.join(protocol['initial'])}. Arriving, in order: "
           f"{', '.join(s['task'] for s in protocol['steps'])}.", "", "## Methods", "", table(rates, summaries, costs), "",
           "Every column is one koan set, the same for every method; n counts distinct koans. Seen shapes: held-out "
           "instances of the tasks' training templates; new shapes: koans of evaluation-only templates. Token "
           "accuracy: the reference answers scored teacher-forced, averaged over koans (a graded signal where pass "
           "rates sit near 0). n/a: the method has no single model for that set (per-task methods are priced on "
           "core below) or does not answer it.", "", excluded_line(rates), "", "## Success criteria", "",
           "Paired on the same koans; MET only when the whole 95% interval clears the bar, NOT MET when it falls "
           "short of it, NOT MEASURABLE otherwise.", ""]
    out += [f"- **{c['verdict']}**: {c['name']}. {c['figures']}" for c in crit]
    if price:
        out += ["", "## Each update's price on prior skill (core subset, with that task's update applied)", "",
                "| task | Share coefficients: pass rate / token accuracy | its LoRA | Share - LoRA, pass rate points "
                "| Share - LoRA, token accuracy points |", "|---|---|---|---|---|"]
        out += [f"| {t} | {rate(p['share'])} / {pct(p['share']['token_accuracy'])} | {rate(p['lora'])} / "
                f"{pct(p['lora']['token_accuracy'])} | {interval(p['share_minus_lora'])} "
                f"| {interval(p['token_share_minus_lora'])} |" for t, p in price.items()]
    out += ["", precision_line(results)]
    for method, s in summaries.items():
        out += matrix_section(method, s, protocol)
    return "\n".join(out + figures_md) + "\n"


def headline(rates: dict, summaries: dict, costs: dict, results: dict, protocol: dict) -> dict:
    """metrics/cycle.json, what `dvc metrics diff` compares across commits on one screen:
    per method the learned tasks' pass rate on seen and new shapes, reference token
    accuracy and loss (graded signals that move where pass rates do not), core, BWT on seen shapes, trainable parameters and stored bytes; and the
    minutes spent training and evaluating (stage start-up and koan generation not counted)."""
    def of(s: dict | None, shape: str):
        g = (s or {}).get("by_shape", {}).get(shape)
        return g and g["pass_rate"]

    out = {m: {"seen": of(r["tasks"], "seen"), "new": of(r["tasks"], "new"), "core": r["core"] and r["core"]["pass_rate"],
               "token_accuracy": r["tasks"] and r["tasks"]["token_accuracy"], "loss": r["tasks"] and r["tasks"]["loss"],
               "bwt_seen": summaries[m]["seen"]["bwt"]["mean"] if m in summaries and summaries[m]["seen"]["bwt"] else None,
               "trainable_params": costs.get(m, {}).get("trainable_params"),
               "stored_bytes": costs.get(m, {}).get("stored_bytes")} for m, r in rates.items()}
    seconds = training_seconds(protocol, results) + sum(r["seconds"] for r in results.values())
    return {**out, "minutes": round(seconds / 60, 1)}


def build(params: dict) -> dict:
    """Everything the report stage writes, by name (the stage names the paths, beside its
    outs): the headline and criteria metrics, the breakdown, the plot data and the
    Markdown; the figures (reports/figures/) are drawn on the way."""
    protocol = P.protocol(params)
    methods = check_methods(P.section(params, "evaluate")["methods"])
    results = {m: json.loads(Path(result_path(m)).read_text()) for m in methods}
    ends = {m: end_state(m, r["cells"], protocol) for m, r in results.items()}
    rates = {m: method_rates(m, ends[m], protocol) for m in methods}
    summaries = {m: continual(m, results, protocol, ends["base"]) for m in MATRIX_METHODS if m in results}
    costs = method_costs(protocol, results)
    zero_shot = json.loads(Path(paths.BASE_METRICS).read_text())["zero_shot"]
    crit = criteria(ends, summaries, costs, protocol, P.section(params, "report"), zero_shot)
    by_method = [{"method": m, "pass_rate": r["tasks"]["pass_rate"], "low": r["tasks"]["ci95"][0],
                  "high": r["tasks"]["ci95"][1]} for m, r in rates.items() if r["tasks"] and r["tasks"]["n"]]
    losses = loss_curves(protocol)
    figures_md = draw(protocol, summaries, by_method, losses)
    share_bytes = costs["share"]["stored_bytes"] if "share" in costs else None
    return {
        "headline": headline(rates, summaries, costs, results, protocol),
        "criteria": {c["name"]: c["verdict"] for c in crit},
        "pass_rates": rates,
        "continual": {m: {k: v for k, v in s.items() if k != "matrix"} for m, s in summaries.items()},
        "cost": {**costs, "share_compression": costs["lora"]["stored_bytes"] / share_bytes if share_bytes else None},
        "accuracy_matrix": [{"method": m, "step": step, "task": t, "token_accuracy": v["token_accuracy"]}
                            for m, s in summaries.items() for step, row in enumerate(s["matrix"])
                            for t, v in row.items() if v["token_accuracy"] is not None],
        "pass_rate_by_method": by_method,
        "loss": losses,
        "markdown": cycle_md(protocol, rates, summaries, costs, crit, update_price(results, protocol), figures_md,
                             results),
    }
