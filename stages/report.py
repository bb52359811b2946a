"""Stage `report`: metrics/*.json (compared across commits by `dvc metrics diff`), the
plot data declared in dvc.yaml, and reports/cycle.md with the method table and the
success criteria, each MET, NOT MET or NOT MEASURABLE, with its paired test
(share.cycle.render.build)."""

from share.cycle import params as P
from share.cycle.render import build
from share.io import write_json, write_text

OUTPUTS = {  # what the report writes (dvc.yaml's outs of `report`), by name
    "headline": "metrics/cycle.json",
    "criteria": "metrics/criteria.json",
    "pass_rates": "reports/breakdown/pass_rates.json",
    "continual": "reports/breakdown/continual.json",
    "cost": "reports/breakdown/cost.json",
    "accuracy_matrix": "plots/accuracy_matrix.json",
    "pass_rate_by_method": "plots/pass_rate_by_method.json",
    "loss": "plots/loss.json",
}


def main() -> None:
    report = build(P.load())
    for name, path in OUTPUTS.items():
        write_json(path, report[name])
    write_text("reports/cycle.md", report["markdown"])


if __name__ == "__main__":
    P.run_stage(main)
