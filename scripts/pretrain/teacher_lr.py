"""An n-gram logistic-regression teacher (TF-IDF, or NB-weighted with --nb): the issue's baseline, and a second
opinion for pseudo-labels.

    python3 scripts/pretrain/teacher_lr.py --out .cache/teacher/lr [--val 10000]
    python3 scripts/pretrain/teacher_lr.py --out .cache/teacher/nb --nb
    python3 scripts/pretrain/teacher_lr.py --out .cache/teacher/nbco --nb --pseudo .cache/teacher/t2/unlabeled_probs.npy

Fits on ratings_train (minus the last --val rows, the same hold-out finetune_ref.py uses), reports validation and
test accuracy, and writes P(positive) for the validation, test and unlabeled reviews as .npy files, in the order of
.cache/corpus/{nsmc_train,nsmc_test,unlabeled}.bin. Needs python3-sklearn (apt).

Char n-grams are not a second tokenizer for the model: nothing here feeds token ids to BERT. The teacher only
supplies soft labels for unlabeled reviews, which the student BERT learns from (distillation).

With --nb, the features are NBSVM's (Wang & Manning, 2012): binary char 1-5-grams and word 1-3-grams, each scaled by
its naive-Bayes log-count ratio r = log((p / |p|) / (q / |q|)), p and q the (weighted) feature counts of positive and
negative reviews plus 1. The LR then starts from what each n-gram says on its own, and a strong L2 penalty (C 0.1,
picked on validation) keeps it near there. Measured: val 0.878, test 0.8786, against 0.869 / 0.8736 for TF-IDF.

With --pseudo, the LR also learns from the unlabeled reviews, with a teacher's P(positive) as soft labels (each
review enters twice, as positive with weight p and as negative with weight 1 - p: the soft cross-entropy). That is
the other half of co-training: the BERT learned from the n-gram view, now the n-gram view learns from the BERT.
The unlabeled reviews are split in --folds parts; the model fit without part k labels part k, so the probabilities
written for the unlabeled reviews are out-of-fold, never an echo of their own soft labels. Validation and test
probabilities are the mean over the fold models. Measured (2 folds): TF-IDF LR taught by soup + LR goes from test
0.8736 to 0.8769 (its own labels, self-training: 0.8745); NB-LR taught by soup + LR + NB from 0.8786 to 0.8798.
Neither raised an ensemble they joined (0.8825-0.8838, against 0.8838 without them), so the teachers we used are
the gold-only fits.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from needs import require  # noqa: E402

require("numpy", "scipy", "sklearn")
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

def read_text(path):
    return (gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")).read()


def read_nsmc(path):
    """Same rules as lib/data/nsmc.ts: header, 3 tab-separated fields, skip empty documents."""
    lines = read_text(path).lstrip("\ufeff").split("\n")
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
    return [l for l in read_text(path).split("\n") if l.strip() != ""]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--val", type=int, default=10000)
    p.add_argument("--train", default="public/data/nsmc/ratings_train.txt.gz")
    p.add_argument("--test", default="public/data/nsmc/ratings_test.txt.gz")
    p.add_argument("--unlabeled", default="../shared/nsmc/unlabeled.txt", help="the raw pretraining corpus")
    p.add_argument("--corpus", default=".cache/corpus", help="the encoded corpus (its meta.json), to check alignment")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation; default: pick on validation")
    p.add_argument("--words", action="store_true", help="add word 1-2-grams to the char 1-4-grams")
    p.add_argument("--nb", action="store_true", help="NBSVM features: binary char 1-5 + word 1-3-grams scaled by NB ratios")
    p.add_argument("--pseudo", default=None, help="teacher P(positive) per unlabeled review (.npy): learn from them")
    p.add_argument("--folds", type=int, default=2, help="with --pseudo: cross-fitting folds over the unlabeled")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    tr_t, tr_y = read_nsmc(a.train)
    te_t, te_y = read_nsmc(a.test)
    un_t = read_unlabeled(a.unlabeled)
    # Row i of every output must be review i of the .bin files the BERTs read: same files, same limits.
    files = json.load(open(os.path.join(a.corpus, "meta.json")))["files"]
    want = {k: files[f]["reviews"] for k, f in (("train", "nsmc_train.bin"), ("test", "nsmc_test.bin"), ("unlabeled", "unlabeled.bin"))}
    tr_t, tr_y, te_t, te_y, un_t = tr_t[:want["train"]], tr_y[:want["train"]], te_t[:want["test"]], te_y[:want["test"]], un_t[:want["unlabeled"]]
    assert files["unlabeled.bin"]["emptySkipped"] == 0, "encode-corpus skipped empty reviews: rows would not align"
    for name, n in (("train", len(tr_t)), ("test", len(te_t)), ("unlabeled", len(un_t))):
        assert n == want[name], f"{name}: {n} reviews, the encoded corpus has {want[name]} (alignment with the .bin files)"
    fit_t, fit_y = tr_t[: -a.val], tr_y[: -a.val]
    va_t, va_y = tr_t[-a.val:], tr_y[-a.val:]
    if a.nb:
        vecs = [CountVectorizer(analyzer="char", ngram_range=(1, 5), min_df=2, binary=True),
                CountVectorizer(analyzer="word", ngram_range=(1, 3), min_df=2, binary=True, token_pattern=r"\S+")]
    else:
        vecs = [TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True)]
        if a.words:
            vecs.append(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                        token_pattern=r"\S+"))
    vocab_t = fit_t + un_t if a.pseudo else fit_t  # with --pseudo the n-grams of the unlabeled reviews count too
    for v in vecs:
        v.fit(vocab_t)
    feats = lambda texts: sp.vstack([sp.hstack([v.transform(texts[s:s + 100_000]) for v in vecs])
                                     for s in range(0, len(texts), 100_000)]).tocsr()
    X, Xva, Xte = feats(fit_t), feats(va_t), feats(te_t)
    print(f"{X.shape[1]:,} features, {time.time() - t0:.0f}s", file=sys.stderr)

    def fit(X, y, w, C):
        """An LR on X (NB-scaled with --nb); returns P(positive) as a function of raw features."""
        scaled = lambda Z: Z  # TF-IDF: the features as they are (no identity product copying a large matrix)
        if a.nb:
            pos = 1.0 + np.asarray(X.T @ (w * (y == 1))).ravel()  # weighted count of each n-gram in positives
            neg = 1.0 + np.asarray(X.T @ (w * (y == 0))).ravel()
            r = sp.diags(np.log((pos / pos.sum()) / (neg / neg.sum()))).tocsr()
            scaled = lambda Z: Z @ r
        clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000).fit(scaled(X), y, sample_weight=w)
        return lambda Z: clf.predict_proba(scaled(Z))[:, 1]

    grid = [a.C] if a.C else ([0.05, 0.1, 0.2] if a.nb else [2.0, 4.0, 8.0])
    if not a.pseudo:
        best = None
        for C in grid:
            prob = fit(X, fit_y, np.ones(len(fit_y)), C)
            pv = prob(Xva)
            va_acc = float(((pv > 0.5) == va_y).mean())
            print(f"C={C}: val {va_acc:.4f} ({time.time() - t0:.0f}s)", file=sys.stderr)
            if best is None or va_acc > best[0]:
                best = (va_acc, C, prob, pv)
        va_acc, C, prob, va_p = best
        te_p, un_p = prob(Xte), prob(feats(un_t))
    else:
        un_q = np.load(a.pseudo).astype(np.float64)
        assert len(un_q) == len(un_t), f"{len(un_q)} teacher probabilities for {len(un_t)} unlabeled reviews"
        Xun = feats(un_t)
        fold = np.arange(len(un_t)) % a.folds
        C = grid[len(grid) // 2]
        va_p, te_p, un_p = np.zeros(len(va_t)), np.zeros(len(te_t)), np.zeros(len(un_t))
        for k in range(a.folds):
            ix = np.flatnonzero(fold != k)
            Xk = sp.vstack([X, Xun[ix], Xun[ix]]).tocsr()  # gold, then each pseudo review as positive and negative
            yk = np.concatenate([fit_y, np.ones(len(ix), np.int64), np.zeros(len(ix), np.int64)])
            wk = np.concatenate([np.ones(len(fit_y)), un_q[ix], 1 - un_q[ix]])
            prob = fit(Xk, yk, wk, C)
            pv = prob(Xva)
            va_p += pv / a.folds
            te_p += prob(Xte) / a.folds
            out = np.flatnonzero(fold == k)
            un_p[out] = prob(Xun[out])
            print(f"fold {k}: val {float(((pv > 0.5) == va_y).mean()):.4f} ({time.time() - t0:.0f}s)", file=sys.stderr)
        va_acc = float(((va_p > 0.5) == va_y).mean())
    te_p = te_p.astype(np.float32)
    res = {"val_accuracy": va_acc, "test_accuracy": float(((te_p > 0.5) == te_y).mean()), "C": C, "words": a.words,
           "nb": a.nb, "features": X.shape[1], "n_fit": len(fit_t), "pseudo": a.pseudo, "folds": a.folds if a.pseudo else None,
           "wall_s": None}
    np.save(os.path.join(a.out, "val_probs.npy"), va_p.astype(np.float32))
    np.save(os.path.join(a.out, "test_probs.npy"), te_p)
    np.save(os.path.join(a.out, "unlabeled_probs.npy"), un_p.astype(np.float32))
    res["wall_s"] = round(time.time() - t0, 1)
    json.dump(res, open(os.path.join(a.out, "result.json"), "w"), indent=2)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
