"""Stage `report`: metrics/*.json (compared across commits by `dvc metrics diff`), the
plot data declared in dvc.yaml, and reports/cycle.md with the method table and the
success criteria, each MET, NOT MET or NOT MEASURABLE, with its paired test."""

import json
from pathlib import Path

from share.cycle import params as P
from share.cycle import paths
from share.cycle.criteria import criteria
from share.cycle.methods import check_methods, result_path
from share.cycle.render import cycle_md, draw, headline, loss_curves
from share.cycle.report import MATRIX_METHODS, continual, end_state, method_costs, method_rates, update_price
from share.io import write_json, write_text


def main() -> None:
    params = P.load()
    protocol = P.protocol(params)
    methods = check_methods(P.section(params, "evaluate")["methods"])
    bars = P.section(params, "report")
    results = {m: json.loads(Path(result_path(m)).read_text()) for m in methods}
    ends = {m: end_state(m, r["cells"], protocol) for m, r in results.items()}
    rates = {m: method_rates(m, ends[m], protocol) for m in methods}
    summaries = {m: continual(m, results, protocol, ends["base"]) for m in MATRIX_METHODS if m in results}
    costs = method_costs(protocol, results)
    zero_shot = json.loads(Path(paths.BASE_METRICS).read_text())["zero_shot"]
    crit = criteria(ends, summaries, costs, protocol, bars, zero_shot)
    price = update_price(results, protocol)
    lora_bytes = costs["lora"]["stored_bytes"]
    write_json("metrics/cycle.json", headline(rates, summaries, costs, results, protocol))
    write_json("metrics/criteria.json", {c["name"]: c["verdict"] for c in crit})
    write_json("reports/breakdown/pass_rates.json", rates)
    write_json("reports/breakdown/continual.json", {m: {k: v for k, v in s.items() if k != "matrix"}
                                                    for m, s in summaries.items()})
    write_json("reports/breakdown/cost.json", {**costs, "share_compression": lora_bytes / costs["share"]["stored_bytes"]
                                               if "share" in costs else None})
    write_json("plots/accuracy_matrix.json", [{"method": m, "step": step, "task": t, "token_accuracy": v["token_accuracy"]}
                                              for m, s in summaries.items() for step, row in enumerate(s["matrix"])
                                              for t, v in row.items() if v["token_accuracy"] is not None])
    by_method = [{"method": m, "pass_rate": r["tasks"]["pass_rate"], "low": r["tasks"]["ci95"][0],
                  "high": r["tasks"]["ci95"][1]} for m, r in rates.items() if r["tasks"] and r["tasks"]["n"]]
    losses = loss_curves(protocol)
    write_json("plots/pass_rate_by_method.json", by_method)
    write_json("plots/loss.json", losses)
    figures_md = draw(protocol, summaries, by_method, losses)
    write_text("reports/cycle.md", cycle_md(protocol, rates, summaries, costs, crit, price, figures_md, results))


if __name__ == "__main__":
    P.run_stage(main)
