"""Stage `pretrained`: the starting weights of the base model, from params.yaml's
`base_model.source` (share.cycle.base.fetch) -> models/pretrained/, a Hugging Face directory."""

from share.cycle import paths
from share.cycle import params as P
from share.cycle.base import fetch
from share.koans.generate import generate_tasks
from share.koans.plugins import load_registry
from share.model.prompt import PromptConfig


def main() -> None:
    params = P.load()
    cfg = P.section(params, "base_model")

    def core_koans(n: int) -> list:  # only the tests' tiny embedded model trains on them here
        made = generate_tasks(load_registry().family_tasks("core"), "train", n, params["seed"])
        return [k for koans, _ in made for k in koans]

    print(fetch(cfg["source"], paths.PRETRAINED, PromptConfig(**cfg["prompt"]), params["seed"], core_koans))


if __name__ == "__main__":
    P.run_stage(main)
