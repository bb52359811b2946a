"""Which stage outputs two revisions share byte for byte, by the md5 their DVC lock files
record, and whether the JSON files of results/, logs/ and metrics/ (in git) agree once
wall times are left out (prints a line per stage and file; not a test). How a refactor shows it
changed no output:

    .venv/bin/python benchmarks/compare_locks.py OLD_REV [NEW_REV]   # NEW_REV: the working tree
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import yaml

LOCKS = ("toolchain/dvc.lock", "data/dvc.lock", "models/dvc.lock", "dvc.lock")


def outs(lock: str, rev: str | None) -> dict[str, dict[str, str]]:
    """stage -> {out path: md5} of one lock file at `rev` (None: the working tree)."""
    stages = (yaml.safe_load(text_at(lock, rev) or "") or {}).get("stages", {})
    return {name: {o["path"]: o.get("md5") for o in stage.get("outs", [])} for name, stage in stages.items()}


def text_at(path: str, rev: str | None) -> str | None:
    """A file's text at `rev` (None: the working tree); None where it does not exist."""
    if rev is None:
        return Path(path).read_text() if Path(path).is_file() else None
    done = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


WALL_TIMES = {"seconds", "seconds_per_step", "minutes"}  # the only figures a rerun of the same work changes


def without_wall_times(value):
    if isinstance(value, dict):
        return {k: without_wall_times(v) for k, v in value.items() if k not in WALL_TIMES}
    if isinstance(value, list):
        return [without_wall_times(v) for v in value]
    return value


def compare_results(old_rev: str, new_rev: str | None) -> None:
    listed = subprocess.run(["git", "ls-files", "results", "logs", "metrics"], capture_output=True, text=True,
                            check=True).stdout
    for path in sorted(p for p in listed.split() if p.endswith(".json")):
        old, new = text_at(path, old_rev), text_at(path, new_rev)
        if old is None or new is None:
            print(f"{path}: only in {'the new' if old is None else 'the old'} revision")
            continue
        same = without_wall_times(json.loads(old)) == without_wall_times(json.loads(new))
        print(f"{path}: " + ("identical but for wall times" if same else "differs"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?", help="a revision; the working tree when left out")
    args = parser.parse_args()
    for lock in LOCKS:
        old, new = outs(lock, args.old), outs(lock, args.new)
        for stage in sorted(set(old) & set(new)):
            differ = sorted(p for p in set(old[stage]) | set(new[stage]) if old[stage].get(p) != new[stage].get(p))
            print(f"{lock}:{stage}: " + ("identical" if not differ else "differs: " + ", ".join(differ)))
        for stage in sorted(set(old) ^ set(new)):
            print(f"{lock}:{stage}: only in {'the old' if stage in old else 'the new'} revision")
    compare_results(args.old, args.new)


if __name__ == "__main__":
    main()
