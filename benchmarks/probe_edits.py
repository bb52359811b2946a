"""Which edits a model would write, teacher-forced (prints figures; not a test): for each
koan whose reference takes several SEARCH/REPLACE blocks, the model's log-probability of
the reference, of its blocks in reverse order, and of each block alone (the answer ending
there). Tells "never learned the fix" from "starts with another block and stops".

    .venv/bin/python benchmarks/probe_edits.py data/koans/bc_move/eval.jsonl --adapter models/lora/bc_move
"""

from __future__ import annotations

import argparse

from share.cycle import paths
from share.cycle.methods import folded, load_answerer
from share.koans.koan import read_koans
from share.model.prompt import IGNORE, Example, PromptConfig, answer_ids, prompt_ids, target
from share.model.train import score_examples

MARK = "<<<<<<< SEARCH"


def edit_blocks(answer: str) -> list[str]:
    """An edits answer's SEARCH/REPLACE blocks, each as written."""
    return [MARK + b for b in answer.split(MARK)[1:]]


def alternatives(reference: str) -> dict[str, str]:
    """The reference's blocks rearranged: reversed, and each alone."""
    blocks = edit_blocks(reference)
    alone = {f"block {i + 1} alone": b for i, b in enumerate(blocks)}
    return {"reference": reference, "reversed": "".join(reversed(blocks)), **alone}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("koans", help="a koan file; koans whose reference is one block are skipped")
    parser.add_argument("--base", default=paths.BASE, help="the base model directory")
    parser.add_argument("--adapter", help="a PEFT LoRA adapter to apply")
    args = parser.parse_args()
    model, tokenizer = load_answerer(args.base, adapter=args.adapter)
    model, cfg = folded(model), PromptConfig.load(args.base)
    for koan in read_koans(args.koans):
        reference = target(koan, cfg.format)
        if len(edit_blocks(reference)) < 2:
            continue
        answers = alternatives(reference)
        prompt = prompt_ids(tokenizer, koan, cfg)
        examples = [Example(name, prompt + ids, [IGNORE] * len(prompt) + ids)
                    for name, ids in ((n, answer_ids(tokenizer, a)) for n, a in answers.items())]
        rows = score_examples(model, examples, tokenizer.pad_token_id)
        print(koan.id + ": " + ", ".join(f"{e.id} {-r['loss']:.2f}" for e, r in zip(examples, rows)), flush=True)


if __name__ == "__main__":
    main()
