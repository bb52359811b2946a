"""Share benchmark on adapters shaped like Qwen2.5-Coder-1.5B's (prints figures; not a test).

    python benchmarks/bench_share.py                        # 50 tasks, 28 layers, r = 16
    python benchmarks/bench_share.py --tasks 5 --layers 4   # smoke run

The adapters are real PEFT adapter directories written into a temp dir. Each module side
of adapter i is G C_i + noise: G (d x shared_dim) is shared by all adapters, as the
paper (and the universal-subspace hypothesis behind it) finds for real LoRAs, and the
noise carries about 10% of the energy. --shared-dim 0 gives i.i.d. Gaussian adapters,
the worst case: a flat spectrum that no shared subspace compresses.

Peak memory is the ru_maxrss of a fresh process per measurement, less its RSS after
imports, so each figure is that phase's own peak.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Set before torch loads OpenMP: on shared CPUs, threads spinning at barriers stall each
# other and small linalg calls run 10-100x slower (seen at load 8 on 2 cores).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402

from share.subspace import KRule, LoraAdapter, Share, TrainableFactors, read_adapter  # noqa: E402

TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj")


def module_shapes(layers: int, hidden: int, kv: int) -> dict[str, tuple[int, int]]:
    out = {"q_proj": hidden, "k_proj": kv, "v_proj": kv, "o_proj": hidden}
    return {f"model.layers.{i}.self_attn.{t}": (out[t], hidden) for i in range(layers) for t in TARGETS}


def write_adapters(root: Path, count: int, shapes: dict, r: int, shared_dim: int) -> list[Path]:
    """`count` PEFT adapter directories in PEFT's key layout, float32, lora_alpha = 2r."""
    generator = torch.Generator().manual_seed(0)
    shared = {
        (m, side): torch.randn(d, shared_dim, generator=generator) / shared_dim**0.5
        for m, (out, n_in) in shapes.items()
        for side, d in (("B", out), ("A", n_in))
    } if shared_dim else {}

    def factor(m, side, d):
        noise = torch.randn(d, r, generator=generator) / d**0.5
        if not shared_dim:
            return noise
        return shared[m, side] @ torch.randn(shared_dim, r, generator=generator) + noise / 3

    dirs = []
    for i in range(count):
        tensors = {}
        for m, (out, n_in) in shapes.items():
            tensors[f"base_model.model.{m}.lora_B.weight"] = factor(m, "B", out).contiguous()
            tensors[f"base_model.model.{m}.lora_A.weight"] = factor(m, "A", n_in).T.contiguous()
        path = root / f"task{i:02d}"
        path.mkdir()
        save_file(tensors, path / "adapter_model.safetensors", metadata={"format": "pt"})
        config = {"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": r, "lora_alpha": 2 * r,
                  "target_modules": list(TARGETS), "base_model_name_or_path": "Qwen/Qwen2.5-Coder-1.5B"}
        (path / "adapter_config.json").write_text(json.dumps(config))
        dirs.append(path)
    return dirs


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak_since(start_rss: int) -> int:
    return max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - start_rss)


def prepare(threads: int) -> None:
    """Same threads and imports in every measuring process, and LAPACK's first-call setup
    done before the clock starts."""
    torch.set_num_threads(threads)
    import peft.utils.other  # noqa: F401  (read_adapter imports it lazily)

    torch.linalg.svd(torch.randn(64, 32), full_matrices=False)
    torch.linalg.qr(torch.randn(64, 32))


def floor_phase1(dirs: list[Path], threads: int) -> dict:
    """The floor: load every adapter, then one SVD per stacked matrix, nothing else."""
    prepare(threads)
    start_rss, start = rss_bytes(), time.perf_counter()
    loaded = [load_file(d / "adapter_model.safetensors") for d in dirs]
    for key in sorted(loaded[0]):
        side = [t[key] for t in loaded]
        stack = torch.cat(side if "lora_B" in key else [a.T for a in side], dim=1)
        torch.linalg.svd(stack, full_matrices=False)
    return {"seconds": time.perf_counter() - start, "peak_bytes": peak_since(start_rss)}


def share_phase1(dirs: list[Path], threads: int, variance: float, out: Path) -> dict:
    """Share phase 1 through the library (read PEFT dirs, consolidate), then saved for later."""
    prepare(threads)
    start_rss, start = rss_bytes(), time.perf_counter()
    share = Share.consolidate({d.name: read_adapter(d) for d in dirs}, KRule(variance=variance))
    seconds, peak = time.perf_counter() - start, peak_since(start_rss)
    save_start = time.perf_counter()
    share.save(out)
    return {"seconds": seconds, "peak_bytes": peak, "save_seconds": time.perf_counter() - save_start}


def in_fresh_process(measurement: str, root: Path, args) -> dict:
    """Run one phase-1 measurement in a new interpreter; it prints its figures as JSON."""
    command = [sys.executable, __file__, "--measure", measurement, "--root", str(root),
               "--threads", str(args.threads), "--variance", str(args.variance)]
    return json.loads(subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.splitlines()[-1])


def phase2_adapter(share: Share, p: int, phi: int) -> tuple[LoraAdapter, dict[str, int]]:
    """A phase-2 task as `trained_adapter` returns it (B made non-zero, as after training),
    and its trainable parameters: coefficients, and temporary vectors (d x phi per side)."""
    generator = torch.Generator().manual_seed(1)
    lora_A, lora_B, trainable = {}, {}, {"coefficients": 0, "temporary vectors": 0}
    for m, basis in share.bases.items():
        factors = TrainableFactors(basis, p, phi, generator)
        with torch.no_grad():
            factors.eps_B.normal_(generator=generator)
            B, A = factors(basis.B.basis, basis.A.basis)
        lora_B[m], lora_A[m] = B, A.T.contiguous()
        for name, param in factors.named_parameters():
            trainable["temporary vectors" if name.startswith("temp_") else "coefficients"] += param.numel()
    return LoraAdapter(lora_A, lora_B, {m: 1.0 for m in lora_A}, share.base_model, p, p, "phase 2"), trainable


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=50)
    parser.add_argument("--layers", type=int, default=28)
    parser.add_argument("--hidden", type=int, default=1536)
    parser.add_argument("--kv", type=int, default=256, help="k_proj / v_proj output width")
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--shared-dim", type=int, default=32, help="0: i.i.d. Gaussian adapters")
    parser.add_argument("--variance", type=float, default=0.6)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2, help="phase-1 measurements of each kind")
    parser.add_argument("--measure", choices=["floor", "share"], help=argparse.SUPPRESS)  # internal: one measurement
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.measure:
        dirs = sorted(p for p in args.root.glob("task*") if p.is_dir())[:-1]  # the last one is added in phase 3
        if args.measure == "floor":
            print(json.dumps(floor_phase1(dirs, args.threads)))
        else:
            print(json.dumps(share_phase1(dirs, args.threads, args.variance, args.root / "share")))
        return
    with tempfile.TemporaryDirectory(prefix="bench_share_") as tmp:
        root = Path(tmp)
        shapes = module_shapes(args.layers, args.hidden, args.kv)
        start = time.perf_counter()
        *dirs, extra = write_adapters(root, args.tasks + 1, shapes, args.rank, args.shared_dim)
        adapter_bytes = sum((d / "adapter_model.safetensors").stat().st_size for d in dirs)
        print(f"{args.tasks} adapters ({len(shapes)} modules, r={args.rank}, shared dim {args.shared_dim}): "
              f"{adapter_bytes / MIB:.1f} MiB of safetensors, written in {time.perf_counter() - start:.1f} s")
        phase1(root, args, adapter_bytes)
        share = Share.load(root / "share")
        phase3(share, dirs, extra, args)
        phase2(share, root, dirs, shapes, args, adapter_bytes)


MIB = 2**20


def phase1(root: Path, args, adapter_bytes: int) -> None:
    """Consolidation against its floor, each measured in fresh processes, alternated."""
    runs = {"floor": [], "share": []}
    for _ in range(args.repeats):  # alternated, so a burst of load on a shared machine hits both
        for measurement in runs:
            runs[measurement].append(in_fresh_process(measurement, root, args))
    floor, ours = ({key: min(r[key] for r in runs[m]) for key in runs[m][0]} for m in ("floor", "share"))
    print(f"\nphase 1 (consolidate), best of {args.repeats} alternated runs of wall time and of peak memory "
          f"(ru_maxrss delta, fresh process):")
    print(f"  floor (load + one SVD per stack): {floor['seconds']:7.2f} s  {floor['peak_bytes'] / MIB:8.1f} MiB")
    print(f"  Share consolidate:                {ours['seconds']:7.2f} s  {ours['peak_bytes'] / MIB:8.1f} MiB"
          f"   (+ save {ours['save_seconds']:.2f} s)")
    print(f"  time vs floor {ours['seconds'] / floor['seconds']:.2f}x (target <= 1.5x); "
          f"peak vs adapter bytes {ours['peak_bytes'] / adapter_bytes:.2f}x (target <= 2x)")
    ks = [(b.B.k, b.A.k) for b in Share.load(root / "share").bases.values()]
    print(f"  k per module side (variance {args.variance}): B {min(k for k, _ in ks)}..{max(k for k, _ in ks)}, "
          f"A {min(k for _, k in ks)}..{max(k for _, k in ks)}")


def phase3(share: Share, dirs: list[Path], extra: Path, args) -> None:
    """Adding one adapter (no old data) to Shares of 10, 25 and all past tasks."""
    print("\nphase 3 (add one r=%d adapter, no old data):" % args.rank)
    new_adapter = read_adapter(extra)
    for n in sorted({min(10, args.tasks), min(25, args.tasks), args.tasks}):
        base = share if n == args.tasks else Share.consolidate({d.name: read_adapter(d) for d in dirs[:n]}, share.rule)
        start = time.perf_counter()
        base.add("extra", new_adapter)
        seconds = time.perf_counter() - start
        print(f"  {n:3d} past tasks: {seconds:6.2f} s  ({seconds / n * 1000:6.1f} ms per past task)")


def phase2(share: Share, root: Path, dirs: list[Path], shapes: dict, args, adapter_bytes: int) -> None:
    """A phase-2 task's trainable parameters and stored bytes against a LoRA's, and the Share's size."""
    print(f"\nphase 2 task (p=1, phi=2) against the {args.tasks}-task Share, and storage:")
    adapter, trainable = phase2_adapter(share, p=1, phi=2)
    lora_params = sum(args.rank * (o + i) for o, i in shapes.values())
    total = sum(trainable.values())
    print(f"  trainable parameters per task: {total:,} ({trainable['coefficients']:,} coefficients + "
          f"{trainable['temporary vectors']:,} in temporary vectors) vs LoRA r={args.rank} {lora_params:,}: "
          f"{lora_params / total:.1f}x fewer ({lora_params / trainable['coefficients']:.0f}x without the temporary vectors)")
    with_task = share.add("phase2", adapter)
    with_task.save(root / "share_plus")
    task_file = (root / "share_plus" / "tasks" / "phase2.safetensors").stat().st_size
    task_bytes = with_task.summary()["task_params"]["phase2"] * share.dtype.itemsize
    lora_file = (dirs[0] / "adapter_model.safetensors").stat().st_size
    print(f"  stored per added phase-2 task: coefficients {task_bytes:,} B (file {task_file:,} B) vs one LoRA "
          f"file {lora_file:,} B: {lora_file / task_bytes:.0f}x fewer ({lora_file / task_file:.0f}x by file); "
          f"the Share holds {share.summary()['share_bytes']:,} B before the merge, {with_task.summary()['share_bytes']:,} B after")
    summary = share.summary()
    print(f"  {args.tasks} tasks: Share {summary['share_bytes'] / MIB:.2f} MiB "
          f"(on disk {directory_bytes(root / 'share') / MIB:.2f} MiB) vs {args.tasks} LoRAs "
          f"{summary['lora_bytes'] / MIB:.1f} MiB (on disk {adapter_bytes / MIB:.1f} MiB): "
          f"{summary['compression']:.1f}x")

if __name__ == "__main__":
    main()
