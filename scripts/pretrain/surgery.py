"""Changes made to a running pretraining at a given step, declared in the config so a rebuild repeats them.

The shipped encoder needed two (public/models/README.md):
- {"step": 2141, "do": "reinit_positions"}: its learned position embeddings had shrunk under weight decay until
  the model was a bag of words (loss stuck at ~7.1). They are overwritten with sinusoids scaled to the word
  embeddings' mean norm, and their Adam moments cleared. They stay ordinary parameters: same names and shapes.
- {"step": 4830, "do": "anneal", "to": 8000}: the LR goes from where it is straight down to 0 at step 8,000, to
  end inside the compute that was left.
"""
from __future__ import annotations

import math

import torch

from schedule import lr_at


def sinusoidal(n_pos: int, dim: int) -> torch.Tensor:  # [P, H]
    pos = torch.arange(n_pos, dtype=torch.float32)[:, None]
    i = torch.arange(0, dim, 2, dtype=torch.float32)[None, :]
    angle = pos / torch.pow(10000.0, i / dim)
    pe = torch.zeros(n_pos, dim)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe


@torch.no_grad()
def sinusoidal_positions(model, scale: float = 1.0) -> dict:
    """Write sinusoidal position embeddings with the word embeddings' mean row norm (times scale)."""
    emb = model.bert.embeddings
    word_norm = emb.word_embeddings.weight[5:].norm(dim=1).mean().item()  # ids 0-4 are specials
    old = emb.position_embeddings.weight.norm(dim=1).mean().item()
    pe = sinusoidal(*emb.position_embeddings.weight.shape)
    pe *= scale * word_norm / pe.norm(dim=1).mean()
    emb.position_embeddings.weight.copy_(pe.to(emb.position_embeddings.weight.device))
    return {"old_mean_norm": round(old, 4), "new_mean_norm": round(pe.norm(dim=1).mean().item(), 4),
            "word_mean_norm": round(word_norm, 4)}


def apply(op: dict, model, opt, state: dict, a) -> dict:
    """Apply one surgery at the current step; returns what the log records."""
    if op["do"] == "reinit_positions":
        note = sinusoidal_positions(model, op.get("scale", 1.0))
        st = opt.state.get(model.bert.embeddings.position_embeddings.weight, {})
        for k in ("exp_avg", "exp_avg_sq"):
            if k in st:
                st[k].zero_()
        return note
    if op["do"] == "anneal":
        if not state["step"] < op["to"] <= a.total_steps:
            raise SystemExit(f"surgery anneal to {op['to']}: must lie after step {state['step']} and by {a.total_steps}")
        state["anneal"] = {"from_step": state["step"], "to": op["to"],
                           "from_lr": lr_at(state["step"], a.lr, a.warmup, a.total_steps, a.decay, state.get("anneal"))}
        return dict(state["anneal"])
    raise SystemExit(f"unknown surgery {op['do']!r}: reinit_positions or anneal")


def end_step(a) -> int:
    """The last step of the schedule once every anneal is taken into account."""
    ends = [op["to"] for op in a.surgery if op["do"] == "anneal"]
    return min([a.total_steps, *ends])


assert math.isclose(sinusoidal(4, 4)[1, 0].item(), math.sin(1.0), rel_tol=1e-6)
