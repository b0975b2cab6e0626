"""Write the fixtures that keep the TypeScript model and this PyTorch model identical (tests/unit/parity.test.ts).

    # a tiny random classifier with deliberately large weights (peaky attention, so a mismatch shows):
    python3 scripts/pretrain/parity.py --make-tiny tests/fixtures/parity-tiny
    # the shipped classifier on sentences the TypeScript tokenizer encoded (tests/fixtures/parity-input.json):
    python3 scripts/pretrain/parity.py --model public/models/classifier \
        --input tests/fixtures/parity-input.json --out tests/fixtures/parity-classifier.json

Weights are read back from the exported files (float16 upcast the same way the browser does), so the
fixture tests the forward pass, not the quantisation.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from bert import BertConfig, BertForSequenceClassification  # noqa: E402
from corpus import pad_batch  # noqa: E402
from export_tfjs import export  # noqa: E402


def read_weights(model_dir: str) -> dict:
    man = json.load(open(os.path.join(model_dir, "weights.json")))["weightsManifest"][0]
    data = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in man["paths"])
    out, off = {}, 0
    for w in man["weights"]:
        n = int(np.prod(w["shape"])) if w["shape"] else 1
        if w.get("quantization", {}).get("dtype") == "float16":
            a = np.frombuffer(data, "<f2", n, off).astype(np.float32)
            off += 2 * n
        else:
            a = np.frombuffer(data, "<f4", n, off).copy()
            off += 4 * n
        out[w["name"]] = torch.from_numpy(a.reshape(w["shape"]))
    assert off == len(data), "weights.json does not describe the shards exactly"
    return out


def run(model_dir: str, ids_rows: list[list[int]]) -> dict:
    cfg = BertConfig.from_dict(json.load(open(os.path.join(model_dir, "config.json"))))
    model = BertForSequenceClassification(cfg).eval()
    missing, unexpected = model.load_state_dict(read_weights(model_dir), strict=False)
    assert not missing, f"missing {missing}"
    ids, mask = pad_batch([np.asarray(r) for r in ids_rows])
    with torch.no_grad():
        logits, attns = model(ids, mask, want_attn=True)
    return {
        "input_ids": ids.tolist(),
        "attention_mask": mask.tolist(),
        "logits": logits.tolist(),  # [B, num_labels]
        "attentions": [a.tolist() for a in attns],  # L x [B, A, T, T]
    }


def make_tiny(out: str):
    torch.manual_seed(7)
    cfg = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=32)
    model = BertForSequenceClassification(cfg)
    with torch.no_grad():
        for n, p in model.named_parameters():
            if "LayerNorm.weight" in n:
                p.copy_(1 + 0.3 * torch.randn_like(p))
            else:
                p.copy_(0.4 * torch.randn_like(p))
    export(model.state_dict(), cfg.to_dict(), out, vocab=os.path.join(os.path.dirname(__file__), "tiny_vocab.txt"),
           float16=False)
    rng = np.random.default_rng(3)
    rows = [[2] + rng.integers(5, 50, n).tolist() + [3] for n in (9, 4, 1)]  # ragged: the shorter rows get padding
    json.dump(run(out, rows), open(os.path.join(out, "expected.json"), "w"))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--make-tiny")
    p.add_argument("--model")
    p.add_argument("--input")
    p.add_argument("--out")
    a = p.parse_args(argv)
    if a.make_tiny:
        make_tiny(a.make_tiny)
        return
    inp = json.load(open(a.input))
    res = run(a.model, inp["ids"])
    res["sentences"] = inp.get("sentences")
    json.dump(res, open(a.out, "w"))


if __name__ == "__main__":
    main()
