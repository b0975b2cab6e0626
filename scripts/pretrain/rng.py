"""Every random number generator a pretraining step touches, captured and restored, so a resume is exact.

- the masking generator: one torch.Generator with the same state on every rank (each rank draws the masks of
  the whole global batch and keeps its rows), so its state does not depend on the number of ranks;
- torch's default CPU and CUDA generators: dropout. These are per rank; a resume with another world size
  cannot continue them, so it re-seeds them (and says so);
- numpy's and Python's global generators: nothing in the loop draws from them today, but a library might.
"""
from __future__ import annotations

import random
import sys

import numpy as np
import torch


def capture_local() -> dict:
    return {
        "torch": torch.get_rng_state(),
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
        "numpy": np.random.get_state(),
        "python": random.getstate(),
    }


def restore_local(s: dict) -> None:
    torch.set_rng_state(s["torch"])
    if s["cuda"] is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(s["cuda"])
    np.random.set_state(s["numpy"])
    random.setstate(s["python"])


def seed_local(seed: int) -> None:
    torch.manual_seed(seed)  # also seeds every CUDA device
    np.random.seed(seed % 2**32)
    random.seed(seed)


def restore(saved: dict, world, mask_gen: torch.Generator, seed: int, step: int) -> None:
    mask_gen.set_state(saved["mask"])
    per_rank = saved["ranks"]
    if len(per_rank) == world.size:
        restore_local(per_rank[world.rank])
    else:
        seed_local(seed + 1000 * step + world.rank)
        if world.main:
            print(f"resume: world size {len(per_rank)} -> {world.size}; masks and data continue exactly, "
                  f"dropout streams are re-seeded", file=sys.stderr)


def capture(world, mask_gen: torch.Generator) -> dict:
    return {"mask": mask_gen.get_state(), "ranks": world.gather(capture_local())}
