"""The model: loading any causal LM (modeling, pretrained, tokenizer), prompts and the
answer format it is taught (prompt), training a LoRA or Share coefficients (train,
hardware) and batched greedy decoding and teacher-forced scoring (generation).

May import share.io, share.koans.koan, share.judge.answers (the answer format) and
share.subspace; never the sandbox, the plugins or the cycle."""
