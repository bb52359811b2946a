"""Stage `generate@TASK`: verified train, eval and dev koans for one task (or the `core`
family's eval and dev splits) into data/koans/<name>/{train,eval,dev}.jsonl. The report
uses eval; recipes are chosen on dev (share.koans.templating keeps the two apart)."""

import argparse
import logging

from share.cycle import params as P
from share.cycle import paths
from share.koans.generate import generate_tasks, resolve_tasks
from share.koans.koan import write_records
from share.koans.plugins import load_registry

log = logging.getLogger("stages.generate")


def generate_split(name: str, split: str, params: dict) -> int:
    """One split's verified koans of a task or family into data/koans/<name>/<split>.jsonl
    (share.cycle.paths.koans); returns how many. The count per task comes from the
    `generate` params section."""
    cfg = P.section(params, "generate")
    tasks = resolve_tasks(load_registry(), [name])
    n = cfg["n_train"] if split == "train" else cfg[f"n_core_{split}" if name == "core" else f"n_{split}"]
    koans = []
    for made, stats in generate_tasks(tasks, split, n, params["seed"], timeout=cfg["timeout"]):
        log.info(stats.line())
        koans += made
    write_records(paths.koans(name, split), koans)
    return len(koans)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", help="a task, or a family (all its tasks, written to one file per split)")
    parser.add_argument("--splits", default="train,eval,dev")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    params = P.load()
    for split in args.splits.split(","):
        generate_split(args.name, split, params)


if __name__ == "__main__":
    P.run_stage(main)
