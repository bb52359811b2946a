"""Stage `merge@STEP`: Share phase 3. The arriving task's trained factors join the basis
of step PREV; every known task is reconstructed and re-projected. No old data, no old
adapters: the inputs are the previous Share and the new task's phase-2 result only."""

import argparse

from share.cycle import paths
from share.cycle import params as P
from share.subspace import KRule, Share, read_adapter


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", type=int)
    args = parser.parse_args()
    params = P.load()
    step = P.protocol(params)["steps"][args.step - 1]
    previous = Share.load(paths.share_step(step["prev"]))
    trained = read_adapter(paths.pending(step["step"]))
    merged = previous.add(step["task"], trained, KRule(variance=P.section(params, "share")["variance"]))
    merged.save(paths.share_step(step["step"]))
    print(merged.summary())


if __name__ == "__main__":
    P.run_stage(main)
