"""Combine teachers into one set of soft labels for distillation, weighting them on the validation hold-out.

    python3 scripts/pretrain/ensemble.py --out .cache/teacher/ens .cache/finetune/b1 .cache/teacher/lrw

Each teacher folder holds val_probs.npy, test_probs.npy and unlabeled_probs.npy (P(positive)). The ensemble is a
weighted mean of logits; the weights are chosen on validation only, and test accuracy is reported, never used.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os

import numpy as np



def logit(p):
    p = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("teachers", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", default=".cache/corpus", help="where encode-corpus wrote nsmc_{train,test}.labels")
    a = ap.parse_args()
    val = [np.load(os.path.join(t, "val_probs.npy")) for t in a.teachers]
    test = [np.load(os.path.join(t, "test_probs.npy")) for t in a.teachers]
    va_y = np.fromfile(os.path.join(a.corpus, "nsmc_train.labels"), dtype=np.uint8)[-len(val[0]):]
    te_y = np.fromfile(os.path.join(a.corpus, "nsmc_test.labels"), dtype=np.uint8)[: len(test[0])]
    acc = lambda p, y, threshold=0.5: float(((p > threshold) == y).mean())
    mix = lambda ws, ps: (1 / (1 + np.exp(-sum(wi * logit(p) for wi, p in zip(ws, ps))))).astype(np.float32)
    val_z = [logit(v) for v in val]  # once, not once per grid point
    grid = np.linspace(0, 1, 21)
    best = None
    for w in itertools.product(grid, repeat=len(a.teachers) - 1):
        if sum(w) > 1:
            continue
        ws = np.array(list(w) + [1 - sum(w)])
        s = acc(sum(wi * z for wi, z in zip(ws, val_z)), va_y, threshold=0.0)  # logit > 0 <=> P > 0.5
        if best is None or s > best[0]:
            best = (s, ws)
    va_acc, ws = best
    res = {"teachers": a.teachers, "weights": [round(float(w), 3) for w in ws], "val_accuracy": va_acc,
           "test_accuracy": acc(mix(ws, test), te_y),
           "each": {t: {"val": acc(v, va_y), "test": acc(p, te_y)} for t, v, p in zip(a.teachers, val, test)}}
    os.makedirs(a.out, exist_ok=True)
    np.save(os.path.join(a.out, "val_probs.npy"), mix(ws, val))
    np.save(os.path.join(a.out, "test_probs.npy"), mix(ws, test))
    un_paths = [os.path.join(t, "unlabeled_probs.npy") for t in a.teachers]
    res["unlabeled_written"] = all(os.path.exists(u) for u in un_paths)
    if res["unlabeled_written"]:  # soft labels for distillation, when every teacher has them
        np.save(os.path.join(a.out, "unlabeled_probs.npy"), mix(ws, [np.load(u) for u in un_paths]))
    json.dump(res, open(os.path.join(a.out, "result.json"), "w"), indent=2)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
