"""Stage `evaluate@FOLDER`: every method that reads models/FOLDER (params.yaml's
`evaluate.methods`), each cell of its plan measured (share.cycle.measure.evaluate_method).
Writes results/FOLDER/<method>.json: per cell, one record per koan
(share.cycle.metrics.koan_record), so the report can compare any two methods koan by koan."""

import argparse
import logging

from share.cycle import params as P
from share.cycle import paths
from share.cycle.measure import evaluate_method
from share.cycle.methods import CORE, check_methods
from share.io import atomic_path, write_json
from share.koans.koan import read_koans
from share.model.generation import GenerationConfig
from share.model.prompt import PromptConfig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", help="a key of params.yaml's evaluate.methods: the models folder the methods read")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    params = P.load()
    cfg = P.section(params, "evaluate")
    check_methods(cfg.get("methods"))
    if args.folder not in cfg["methods"]:
        raise P.ParamsError(f"params.yaml: `evaluate.methods` has no folder {args.folder!r}; one of {', '.join(cfg['methods'])}")
    protocol = P.protocol(params)
    base_dir = paths.BASE
    prompt_cfg = PromptConfig.load(base_dir)
    gen_cfg = GenerationConfig.from_params(cfg)
    koans = {t: read_koans(paths.koans(t, "eval")) for t in protocol["order"] + [CORE]}
    memo: dict = {}
    with atomic_path(paths.results(args.folder)) as out:
        out.mkdir()
        for method in cfg["methods"][args.folder]:
            write_json(out / f"{method}.json",
                       evaluate_method(method, protocol, koans, cfg, base_dir, prompt_cfg, gen_cfg, memo))


if __name__ == "__main__":
    P.run_stage(main)
