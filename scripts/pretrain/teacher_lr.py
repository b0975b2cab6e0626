"""A TF-IDF n-gram logistic-regression teacher: the issue's baseline, and a second opinion for pseudo-labels.

    /usr/bin/python3 scripts/pretrain/teacher_lr.py --out .cache/teacher/lr [--val 10000]

Fits on ratings_train (minus the last --val rows, the same hold-out finetune_ref.py uses), reports validation and
test accuracy, and writes P(positive) for the validation, test and unlabeled reviews as .npy files, in the order of
.cache/corpus/{nsmc_train,nsmc_test,unlabeled}.bin. Needs python3-sklearn (apt).

Char n-grams are not a second tokenizer for the model: nothing here feeds token ids to BERT. The teacher only
supplies soft labels for unlabeled reviews, which the student BERT learns from (distillation).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

EXPECTED = {"train": 149_992, "test": 49_999, "unlabeled": 652_384}  # .cache/corpus/meta.json


def read_nsmc(path):
    """Same rules as lib/data/nsmc.ts: header, 3 tab-separated fields, skip empty documents."""
    lines = open(path, encoding="utf-8").read().lstrip("\ufeff").split("\n")
    assert lines[0].rstrip("\r") == "id\tdocument\tlabel", lines[0]
    texts, labels = [], []
    for raw in lines[1:]:
        f = raw.rstrip("\r").split("\t")
        if len(f) != 3 or f[1].strip() == "" or f[2] not in ("0", "1"):
            continue
        texts.append(f[1])
        labels.append(int(f[2]))
    return texts, np.array(labels)


def read_unlabeled(path):
    """Same rule as scripts/corpus-io.ts: blank lines dropped."""
    return [l for l in gzip.open(path, "rt", encoding="utf-8").read().split("\n") if l.strip() != ""]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--val", type=int, default=10000)
    p.add_argument("--C", type=float, default=None, help="inverse regularisation; default: pick on validation")
    p.add_argument("--words", action="store_true", help="add word 1-2-grams to the char 1-4-grams")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    tr_t, tr_y = read_nsmc("public/data/nsmc/ratings_train.txt")
    te_t, te_y = read_nsmc("public/data/nsmc/ratings_test.txt")
    un_t = read_unlabeled("data/nsmc/unlabeled.txt.gz")
    for name, n in (("train", len(tr_t)), ("test", len(te_t)), ("unlabeled", len(un_t))):
        assert n == EXPECTED[name], f"{name}: {n} reviews, expected {EXPECTED[name]} (alignment with the .bin files)"
    fit_t, fit_y = tr_t[: -a.val], tr_y[: -a.val]
    va_t, va_y = tr_t[-a.val:], tr_y[-a.val:]
    vecs = [TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True)]
    if a.words:
        vecs.append(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                    token_pattern=r"\S+"))
    X = sp.hstack([v.fit_transform(fit_t) for v in vecs]).tocsr()
    feats = lambda texts: sp.hstack([v.transform(texts) for v in vecs]).tocsr()
    Xva, Xte = feats(va_t), feats(te_t)
    print(f"{X.shape[1]:,} features, {time.time() - t0:.0f}s", file=sys.stderr)
    best = None
    for C in ([a.C] if a.C else [2.0, 4.0, 8.0]):
        clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000).fit(X, fit_y)
        va_acc = float((clf.predict(Xva) == va_y).mean())
        print(f"C={C}: val {va_acc:.4f} ({time.time() - t0:.0f}s)", file=sys.stderr)
        if best is None or va_acc > best[0]:
            best = (va_acc, C, clf)
    va_acc, C, clf = best
    te_p = clf.predict_proba(Xte)[:, 1].astype(np.float32)
    res = {"val_accuracy": va_acc, "test_accuracy": float(((te_p > 0.5) == te_y).mean()), "C": C, "words": a.words,
           "features": X.shape[1], "n_fit": len(fit_t), "wall_s": None}
    np.save(os.path.join(a.out, "val_probs.npy"), clf.predict_proba(Xva)[:, 1].astype(np.float32))
    np.save(os.path.join(a.out, "test_probs.npy"), te_p)
    un_p = np.concatenate([clf.predict_proba(feats(un_t[s:s + 100_000]))[:, 1] for s in range(0, len(un_t), 100_000)])
    np.save(os.path.join(a.out, "unlabeled_probs.npy"), un_p.astype(np.float32))
    res["wall_s"] = round(time.time() - t0, 1)
    json.dump(res, open(os.path.join(a.out, "result.json"), "w"), indent=2)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
