"""Stage `report`: metrics/*.json (compared across commits by `dvc metrics diff`), the
plot data declared in dvc.yaml, and reports/cycle.md with the method table and the
success criteria, each met or not, with the figures."""

import csv
import datetime
import json
import platform
from pathlib import Path

from share import params as P
from share.cycle import check_methods, result_path
from share.io import write_json, write_text
from share.report import MATRIX_METHODS, continual, criteria, method_costs, method_pass_rates


def loss_curves(protocol: dict) -> list[dict]:
    """Training loss per step of every per-task run, from the dvclive logs."""
    rows = []
    for kind in ("lora", "coefficients", "random_basis"):
        for task in protocol["order"]:
            tsv = Path(f"logs/{kind}/{task}/plots/metrics/train/loss.tsv")
            if tsv.is_file():
                for r in csv.DictReader(tsv.open(), delimiter="\t"):
                    rows.append({"run": f"{kind}/{task}", "step": int(r["step"]), "loss": float(r["loss"])})
    return rows


def number(value) -> str:
    return "-" if value is None else f"{value:,}"


def table(rates: dict, summaries: dict, costs: dict) -> str:
    lines = ["| method | learned tasks: pass rate (95% interval) | seen / new shapes | token accuracy (loss) | core "
             "| core token accuracy | BWT (token accuracy) | trainable params / task | stored bytes |", "|---|---|---|---|---|---|---|---|---|"]
    shape = lambda t, s: f"{t['by_shape'][s]['pass_rate']:.0%}" if s in t.get("by_shape", {}) else "-"  # noqa: E731
    for method, r in rates.items():
        t, c = r["tasks"], r["core"]
        cost = costs.get(method, {})
        summary = summaries.get(method, {})
        bwt = f"{summary['bwt']:+.1%} ({summary['token_bwt']:+.1%})" if summary else ""
        lines.append(f"| {method} | {t['pass_rate']:.1%} ({t['ci95'][0]:.1%}-{t['ci95'][1]:.1%}), n={t['n']} "
                     f"| {shape(t, 'seen')} / {shape(t, 'new')} | {t['token_accuracy']:.1%} ({t['loss']:.2f}) "
                     f"| {c['pass_rate']:.1%} | {c['token_accuracy']:.1%} | {bwt} "
                     f"| {number(cost.get('trainable_params'))} | {number(cost.get('stored_bytes'))} |")
    return "\n".join(lines)


def cycle_md(protocol, rates, summaries, costs, crit, price) -> str:
    today = datetime.date.today().isoformat()
    out = [f"# Continual-learning cycle ({today}, {platform.machine()}, {platform.python_version()})", "",
           f"Initial tasks: {', '.join(protocol['initial'])}. Arriving, in order: "
           f"{', '.join(s['task'] for s in protocol['steps'])}.", "", "## Methods", "", table(rates, summaries, costs), "",
           "Seen shapes: held-out instances of the tasks' training templates; new shapes: koans of the "
           "evaluation-only templates (programs unlike any the model was trained on). Token accuracy (loss): the "
           "reference answers scored teacher-forced, a graded signal where pass rates sit near 0.", "",
           "## Success criteria", ""]
    out += [f"- {'MET' if c['met'] else 'NOT MET'}: {c['name']}: {c['figures']}" for c in crit]
    out += ["", "## Each update's price on prior skill (core subset, with that task's update applied)", "",
            "| task | Share coefficients | its LoRA |", "|---|---|---|"]
    out += [f"| {t} | {p['share']:.1%} | {p['lora']:.1%} |" for t, p in price.items()]
    for method, s in summaries.items():
        out += ["", f"## Accuracy matrix: {method} (average {s['average_accuracy']:.1%}, BWT {s['bwt']:+.1%}, "
                    f"FWT {s['fwt']:+.1%}; on token accuracy: average {s['token_average_accuracy']:.1%}, "
                    f"BWT {s['token_bwt']:+.1%}, FWT {s['token_fwt']:+.1%})", ""]
        columns = protocol["order"] + ["core"]
        out += ["| step | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
        for step, row in enumerate(s["matrix"]):
            out.append(f"| {step} | " + " | ".join(f"{row[c]:.0%}" if c in row else "" for c in columns) + " |")
    return "\n".join(out) + "\n"


def update_price(results: dict) -> dict:
    """Core (subset) pass rate with each task's Share coefficients and with its LoRA."""
    price = {}
    for method, key in (("share", "share"), ("lora", "lora")):
        for c in results.get(method, {}).get("cells", []):
            if c["subset"]:
                price.setdefault(c["variant"][-1], {})[key] = c["pass_rate"]
    return {t: p for t, p in price.items() if len(p) == 2}


def main() -> None:
    params = P.load()
    protocol = P.protocol(params)
    methods = check_methods(P.section(params, "evaluate")["methods"])
    results = {m: json.loads(Path(result_path(m)).read_text()) for m in methods}
    rates = {m: method_pass_rates(r["cells"], protocol["tasks"]) for m, r in results.items()}
    summaries = {m: continual(results[m]["cells"], protocol, results["base"]["cells"]) for m in MATRIX_METHODS if m in results}
    costs = method_costs(protocol, results)
    crit = criteria(rates, summaries, costs)
    price = update_price(results)
    lora_bytes = costs["lora"]["stored_bytes"]
    write_json("metrics/pass_rates.json", rates)
    write_json("metrics/continual.json", {m: {k: v for k, v in s.items() if k != "matrix"} for m, s in summaries.items()})
    write_json("metrics/cost.json", {**costs, "share_compression": lora_bytes / costs["share"]["stored_bytes"]
                                     if "share" in costs else None})
    write_json("metrics/criteria.json", {c["name"]: c["met"] for c in crit})
    write_json("plots/accuracy_matrix.json", [{"method": m, "step": step, "task": t, "pass_rate": v}
                                              for m, s in summaries.items() for step, row in enumerate(s["matrix"])
                                              for t, v in row.items()])
    write_json("plots/pass_rate_by_method.json", [{"method": m, "pass_rate": r["tasks"]["pass_rate"],
                                                   "low": r["tasks"]["ci95"][0], "high": r["tasks"]["ci95"][1]}
                                                  for m, r in rates.items() if r["tasks"]])
    write_json("plots/loss.json", loss_curves(protocol))
    write_text("reports/cycle.md", cycle_md(protocol, rates, summaries, costs, crit, price))


if __name__ == "__main__":
    P.run_stage(main)
