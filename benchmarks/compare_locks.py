"""Which stage outputs two revisions share byte for byte, by the md5 their DVC lock files
record (prints a line per stage; not a test). How a refactor shows it changed no output:

    .venv/bin/python benchmarks/compare_locks.py OLD_REV [NEW_REV]   # NEW_REV: the working tree
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import yaml

LOCKS = ("toolchain/dvc.lock", "data/dvc.lock", "models/dvc.lock", "dvc.lock")


def outs(lock: str, rev: str | None) -> dict[str, dict[str, str]]:
    """stage -> {out path: md5} of one lock file at `rev` (None: the working tree)."""
    text = Path(lock).read_text() if rev is None else \
        subprocess.run(["git", "show", f"{rev}:{lock}"], capture_output=True, text=True, check=True).stdout
    stages = (yaml.safe_load(text) or {}).get("stages", {})
    return {name: {o["path"]: o.get("md5") for o in stage.get("outs", [])} for name, stage in stages.items()}


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


if __name__ == "__main__":
    main()
