"""Share (arXiv:2602.06043): many LoRA adapters as one shared low-rank subspace per module
plus tiny per-task coefficients, for continual learning without old data or old adapters.

Works on any PEFT LoRA adapter of any causal LM; imports nothing of koanshare but share.io.

    adapters = {name: read_adapter(d) for name, d in ...}
    share = Share.consolidate(adapters, KRule(variance=0.6))        # phase 1
    params = attach_trainable(model, share, p=1, phi=2)              # phase 2: train params
    share = share.add("new", trained_adapter(model, share))         # phase 3, no old data
    inject(model, share); set_task(model, "new")                     # serve (None: average)
    fold(model)                                                      # ... at the base model's cost
    write_adapter(share.adapter("new"), "out_dir")                   # export to PEFT
    share.save("share_dir"); Share.load("share_dir")
"""

from share.subspace.basis import KRule, ModuleBasis, SideBasis
from share.subspace.layer import ShareLinear, TrainableFactors
from share.subspace.model import attach_trainable, fold, inject, remove, set_task, share_layers, trained_adapter
from share.subspace.peft_io import read_adapter, write_adapter
from share.subspace.store import FORMAT_VERSION, LoraAdapter, Share, ShareError, TaskCoefficients

__all__ = [
    "FORMAT_VERSION",
    "KRule",
    "LoraAdapter",
    "ModuleBasis",
    "Share",
    "ShareError",
    "ShareLinear",
    "SideBasis",
    "TaskCoefficients",
    "TrainableFactors",
    "attach_trainable",
    "fold",
    "inject",
    "read_adapter",
    "remove",
    "set_task",
    "share_layers",
    "trained_adapter",
    "write_adapter",
]
