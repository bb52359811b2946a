"""Stage `train_coefficients@STEP`: Share phase 2 for the task arriving at STEP: only
its coefficients and temporary factors train, against the frozen basis of step PREV ->
models/share/pending/step_<STEP>/.

Stage `train_control@STEP` (`--control`, for the steps params.yaml lists under
`coefficients.controls`): the same training against a random orthonormal basis with the
same k per module -> models/random_basis/<task>/. If the learned basis carries knowledge
that transfers, Share beats this control."""

import argparse
import tempfile

from share.cycle import params as P
from share.cycle import paths
from share.io import write_json
from share.koans.koan import read_koans
from share.model.prompt import PromptConfig
from share.model.train import TrainConfig, train_coefficients
from share.subspace import Share


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", type=int, help="the protocol step whose arriving task trains")
    parser.add_argument("--control", action="store_true", help="train against a random basis of the same k instead")
    args = parser.parse_args()
    params = P.load()
    cfg = P.section(params, "coefficients")
    step = P.protocol(params)["steps"][args.step - 1]
    task = step["task"]
    koans = read_koans(paths.koans(task, "train"))
    share_dir = paths.share_step(step["prev"])
    train_cfg = TrainConfig(**P.train_settings(params, "coefficients", task), seed=params["seed"])
    prompt_cfg = PromptConfig.load(paths.BASE)

    def run(kind: str, basis_dir: str, out: str) -> None:
        stats = train_coefficients(paths.BASE, basis_dir, koans, out, train_cfg, prompt_cfg, p=cfg["p"], phi=cfg["phi"],
                                   live_dir=paths.live(kind, task), model_kwargs=cfg.get("model"))
        write_json(paths.train_log(kind, task), stats.to_json())

    if not args.control:
        run("coefficients", share_dir, paths.pending(args.step))
        return
    with tempfile.TemporaryDirectory() as tmp:
        Share.load(share_dir).random_control(params["seed"] + args.step).save(f"{tmp}/share")
        run("random_basis", f"{tmp}/share", paths.random_basis(task))


if __name__ == "__main__":
    P.run_stage(main)
