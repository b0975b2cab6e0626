"""Does the masked LM use word order? Its loss on packed sequences, as written and with each row's tokens shuffled.

    python3 research/order_probe.py --run .cache/pretrain/mlm

Same masks, same targets; only the order of the tokens changes (each target moves with its token). A model that
reads a sentence as a bag of words scores the same on both, so `shuffled - ordered` (nats) measures how much it
uses order. The model card reports it across pretraining.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "pretrain"))
from threads import pin_from_argv  # noqa: E402

pin_from_argv(1)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from bert import BertConfig, BertForMaskedLM  # noqa: E402
from corpus import PAD, mask_tokens, pack, read_reviews  # noqa: E402


@torch.no_grad()
def mlm_loss(model, inp, attn, pos, tgt) -> float:
    hidden, _, _ = model.bert(inp, attn)
    return F.cross_entropy(model.logits_at(hidden, pos), tgt).item()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True, help="a pretraining folder (ckpt.pt, config.json)")
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--rows", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    cfg = BertConfig.from_dict(json.load(open(os.path.join(a.run, "config.json"))))
    model = BertForMaskedLM(cfg)
    import shards
    ck = shards.load(os.path.join(a.run, "ckpt.pt"))
    model.load_state_dict(ck["model"])
    model.eval()
    # Fixed data: the first 3,000 train reviews, packed with a fixed seed, so runs and steps compare.
    x = torch.from_numpy(pack(read_reviews(os.path.join(a.corpus, "train.bin"))[:3000], 128, 7)[: a.rows].astype(np.int64))
    gen = torch.Generator().manual_seed(0)
    inp, pos, tgt = mask_tokens(x, cfg.vocab_size, gen)  # [B, T], flat positions [N], targets [N]
    B, T = x.shape
    perm = torch.randperm(T, generator=gen)
    moved = torch.arange(B * T).view(B, T)[:, perm].flatten()  # new flat index -> old flat index
    new_of_old = torch.empty_like(moved)
    new_of_old[moved] = torch.arange(B * T)
    ordered = mlm_loss(model, inp, (x != PAD).long(), pos, tgt)
    shuffled = mlm_loss(model, inp[:, perm], (x[:, perm] != PAD).long(), new_of_old[pos], tgt)
    print(json.dumps({"step": ck["state"]["step"], "ordered": round(ordered, 4), "shuffled": round(shuffled, 4),
                      "order_gain": round(shuffled - ordered, 4)}))


if __name__ == "__main__":
    main()
