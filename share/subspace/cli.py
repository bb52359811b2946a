"""`koanshare share ...`: consolidate, add, export and inspect a Share directory.

`add_commands(subparsers)` adds the `share` command; each leaf sets `func`, a handler
taking the parsed args and returning the exit code (2 on bad input, with "error: ..."
on stderr)."""

from __future__ import annotations

import argparse
import functools
import os
import sys

from share.subspace.basis import KRule
from share.subspace.peft_io import read_adapter, write_adapter
from share.subspace.store import Share, ShareError


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("share", help="Share: many LoRA adapters as one shared subspace")
    commands = parser.add_subparsers(dest="share_command", required=True)

    consolidate = commands.add_parser("consolidate", help="phase 1: fold LoRA adapters into a new Share")
    consolidate.add_argument("adapters", nargs="+", metavar="ADAPTER_DIR", help="each becomes a task named after its directory")
    consolidate.add_argument("-o", "--output", required=True, metavar="SHARE_DIR", help="the new Share directory (written atomically)")
    consolidate.add_argument("--center", action="store_true", help="mean-center the stacks (the mean is stored)")
    _add_k_options(consolidate)
    consolidate.set_defaults(func=consolidate_command)

    add = commands.add_parser("add", help="phase 3: merge one more adapter, without old data")
    add.add_argument("share_dir", metavar="SHARE_DIR", help="the Share to merge into (rewritten in place, atomically)")
    add.add_argument("adapter", metavar="ADAPTER_DIR", help="the new task's PEFT LoRA adapter")
    add.add_argument("--task", required=True, metavar="NAME", help="the new task's name (not yet in the Share)")
    _add_k_options(add, default_help="the Share's own rule; under a variance rule k never shrinks on a merge")
    add.set_defaults(func=add_command)

    export = commands.add_parser("export", help="write one task as a standard PEFT LoRA adapter")
    export.add_argument("share_dir", metavar="SHARE_DIR", help="the Share to read")
    export.add_argument("task", metavar="TASK", help="the task to export (`koanshare share info` lists them)")
    export.add_argument("-o", "--output", required=True, metavar="ADAPTER_DIR", help="where the PEFT adapter is written")
    export.set_defaults(func=export_command)

    info = commands.add_parser("info", help="tasks, k per module, parameters, bytes and compression")
    info.add_argument("share_dir", metavar="SHARE_DIR", help="the Share to describe")
    info.set_defaults(func=info_command)


def _add_k_options(parser: argparse.ArgumentParser, default_help: str = "variance 0.6") -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--k", type=_positive_int, help=f"fixed number of basis vectors per module side (default: {default_help})")
    group.add_argument("--variance", type=_variance, help="keep the smallest k explaining this share of sigma^2, in (0, 1]")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _variance(text: str) -> float:
    value = float(text)
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def _rule(args) -> KRule | None:
    if args.k is not None:
        return KRule(k=args.k)
    if args.variance is not None:
        return KRule(variance=args.variance)
    return None


def _reporting_errors(handler):
    @functools.wraps(handler)
    def run(args) -> int:
        try:
            return handler(args)
        except ShareError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2

    return run


@_reporting_errors
def consolidate_command(args) -> int:
    names = [os.path.basename(os.path.normpath(d)) for d in args.adapters]
    if len(set(names)) != len(names):
        raise ShareError(f"adapter directories must have distinct names, got {names}")
    adapters = {name: read_adapter(d) for name, d in zip(names, args.adapters)}
    share = Share.consolidate(adapters, _rule(args) or KRule(), center=args.center)
    share.save(args.output)
    print(f"consolidated {len(adapters)} adapters into {args.output}")
    return 0


@_reporting_errors
def add_command(args) -> int:
    share = Share.load(args.share_dir).add(args.task, read_adapter(args.adapter), _rule(args))
    share.save(args.share_dir)
    print(f"added task {args.task} to {args.share_dir} ({len(share.tasks)} tasks)")
    return 0


@_reporting_errors
def export_command(args) -> int:
    write_adapter(Share.load(args.share_dir).adapter(args.task), args.output)
    print(f"exported task {args.task} to {args.output}")
    return 0


@_reporting_errors
def info_command(args) -> int:
    share = Share.load(args.share_dir)
    summary = share.summary()
    print(f"Share {args.share_dir}: base model {share.base_model}, dtype {share.manifest()['dtype']}, "
          f"k rule {share.rule.to_json()}, mean-centered {share.center}")
    print(f"tasks ({len(share.tasks)}):")
    for name, task in share.tasks.items():
        print(f"  {name:<24} r={task.r} lora_alpha={task.lora_alpha} coefficients={summary['task_params'][name]:,}")
    print(f"modules ({len(share.bases)}), target_modules {share.target_modules}:")
    shapes = share.shapes()
    for module, basis in share.bases.items():
        out_features, in_features = shapes[module]
        print(f"  {module:<48} out {out_features:>6} in {in_features:>6}  k_B {basis.B.k:>4}  k_A {basis.A.k:>4}")
    coefficient_params = sum(summary["task_params"].values())
    print(f"parameters: basis {summary['basis_params']:,} + coefficients {coefficient_params:,}; "
          f"as LoRA adapters {sum(summary['lora_params'].values()):,}")
    print(f"bytes: Share {summary['share_bytes']:,} vs {len(share.tasks)} LoRA adapters {summary['lora_bytes']:,}")
    print(f"compression: {summary['compression']:.2f}x")
    return 0
