"""Learning rate by step: linear warm-up to the peak, then a one-cycle decay to 0 at `total_steps`.

`decay` is "linear" (BERT's, and the triangular one-cycle of Cramming) or "cosine". An "anneal" surgery (see
surgery.py) replaces the tail: from the LR it had at that step, straight down to 0 at a new, earlier end.
"""
from __future__ import annotations

import math


def budget_progress(wall_s: float, budget_minutes: float, warmup: int, total: int) -> tuple[int, int, int]:
    """Cramming's budget schedule: the LR follows elapsed wall time, not steps, so a run of a fixed time ends with
    its LR at 0 whatever its speed. Returned as (step, warmup, total) on a 10,000-point scale for lr_at; the
    warm-up keeps its share warmup/total. Not step-deterministic, so a resumed budget run is not bit-identical."""
    scale = 10_000
    return min(scale, int(scale * wall_s / (budget_minutes * 60))), round(scale * warmup / total), scale


def lr_at(step: int, peak: float, warmup: int, total: int, decay: str = "linear", anneal: dict | None = None) -> float:
    if anneal and step >= anneal["from_step"]:
        return anneal["from_lr"] * max(0.0, (anneal["to"] - step) / max(1, anneal["to"] - anneal["from_step"]))
    if step < warmup:
        return peak * (step + 1) / warmup
    frac = min(1.0, (step - warmup) / max(1, total - warmup))
    if decay == "cosine":
        return peak * 0.5 * (1.0 + math.cos(math.pi * frac))
    return peak * (1.0 - frac)
