"""The embedded default's tokenizer: a byte-level BPE trained offline on koan text.

Why these choices: digits are single tokens because a small model copies multi-digit
chunks wrongly; the three edit markers are single tokens so an edit block costs three
tokens of structure; a ChatML chat template makes the embedded model and any Hugging
Face instruct model share one prompt path (`apply_chat_template`).
"""

from __future__ import annotations

from typing import Iterable

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

from share.judge.answers import DIVIDER, REPLACE, SEARCH

BOS, EOS, PAD = "<|im_start|>", "<|im_end|>", "<|endoftext|>"
SPECIAL = [PAD, BOS, EOS]
EDIT_MARKERS = [SEARCH, DIVIDER, REPLACE]
CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{%- endif %}"
)


def train_tokenizer(texts: Iterable[str], vocab_size: int = 4096, min_frequency: int = 2) -> PreTrainedTokenizerFast:
    """A byte-level BPE over `texts`; any byte sequence stays encodable."""
    if not 300 <= vocab_size <= 200_000:
        raise ValueError(f"vocab_size must be in [300, 200000] (256 bytes + specials + merges), got {vocab_size}")
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=min_frequency,
        special_tokens=SPECIAL,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    # Not special: they must survive decode(skip_special_tokens=True) in answers.
    tok.add_tokens([AddedToken(m, normalized=False) for m in EDIT_MARKERS])
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token=EOS, pad_token=PAD, chat_template=CHAT_TEMPLATE,
        model_max_length=1 << 20, clean_up_tokenization_spaces=False,
    )

