"""cuda/smoke.sh runs its whole path on CPU (`--cpu`): pre-train, two LoRAs, a Share
consolidation and a coefficient set, and generation with each, printing what it measured.
The CUDA run itself needs a GPU machine; this keeps the script from rotting without one."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_smoke_script_runs_on_cpu_and_reports_each_phase():
    env = {**os.environ, "PYTHON": sys.executable}
    run = subprocess.run(["bash", "cuda/smoke.sh", "--cpu"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    for line in ("device cpu; bf16 False", "pre-train ", "LoRA ", "Share p=1 ", "generate (base): 16 answers",
                 "generate (PEFT adapter): 16 answers", "generate (Share t1): 16 answers",
                 "generate (Share average): 16 answers", "smoke test passed"):
        assert line in out, f"{line!r} missing from:\n{out}"
