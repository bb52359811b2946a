"""koanshare: teach a code LM new Rust skills task by task with Share."""

import os

# Idle OpenMP threads wait passively: spinning ones stall each other on a busy 2-core
# machine (a SmolLM2 LoRA step took 4.6-53 s spinning, a steady 4.8-5 s passive, at load 3).
# Set here, before anything of the project imports torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"
