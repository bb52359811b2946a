"""The folders the stages read and write, named once (dvc.yaml's outs and deps spell the
same paths): a stage that trains imports these, not the evaluation plan."""

BASE = "models/base"  # the base model every stage starts from (models/dvc.yaml: base_model)


def snapshot(method: str, task: str) -> str:
    """The sequential / replay baseline's adapter right after it learned `task`."""
    return f"models/{method}/{task}"
