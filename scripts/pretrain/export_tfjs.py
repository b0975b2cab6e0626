"""Export a PyTorch checkpoint to the browser's format: config.json, vocab.txt, weights.json + binary shards.

    npm run export-model -- --from .cache/pretrain/mlm --kind mlm --out public/models/encoder --float16
    npm run export-model -- --from .cache/finetune/mlm --kind classifier --out public/models/classifier --float16

weights.json holds tfjs weights-manifest entries (name, shape, dtype, optional float16 quantization), so
tf.io.decodeWeights can read the shards. Names and shapes are Hugging Face BERT's; lib/model converts Linear
weights [out, in] to its in-memory [in, out] on load.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import numpy as np
import torch

SHARD_BYTES = 4 * 1024 * 1024  # tfjs convention: 4 MB shards, so a browser can cache and fetch them in parallel


def state_for(kind: str, src: str) -> tuple[dict, dict]:
    """Pick the tensors of one shippable model out of a run folder; returns (state_dict, config dict)."""
    if kind == "classifier":
        sd = torch.load(os.path.join(src, "classifier.pt"), map_location="cpu")
        return sd, json.load(open(os.path.join(src, "config.json")))
    import shards
    ck = shards.load(os.path.join(src, "ckpt.pt"))["model"]  # one file, or the GPU run's shards
    if kind == "mlm":  # a masked-LM run: the encoder and its head
        sd = {k: v for k, v in ck.items() if k.startswith(("bert.", "cls."))}
        return sd, json.load(open(os.path.join(src, "config.json")))
    raise SystemExit(f"unknown --kind {kind}")


def write_weights(sd: dict, out: str, float16: bool) -> dict:
    entries, blobs = [], []
    for name, t in sd.items():
        a = t.detach().float().numpy()
        entry = {"name": name, "shape": list(a.shape), "dtype": "float32"}
        if float16:
            entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
            blobs.append(a.astype("<f2").tobytes())
        else:
            blobs.append(a.astype("<f4").tobytes())
        entries.append(entry)
    data = b"".join(blobs)
    n = max(1, (len(data) + SHARD_BYTES - 1) // SHARD_BYTES)
    paths = [f"group1-shard{i + 1}of{n}.bin" for i in range(n)]
    for i, p in enumerate(paths):
        with open(os.path.join(out, p), "wb") as f:
            f.write(data[i * SHARD_BYTES:(i + 1) * SHARD_BYTES])
    manifest = {"format": "bert-lab-weights", "weightsManifest": [{"paths": paths, "weights": entries}]}
    with open(os.path.join(out, "weights.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return {"bytes": len(data), "shards": n, "tensors": len(entries),
            "params": int(sum(int(np.prod(e["shape"])) for e in entries))}


def export(sd: dict, cfg: dict, out: str, vocab: str, float16: bool, extra: dict | None = None) -> dict:
    if os.path.isdir(out):  # replace, never pile up stale shards
        for f in os.listdir(out):
            if f.startswith("group1-shard") or f in ("weights.json",):
                os.remove(os.path.join(out, f))
    os.makedirs(out, exist_ok=True)
    info = write_weights(sd, out, float16)
    cfg = dict(cfg, **(extra or {}))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    shutil.copyfile(vocab, os.path.join(out, "vocab.txt"))
    info["vocab_sha256"] = hashlib.sha256(open(vocab, "rb").read()).hexdigest()
    return info


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--from", dest="src", required=True)
    p.add_argument("--kind", required=True, choices=["mlm", "classifier"])
    p.add_argument("--out", required=True)
    p.add_argument("--vocab", default="public/models/vocab.txt")
    p.add_argument("--float16", action="store_true")
    a = p.parse_args(argv)
    sd, cfg = state_for(a.kind, a.src)
    extra = {"id2label": {"0": "부정", "1": "긍정"}} if a.kind == "classifier" else None
    info = export(sd, cfg, a.out, a.vocab, a.float16, extra)
    print(json.dumps({"out": a.out, **info}), file=sys.stdout)


if __name__ == "__main__":
    main()
