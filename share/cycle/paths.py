"""The paths the stages share, named once (dvc.yaml's deps and outs spell the same ones):
a stage or library module asks here instead of writing a path of its own. A path only
one stage touches (the report's outputs) is spelled in that stage, beside its outs."""

KOANS = "data/koans"
TOOLCHAIN = "data/toolchain.txt"
PRETRAINED = "models/pretrained"  # the starting weights (models/dvc.yaml: pretrained)
CORE_LORA = "models/core"  # the core curriculum's LoRA, committed and frozen
BASE = "models/base"  # the base model every stage starts from (models/dvc.yaml: base_model)
BASE_METRICS = "metrics/base_model.json"


def koans(task: str, split: str) -> str:
    return f"{KOANS}/{task}/{split}.jsonl"


def model(folder: str) -> str:
    """A method's models folder (the evaluate stage of that folder depends on it alone)."""
    return f"models/{folder}"


def lora(task: str) -> str:
    return f"{model('lora')}/{task}"


def share_step(step: int) -> str:
    """Share after protocol step `step` (0: the initial tasks consolidated)."""
    return f"{model('share')}/step_{step}"


def pending(step: int) -> str:
    """Share phase 2's result for the task arriving at `step`, before the merge."""
    return f"{model('share')}/pending/step_{step}"


def random_basis(task: str) -> str:
    return f"{model('random_basis')}/{task}"


def snapshot(method: str, task: str) -> str:
    """The sequential / replay baseline's adapter right after it learned `task`."""
    return f"{model(method)}/{task}"


def live(kind: str, task: str | None = None) -> str:
    """A training run's dvclive folder (its loss curve): kind is core, or lora, coefficients
    or random_basis with the task."""
    return f"logs/{kind}" if task is None else f"logs/{kind}/{task}"


def train_log(kind: str, task: str | None = None) -> str:
    """A training run's figures (JSON); a sequential baseline's one log has no task."""
    return f"logs/{kind}.json" if task is None else f"{live(kind, task)}.json"


def results(folder: str, method: str | None = None) -> str:
    """The evaluate stage's folder of results, or one method's file in it."""
    return f"results/{folder}" if method is None else f"results/{folder}/{method}.json"
