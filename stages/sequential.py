"""Stage `sequential@NAME`: the naive baseline NAME (sequential or replay) trained through
the tasks in order, a snapshot after each (share.cycle.baselines) -> models/NAME/."""

import argparse

from share.cycle import params as P
from share.cycle import paths
from share.cycle.baselines import BASELINES, train_sequentially
from share.io import write_json


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=BASELINES)
    args = parser.parse_args()
    write_json(paths.train_log(args.name), train_sequentially(args.name, P.load()))


if __name__ == "__main__":
    P.run_stage(main)
