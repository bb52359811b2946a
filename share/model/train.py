"""One training loop, used three ways: pre-training all weights of the embedded model,
per-task LoRA (peft), and Share phase 2 (coefficients + temporary factors).

The loop trains whatever parameters require grad, so the three uses differ only in how
the model is prepared. Budgets are in steps, never wall time, and the data order is a
function of the seed, so a run is reproducible. Outputs (model or adapter directory, the
dvclive log) appear atomically at the end: a killed run leaves nothing to clean up.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import time
from dataclasses import asdict, dataclass, field

import torch
from tqdm import tqdm

from share.io import atomic_path
from share.model.hardware import native_bf16
from share.model.modeling import ModelError, load_model, n_params
from share.model.prompt import IGNORE, Example, PromptConfig, collate, encode_all

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 100
    batch_size: int = 16
    lr: float = 2e-3
    warmup_steps: int = 50
    min_lr_ratio: float = 0.1  # cosine decays to lr * min_lr_ratio at the last step
    weight_decay: float = 0.0
    grad_clip: float = 1.0  # max gradient norm; 0 turns clipping off
    seed: int = 0
    bf16: bool | str = False  # bf16 autocast: true, false, or auto (where the device has native bf16)
    eval_every: int = 0  # steps between eval-loss measurements; 0: only at the end
    threads: int = 0  # torch threads; 0: every core
    progress: bool = True

    def __post_init__(self):
        checks = {
            "steps": self.steps >= 1, "batch_size": self.batch_size >= 1, "lr": 0 < self.lr < 1,
            "warmup_steps": 0 <= self.warmup_steps <= self.steps, "min_lr_ratio": 0 <= self.min_lr_ratio <= 1,
            "weight_decay": self.weight_decay >= 0, "grad_clip": self.grad_clip >= 0,
            "eval_every": self.eval_every >= 0, "threads": self.threads >= 0, "bf16": self.bf16 in BF16_SETTINGS,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"training params out of range: {bad[0]}={getattr(self, bad[0])!r} "
                             f"(steps>=1, batch_size>=1, 0<lr<1, 0<=warmup_steps<=steps, 0<=min_lr_ratio<=1, "
                             f"weight_decay>=0, grad_clip>=0, eval_every>=0, threads>=0, bf16 true/false/auto)")


@dataclass
class TrainStats:
    steps: int
    examples: int
    trainable_params: int
    total_params: int
    seconds: float
    seconds_per_step: float
    final_loss: float  # mean over the last 10% of steps
    eval_loss: float | None = None
    bf16: bool = False  # whether bf16 autocast ran
    losses: list = field(default_factory=list, repr=False)

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("losses")
        return d


def set_threads(threads: int = 0) -> int:
    """Give torch `threads` cores (0: all); the rustc evaluator runs after, never beside it."""
    n = threads or os.cpu_count() or 1
    torch.set_num_threads(n)
    return n


def distributed() -> tuple[int, int]:
    """(rank, world size): under `torchrun` or `accelerate launch` each process trains on
    its own share of every step's batches (data parallel) and only rank 0 writes outputs."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not torch.distributed.is_initialized():
        torch.distributed.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return int(os.environ.get("RANK", "0")), world


def lr_at(step: int, cfg: TrainConfig) -> float:
    """Linear warmup, then cosine from lr to lr * min_lr_ratio."""
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    span = max(cfg.steps - cfg.warmup_steps - 1, 1)
    progress = min((step - cfg.warmup_steps) / span, 1.0)
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def batches(examples: list[Example], batch_size: int, seed: int):
    """Endless batches in a seeded order. Each epoch is shuffled, then sorted by length in
    windows of 32 batches so a batch pads little, then its batches are shuffled again."""
    g = torch.Generator().manual_seed(seed)
    size = min(batch_size, len(examples))
    window = size * 32
    while True:
        order = torch.randperm(len(examples), generator=g).tolist()
        epoch = []
        for lo in range(0, len(order) - size + 1, window):
            chunk = sorted(order[lo:lo + window], key=lambda i: len(examples[i].input_ids))
            epoch += [chunk[i:i + size] for i in range(0, len(chunk) - size + 1, size)]
        for b in torch.randperm(len(epoch), generator=g).tolist():
            yield [examples[i] for i in epoch[b]]


BF16_SETTINGS = (False, True, "auto")  # "auto": bf16 autocast where the device computes bf16 natively


def bf16_enabled(setting: bool | str, device: torch.device | str) -> bool:
    """A params bf16 setting made concrete for a device."""
    if setting not in BF16_SETTINGS:
        raise ValueError(f"bf16 must be one of true, false or auto (native bf16 only), got {setting!r}")
    return native_bf16(device) if setting == "auto" else setting


def autocast(device: torch.device, setting: bool | str):
    """bf16 autocast when the setting (true, false or auto) enables it on this device."""
    return torch.autocast(device.type, dtype=torch.bfloat16) if bf16_enabled(setting, device) else contextlib.nullcontext()


def answer_loss(model, batch: dict, bf16: bool = False) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per row of a collated batch: (summed loss, answer tokens, correctly predicted tokens).
    Logits are computed for the answer span only (the lm_head is a large share of a small model)."""
    device = next(model.parameters()).device
    span = batch["answer_span"]
    with autocast(device, bf16):
        out = model(input_ids=batch["input_ids"].to(device), attention_mask=batch["attention_mask"].to(device),
                    position_ids=batch["position_ids"].to(device), logits_to_keep=span, use_cache=False)
    logits = out.logits[:, :-1].float()
    labels = batch["labels"][:, -(span - 1):].to(device)
    loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), labels, ignore_index=IGNORE, reduction="none")
    mask = labels != IGNORE
    correct = (logits.argmax(-1) == labels) & mask
    return loss.sum(1), mask.sum(1), correct.sum(1)


@torch.no_grad()
def score_examples(model, examples: list[Example], pad_id: int, batch_size: int = 16, bf16: bool = False) -> list[dict]:
    """Teacher-forced score of each example's answer, in the examples' order:
    {loss (summed over its tokens), tokens, correct}."""
    was_training = model.training
    model.eval()
    rows: list[dict | None] = [None] * len(examples)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].input_ids))
    for lo in range(0, len(order), batch_size):
        chunk = order[lo:lo + batch_size]
        loss, tokens, correct = answer_loss(model, collate([examples[i] for i in chunk], pad_id), bf16)
        for i, l, t, c in zip(chunk, loss.tolist(), tokens.tolist(), correct.tolist()):
            rows[i] = {"loss": l, "tokens": t, "correct": c}
    model.train(was_training)
    return rows


def mean_loss(rows: list[dict]) -> float:
    """Loss per answer token over scored examples."""
    return sum(r["loss"] for r in rows) / max(sum(r["tokens"] for r in rows), 1)


def train(model, examples: list[Example], cfg: TrainConfig, *, pad_id: int, eval_examples: list[Example] | None = None,
          live_dir: str | os.PathLike | None = None, params: list | None = None) -> TrainStats:
    """Train `params` (default: every parameter that requires grad) of `model` in place.
    dvclive logs train/loss and lr per step and eval/loss every cfg.eval_every steps into
    `live_dir`, which appears only when training finishes."""
    set_threads(cfg.threads)
    params = [p for p in model.parameters() if p.requires_grad] if params is None else list(params)
    if not params:
        raise ValueError("nothing to train: no parameter requires grad")
    trainable = sum(p.numel() for p in params)
    log.info("training %d of %d parameters for %d steps", trainable, n_params(model), cfg.steps)
    optimizer = _optimizer(params, cfg)
    torch.manual_seed(cfg.seed)
    data = batches(examples, cfg.batch_size, cfg.seed)
    rank, world = distributed()
    net = model
    if world > 1:
        device = next(model.parameters()).device
        net = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    model.train()
    losses, eval_loss = [], None
    with contextlib.ExitStack() as stack:
        stack.enter_context(training_attention(model))
        live = stack.enter_context(_live(live_dir if rank == 0 else None))
        if live:
            live.log_param("trainable_params", trainable)
            live.log_param("total_params", n_params(model))
        bar = stack.enter_context(tqdm(total=cfg.steps, desc="train", unit="step", disable=not cfg.progress or rank > 0))
        start = time.perf_counter()
        for step in range(cfg.steps):
            lr = lr_at(step, cfg)
            batch = [next(data) for _ in range(world)][rank]  # every rank draws the same stream
            losses.append(_step(net, optimizer, params, collate(batch, pad_id), lr, cfg))
            bar.set_postfix(loss=f"{losses[-1]:.3f}", refresh=False)
            bar.update()
            if live:
                live.log_metric("train/loss", losses[-1])
                live.log_metric("train/lr", lr)
            last = step + 1 == cfg.steps
            if eval_examples and (last or (cfg.eval_every and (step + 1) % cfg.eval_every == 0)):
                eval_loss = mean_loss(score_examples(model, eval_examples, pad_id, cfg.batch_size, cfg.bf16))
                bar.write(f"step {step + 1}: eval loss {eval_loss:.4f}")
                if live:
                    live.log_metric("eval/loss", eval_loss)
            if live:
                live.next_step()
        seconds = time.perf_counter() - start
    model.eval()
    tail = losses[-max(1, cfg.steps // 10):]
    return TrainStats(cfg.steps, len(examples), trainable, n_params(model), round(seconds, 2),
                      round(seconds / cfg.steps, 4), sum(tail) / len(tail), eval_loss,
                      bf16_enabled(cfg.bf16, next(model.parameters()).device), losses)


@contextlib.contextmanager
def training_attention(model):
    """Eager attention while a CPU trains, the model's own afterwards. Chosen on an A/B
    that ran sdpa first (4.55 s against 3.76 s per SmolLM2 LoRA step); an alternating A/B
    then found eager 7-11% slower (reports/2026-12-08-cycle-time.md). The committed cycle
    was trained with it, so it stays until the next cycle run, which should drop it.
    Generation and scoring keep sdpa; a GPU keeps its own."""
    config = getattr(model, "config", None)
    before = getattr(config, "_attn_implementation", None)
    switch = next(model.parameters()).device.type == "cpu" and before == "sdpa" \
        and hasattr(model, "set_attn_implementation")
    if switch:
        model.set_attn_implementation("eager")
    try:
        yield
    finally:
        if switch:
            model.set_attn_implementation(before)


def _optimizer(params: list, cfg: TrainConfig) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices only."""
    decay = [p for p in params if p.dim() >= 2]
    rest = [p for p in params if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay}, {"params": rest, "weight_decay": 0.0}],
                             lr=cfg.lr, betas=(0.9, 0.95))


def _step(net, optimizer, params: list, batch: dict, lr: float, cfg: TrainConfig) -> float:
    """One optimizer step at learning rate `lr` on a collated batch; its loss per answer token."""
    for group in optimizer.param_groups:
        group["lr"] = lr
    loss_rows, tokens, _ = answer_loss(net, batch, cfg.bf16)
    loss = loss_rows.sum() / max(int(tokens.sum()), 1)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    if cfg.grad_clip:
        torch.nn.utils.clip_grad_norm_(params, cfg.grad_clip)
    optimizer.step()
    return loss.item()


@contextlib.contextmanager
def _live(live_dir):
    """A dvclive logger writing into a temporary dir that replaces `live_dir` at the end."""
    if live_dir is None:
        yield None
        return
    from dvclive import Live

    with atomic_path(live_dir) as tmp:
        live = Live(dir=str(tmp), save_dvc_exp=False, dvcyaml=False)
        try:
            yield live
        finally:
            live.end()


def pretrain(model, tokenizer, koans, cfg: TrainConfig, prompt_cfg: PromptConfig, *, eval_koans=None,
             live_dir=None) -> TrainStats:
    """Train every weight of `model` on the koans' answers (the embedded base model)."""
    model.requires_grad_(True)
    examples = encode_all(tokenizer, koans, prompt_cfg)
    evals = encode_all(tokenizer, eval_koans, prompt_cfg) if eval_koans else None
    return train(model, examples, cfg, pad_id=tokenizer.pad_token_id, eval_examples=evals, live_dir=live_dir)


@dataclass(frozen=True)
class LoraParams:
    r: int = 8
    alpha: float = 16.0
    dropout: float = 0.0
    target_modules: tuple = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")

    def __post_init__(self):
        if self.r < 1 or self.alpha <= 0 or not 0 <= self.dropout < 1 or not self.target_modules:
            raise ValueError(f"LoRA params out of range: r={self.r} (>=1), alpha={self.alpha} (>0), "
                             f"dropout={self.dropout} (in [0, 1)), target_modules={list(self.target_modules)} (non-empty)")


def _check_targets(model, targets) -> None:
    names = {name.rsplit(".", 1)[-1] for name, m in model.named_modules() if isinstance(m, torch.nn.Linear)}
    missing = [t for t in targets if t not in names]
    if missing:
        raise ModelError(f"LoRA target modules {missing} are not linear layers of this model; "
                         f"it has: {', '.join(sorted(names))}")


def with_lora(model, lora: LoraParams, seed: int):
    """The model wrapped by PEFT with a fresh LoRA (its A factors drawn from `seed`)."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    return get_peft_model(model, LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                                            target_modules=list(lora.target_modules), task_type="CAUSAL_LM"))


def train_lora(base_dir, koans, out_dir, lora: LoraParams, cfg: TrainConfig, prompt_cfg: PromptConfig, *,
               eval_koans=None, live_dir=None, model_kwargs: dict | None = None) -> TrainStats:
    """Train one task's LoRA on the base model in `base_dir`; writes a standard PEFT adapter
    directory to `out_dir` (atomically). All inputs are checked before training starts."""
    model, tokenizer = load_model(base_dir, **(model_kwargs or {}))
    _check_targets(model, lora.target_modules)
    examples = encode_all(tokenizer, koans, prompt_cfg)
    evals = encode_all(tokenizer, eval_koans, prompt_cfg) if eval_koans else None
    model = with_lora(model, lora, cfg.seed)
    stats = train(model, examples, cfg, pad_id=tokenizer.pad_token_id, eval_examples=evals, live_dir=live_dir)
    if distributed()[0] == 0:
        save_adapter(model, out_dir)
    return stats


def save_adapter(peft_model, out_dir) -> None:
    """A PEFT model's adapter, atomically and byte-stable (see stable_config)."""
    from share.subspace.peft_io import stable_config

    with atomic_path(out_dir) as tmp:
        peft_model.save_pretrained(str(tmp))
        stable_config(tmp)


def checksum(tensors) -> str:
    """A digest of tensors' exact bytes, to prove frozen weights stayed frozen."""
    h = hashlib.sha256()
    for t in tensors:
        h.update(t.detach().float().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


def _frozen_tensors(share_layers: dict):
    """The basis (and mean) buffers and the wrapped base weights of every Share layer."""
    for path in sorted(share_layers):
        layer = share_layers[path]
        yield from (t for t in (layer.basis_B, layer.basis_A, layer.mean_B, layer.mean_A) if t is not None)
        yield from layer.base_layer.parameters()


def train_coefficients(base_dir, share_dir, koans, out_dir, cfg: TrainConfig, prompt_cfg: PromptConfig, *,
                       p: int = 1, phi: int = 2, eval_koans=None, live_dir=None,
                       model_kwargs: dict | None = None) -> TrainStats:
    """Share phase 2: train a new task's coefficients and temporary factors against the
    frozen basis in `share_dir`; writes the trained task as a PEFT adapter (what phase 3
    merges) to `out_dir`. Raises if the basis or the base weights changed."""
    from share.subspace import Share, attach_trainable, share_layers, trained_adapter, write_adapter

    if p < 1 or phi < 0:
        raise ValueError(f"coefficient params out of range: p={p} (>= 1), phi={phi} (>= 0)")
    model, tokenizer = load_model(base_dir, **(model_kwargs or {}))
    share = Share.load(share_dir)
    examples = encode_all(tokenizer, koans, prompt_cfg)
    evals = encode_all(tokenizer, eval_koans, prompt_cfg) if eval_koans else None
    params = attach_trainable(model, share, p=p, phi=phi, seed=cfg.seed)
    layers = share_layers(model)
    log.info("coefficient training: %d trainable parameters in %d modules (model: %d)",
             sum(t.numel() for t in params), len(layers), n_params(model))
    before = checksum(_frozen_tensors(layers))
    stats = train(model, examples, cfg, pad_id=tokenizer.pad_token_id, eval_examples=evals, live_dir=live_dir,
                  params=params)
    if checksum(_frozen_tensors(layers)) != before:
        raise RuntimeError("the Share basis or the base weights changed during coefficient training; nothing written")
    if distributed()[0] == 0:
        write_adapter(trained_adapter(model, share), out_dir)
    return stats
