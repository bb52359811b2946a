"""Stage `core_curriculum`: teach the starting weights (models/pretrained) the `core`
curriculum, the answer format and general Rust fixes: a LoRA on the core training koans
-> models/core/, committed and frozen so a fresh clone never re-teaches the base. The
held-out core koans are answered before (zero-shot) and after -> metrics/base_model.json."""

from share.cycle import paths
from share.cycle import params as P
from share.cycle.base import teach_core
from share.cycle.metrics import summarize
from share.io import write_json
from share.koans.generate import generate_tasks
from share.koans.koan import read_koans
from share.koans.plugins import load_registry
from share.model.generation import GenerationConfig
from share.model.prompt import PromptConfig
from share.model.train import LoraParams, TrainConfig


def main() -> None:
    params = P.load()
    cfg = P.section(params, "base_model")
    core = cfg["core"]
    made = generate_tasks(load_registry().family_tasks("core"), "train", core["n_train"], params["seed"])
    result = teach_core(paths.PRETRAINED, [k for koans, _ in made for k in koans],
                        read_koans(paths.koans("core", "eval")), paths.CORE_LORA, LoraParams(**core["adapter"]),
                        TrainConfig(**core["train"], seed=params["seed"]), PromptConfig(**cfg["prompt"]),
                        GenerationConfig(**cfg["generation"]), live_dir=paths.live("core"), model_kwargs=cfg.get("model"))
    metrics = {"zero_shot": summarize(result["zero_shot"]), "taught": summarize(result["taught"]), "train": result["train"]}
    write_json(paths.BASE_METRICS, metrics)
    print(f"held-out core: zero-shot {metrics['zero_shot']['passed']}/{metrics['zero_shot']['n']}, "
          f"taught {metrics['taught']['passed']}/{metrics['taught']['n']}")


if __name__ == "__main__":
    P.run_stage(main)
