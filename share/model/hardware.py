"""What the machine computes well: whether a device has native bfloat16 arithmetic, where
bf16 autocast pays (params say `bf16: auto`). Light: the report imports it without torch."""

from __future__ import annotations

import functools
from pathlib import Path

CPU_BF16_FLAGS = {"avx512_bf16", "amx_bf16", "bf16"}  # x86 `flags`; `bf16` is aarch64's `Features` (ARMv8.6)


def native_bf16(device, cpuinfo: str | None = None) -> bool:
    """Whether `device` computes bfloat16 in hardware, where bf16 autocast pays: a CPU with
    avx512_bf16 ran a LoRA step 1.7x faster than in float32, one without emulates it many
    times slower. A CPU's answer comes from /proc/cpuinfo (or `cpuinfo`, its text); where
    there is none (macOS, Windows) the answer is False, so float32: slower at worst, never
    many times slower. GPUs that only emulate bf16 (before Ampere) count as not native."""
    kind = str(device).split(":")[0]
    if kind == "cuda":
        import torch

        return torch.cuda.is_bf16_supported(including_emulation=False)
    if kind != "cpu":
        return False
    cpuinfo = _cpuinfo() if cpuinfo is None else cpuinfo
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return bool(CPU_BF16_FLAGS & set(value.split()))
    return False


@functools.lru_cache(maxsize=1)
def _cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""
