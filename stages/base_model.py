"""Stage `base_model`: models/base/, the starting weights (models/pretrained) with the
core curriculum's LoRA (models/core) added in, and the prompt config every later stage
uses (share.base.merge_core)."""

from share import params as P
from share.base import merge_core
from share.prompt import PromptConfig


def main() -> None:
    cfg = P.section(P.load(), "base_model")
    merge_core("models/pretrained", "models/core", PromptConfig(**cfg["prompt"]), "models/base")


if __name__ == "__main__":
    P.run_stage(main)
