"""Stage `base_model`: models/base/, the starting weights (models/pretrained) with the
core curriculum's LoRA (models/core) added in, and the prompt config every later stage
uses (share.cycle.base.merge_core)."""

from share.cycle import paths
from share.cycle import params as P
from share.cycle.base import merge_core
from share.model.prompt import PromptConfig


def main() -> None:
    cfg = P.section(P.load(), "base_model")
    merge_core(paths.PRETRAINED, paths.CORE_LORA, PromptConfig(**cfg["prompt"]), paths.BASE)


if __name__ == "__main__":
    P.run_stage(main)
