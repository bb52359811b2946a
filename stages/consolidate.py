"""Stage `consolidate`: Share phase 1 over the initial tasks' LoRA adapters ->
models/share/step_0 (one basis per module side plus each task's coefficients)."""

from share.cycle import paths
from share.cycle import params as P
from share.subspace import KRule, Share, read_adapter


def main() -> None:
    params = P.load()
    cfg = P.section(params, "share")
    protocol = P.protocol(params)
    adapters = {task: read_adapter(paths.lora(task)) for task in protocol["initial"]}
    share = Share.consolidate(adapters, KRule(variance=cfg["variance"]), center=cfg["center"])
    share.save(paths.share_step(0))
    print(share.summary())


if __name__ == "__main__":
    P.run_stage(main)
