"""Give a stalled masked-LM run a sense of word order: re-initialise its position embeddings, then resume it.

    /usr/bin/python3 scripts/pretrain/reinit_positions.py --run .cache/pretrain/mlm [--scale 1.0]

Why: our MLM run sat on a plateau (loss ~7.1, the unigram entropy is 7.7) for 1,500 steps. A probe showed that
shuffling the tokens of each sequence changed its loss by only 0.015: the model was a bag of words. Its learned
position embeddings had shrunk under weight decay (mean norm 0.20, down from 0.32 at init, vs 0.54 for word
embeddings), so nothing told one position from another and attention could not become local.

This writes sinusoidal position embeddings (Vaswani et al.), scaled to the mean norm of the word embeddings times
--scale, into the checkpoint, and clears their Adam moments. They stay ordinary learned parameters; the
architecture, names and shapes do not change, so the browser model loads the result as before. Everything else
(word embeddings, layers, optimizer state, step, data position, RNG) is kept, and the change is recorded in
args.json ("surgery") so the model card can say what was done at which step.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from bert import BertConfig, BertForMaskedLM  # noqa: E402
from pretrain import make_optimizer  # noqa: E402


def sinusoidal(n_pos: int, dim: int) -> torch.Tensor:  # [P, H]
    pos = torch.arange(n_pos, dtype=torch.float32)[:, None]
    i = torch.arange(0, dim, 2, dtype=torch.float32)[None, :]
    angle = pos / torch.pow(10000.0, i / dim)
    pe = torch.zeros(n_pos, dim)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--scale", type=float, default=1.0, help="target norm, relative to the mean word-embedding norm")
    a = p.parse_args()
    ckpt_path = os.path.join(a.run, "ckpt.pt")
    cfg = BertConfig.from_dict(json.load(open(os.path.join(a.run, "config.json"))))
    model = BertForMaskedLM(cfg)
    args = json.load(open(os.path.join(a.run, "args.json")))
    opt = make_optimizer(model, args["lr"])
    ck = torch.load(ckpt_path)
    model.load_state_dict(ck["model"])
    opt.load_state_dict(ck["opt"])
    emb = model.bert.embeddings
    word_norm = emb.word_embeddings.weight[5:].norm(dim=1).mean().item()
    old_norm = emb.position_embeddings.weight.norm(dim=1).mean().item()
    pe = sinusoidal(cfg.max_position_embeddings, cfg.hidden_size)
    pe *= a.scale * word_norm / pe.norm(dim=1).mean()
    with torch.no_grad():
        emb.position_embeddings.weight.copy_(pe)
    st = opt.state.get(emb.position_embeddings.weight, {})
    for k in ("exp_avg", "exp_avg_sq"):
        if k in st:
            st[k].zero_()
    step = ck["state"]["step"]
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": ck["state"]}, ckpt_path + ".tmp")
    os.replace(ckpt_path + ".tmp", ckpt_path)
    note = {"step": step, "what": "position embeddings re-initialised sinusoidally", "scale": a.scale,
            "old_mean_norm": round(old_norm, 4), "new_mean_norm": round(pe.norm(dim=1).mean().item(), 4),
            "word_mean_norm": round(word_norm, 4)}
    args.setdefault("surgery", []).append(note)
    json.dump(args, open(os.path.join(a.run, "args.json"), "w"), indent=2)
    print(json.dumps(note))


if __name__ == "__main__":
    main()
