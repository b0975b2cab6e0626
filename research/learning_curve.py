"""Learning curve: NSMC test accuracy against the number of training reviews, for a plain fine-tune of the shipped
BERT-mini encoder and for a TF-IDF logistic regression, on the same subsets and one fixed evaluation set.

    npx tsx scripts/encode-corpus.ts --corpus <any small text file> --out .cache/lc-corpus \
        --train ../shared/nsmc/ratings_train.txt --test ../shared/nsmc/ratings_test.txt
    node scripts/py.mjs research/learning_curve.py [--corpus .cache/lc-corpus] [--work .cache/learning-curve]
    node scripts/py.mjs research/learning_curve.py --summarize      # only rewrite the JSON files from runs.jsonl

(encode-corpus also encodes --corpus as the pretraining text; this script reads only nsmc_{train,test}.*, so a
three-line file will do and keeps .cache/corpus untouched.)

What is fixed:
- Evaluation set: 2,000 reviews of ratings_test.txt, a seeded random sample (numpy default_rng(EVAL_SEED), without
  replacement, then in file order), the same for every point. Its hash: SHA-256 of the 2,000 NSMC ids, in that
  order, each followed by "\\n". The ids are written to research/results/learning-curve-eval-ids.txt.
- Training subsets: for seed s, perm = default_rng(s).permutation(n_train) over the parsed train rows (the rows
  lib/data/nsmc.ts keeps: 149,992 of 150,000), and the subset of size N is perm[:N] (so a seed's subsets are
  nested). "all" is every row. Both methods train on exactly these rows; BERT also uses s as its --seed (init of
  the new head, dropout, batch order).
- BERT: scripts/pretrain/finetune_ref.py from public/models/encoder (--init-exported), one recipe (RECIPE_BERT),
  --threads 1, with --train-indices / --test-indices (the same row indices).
- TF-IDF: TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True) fit on the subset
  only, then LogisticRegressionCV (liblinear, C in CS, 3-fold CV on the subset only; the test set is never seen).

Writes research/results/learning-curve.json (everything) and public/data/learning-curve.json (what chapter 6
draws). Each finished point is appended to WORK/runs.jsonl, so a rerun resumes.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import time

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one core for this script (and the fine-tunes it starts); the other is free
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL_SEED = 20261206
EVAL_N = 2000
SIZES = [500, 1000, 2000, 5000, 10000, 20000, 50000, "all"]
SEEDS_SMALL = [0, 1, 2]  # sizes <= 5,000
SEEDS_LARGE = [0]
CS = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
RECIPE_BERT = {
    "script": "scripts/pretrain/finetune_ref.py",
    "init": "public/models/encoder (--init-exported: the float16 weights the browser loads)",
    "batch": 32, "max_len": 64, "lr": 2e-4, "warmup_frac": 0.1, "dropout": 0.1, "weight_decay": 0.01,
    "schedule": "linear warm-up then linear decay to 0, AdamW eps 1e-6, grad clip 1.0",
    "epochs": "2 for N < 50,000; 1 for N >= 50,000 (time budget: the whole curve on one CPU thread in ~45 min)",
    "threads": 1,
}
RECIPE_TFIDF = {
    "vectorizer": "sklearn TfidfVectorizer(analyzer='char', ngram_range=(1, 4), min_df=2, sublinear_tf=True), "
                  "fit on the training subset only",
    "classifier": f"sklearn LogisticRegressionCV(Cs={CS}, cv=3, solver='liblinear', max_iter=1000): C picked by "
                  "3-fold CV inside the training subset, then refit on all of it",
}


# Published Korean encoders on NSMC (the full 50K test split, not our 2,000: a reference line, not a paired comparison).
REFERENCES = [
    {"name": "KcBERT-base", "accuracy": 0.8962, "params": "109M (BERT-base shape, vocab 30,000; usually quoted as 110M)",
     "corpus": "12.5 GB of Naver news comments and replies (89M sentences, 2019-01 to 2020-06)",
     "source": "https://github.com/Beomi/KcBERT (README: NSMC 89.62, training data 12.5GB / 8.9천만 문장)"},
    {"name": "KoBERT (SKT)", "accuracy": 0.901, "params": "92M",
     "corpus": "Korean Wikipedia: 5M sentences, 54M words",
     "source": "https://github.com/SKTBrain/KoBERT (README: Naver Sentiment Analysis 0.901; 92M < 110M parameters)"},
    {"name": "KoELECTRA-small-v3", "accuracy": 0.8936, "params": "14M (discriminator: H256, 12 layers, emb 128, vocab 35,000)",
     "corpus": "34 GB: 14 GB news/Wikipedia/Namuwiki + ~20 GB 모두의 말뭉치",
     "source": "https://github.com/monologg/KoELECTRA (README: KoELECTRA-Small-v3 NSMC 89.36; 34GB 한국어 text)"},
]


def shipped_reference(a, eval_tsv):
    """The shipped classifier scored by scripts/evaluate.ts (tfjs, the browser's code) on the 2,000 fixed reviews."""
    cmd = ["npx", "tsx", "scripts/evaluate.ts", "--model", "public/models/classifier", "--data", eval_tsv]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["n"] == EVAL_N, res
    shipped = {"name": "shipped classifier (public/models/classifier)", "accuracy": round(res["accuracy"], 5),
               "n": res["n"], "params": "6.3M", "command": " ".join(cmd[1:]) + "  (max-len 128, wasm backend)",
               "note": "the same BERT-mini, fine-tuned on 139,992 reviews then distilled from a BERT + n-gram ensemble on "
                       "the unlabelled reviews (public/models/README.md); 0.8758 on the 50K test split"}
    with open(os.path.join(ROOT, "research/results/learning-curve-refs.json"), "w") as f:
        json.dump({"shipped": shipped, "references": [shipped] + REFERENCES}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return shipped


def bert_epochs(n: int) -> float:
    return 2.0 if n < 50000 else 1.0


def read_nsmc(path):
    """Same rules as lib/data/nsmc.ts: header, 3 tab-separated fields, skip empty documents and bad labels."""
    lines = open(path, encoding="utf-8").read().lstrip("\ufeff").split("\n")
    assert lines[0].rstrip("\r") == "id\tdocument\tlabel", lines[0]
    if lines[-1] == "":
        lines = lines[:-1]
    ids, texts, labels = [], [], []
    for raw in lines[1:]:
        f = raw.rstrip("\r").split("\t")
        if len(f) != 3 or f[1].strip() == "" or f[2] not in ("0", "1"):
            continue
        ids.append(f[0])
        texts.append(f[1])
        labels.append(int(f[2]))
    return ids, texts, np.array(labels, dtype=np.int64)


def git_head():
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def subset(seed: int, size, n_train: int) -> np.ndarray:
    if size == "all":
        return np.arange(n_train)
    return np.random.default_rng(seed).permutation(n_train)[:size]


def write_indices(path, ix):
    with open(path, "w") as f:
        f.write(" ".join(map(str, ix.tolist())) + "\n")


def run_bert(a, size, seed, tr_ix, te_path, te_y):
    d = os.path.join(a.work, f"bert-{size}-{seed}")
    os.makedirs(d, exist_ok=True)
    tr_path = os.path.join(d, "train_indices.txt")
    write_indices(tr_path, tr_ix)
    n = len(tr_ix)
    cmd = [sys.executable, os.path.join(ROOT, "scripts/pretrain/finetune_ref.py"),
           "--init", "public/models/encoder", "--init-exported", "--corpus", a.corpus, "--out", d,
           "--train-indices", tr_path, "--test-indices", te_path, "--seed", str(seed), "--threads", "1",
           "--batch", str(RECIPE_BERT["batch"]), "--max-len", str(RECIPE_BERT["max_len"]), "--lr", str(RECIPE_BERT["lr"]),
           "--warmup-frac", str(RECIPE_BERT["warmup_frac"]), "--epochs", str(bert_epochs(n))]
    t0 = time.time()
    with open(os.path.join(d, "log.txt"), "w") as log:
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=log, stderr=subprocess.STDOUT)
    wall = time.time() - t0
    r = json.load(open(os.path.join(d, "result.json")))
    probs = np.load(os.path.join(d, "test_probs.npy"))
    acc = float(((probs > 0.5).astype(np.int64) == te_y).mean())  # rescored here: same rows, same labels
    assert abs(acc - r["accuracy"]) < 1e-4, (acc, r["accuracy"])
    assert r["n_test"] == EVAL_N and r["n_train"] == n
    steps = int(((n + RECIPE_BERT["batch"] - 1) // RECIPE_BERT["batch"]) * bert_epochs(n))
    return {"accuracy": round(acc, 5), "train_seconds": r["train_wall_s"], "wall_seconds": round(wall, 1),
            "epochs": bert_epochs(n), "steps": steps}


def run_tfidf(texts, y, tr_ix, te_texts, te_y):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegressionCV

    t0 = time.time()
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True)
    X = vec.fit_transform([texts[i] for i in tr_ix])
    clf = LogisticRegressionCV(Cs=CS, cv=3, solver="liblinear", max_iter=1000).fit(X, y[tr_ix])
    train_s = time.time() - t0
    acc = float((clf.predict(vec.transform(te_texts)) == te_y).mean())
    return {"accuracy": round(acc, 5), "train_seconds": round(train_s, 1), "C": float(clf.C_[0]),
            "features": int(X.shape[1])}


def summarize(a, meta):
    runs = [json.loads(l) for l in open(os.path.join(a.work, "runs.jsonl"))] if os.path.exists(
        os.path.join(a.work, "runs.jsonl")) else []
    summary = {}
    for m in ("bert", "tfidf"):
        summary[m] = []
        for size in SIZES:
            rs = [r for r in runs if r["method"] == m and r["size"] == size]
            if not rs:
                continue
            accs = [r["accuracy"] for r in rs]
            summary[m].append({"size": size, "n": rs[0]["n"], "seeds": [r["seed"] for r in rs],
                               "mean": round(float(np.mean(accs)), 5), "min": min(accs), "max": max(accs),
                               "train_seconds_mean": round(float(np.mean([r["train_seconds"] for r in rs])), 1)})
    full = dict(meta, runs=runs, summary=summary)
    os.makedirs(os.path.join(ROOT, "research/results"), exist_ok=True)
    with open(os.path.join(ROOT, "research/results/learning-curve.json"), "w") as f:
        json.dump(full, f, indent=1, ensure_ascii=False)
        f.write("\n")
    refs_path = os.path.join(ROOT, "research/results/learning-curve-refs.json")
    refs = json.load(open(refs_path)) if os.path.exists(refs_path) else {}
    compact = {
        "what": "NSMC test accuracy against the number of training reviews; every point scored on the same 2,000 "
                "test reviews. mean/min/max over the seeds (3 seeds for N <= 5,000, 1 above). Full record: "
                "research/results/learning-curve.json (research/learning_curve.py).",
        "evalSet": {"n": EVAL_N, "idsSha256": meta["eval_set"]["ids_sha256"]},
        "trainSetSize": meta["train_set_size"],
        "methods": {
            "bert": {"label": "BERT-mini fine-tune (ours, 6.3M params)",
                     "recipe": "batch 32, maxLen 64, lr 2e-4, warm-up 10%, 2 epochs (1 epoch for N >= 50,000)",
                     "points": [{k: p[k] for k in ("n", "mean", "min", "max", "seeds")} for p in summary.get("bert", [])]},
            "tfidf": {"label": "TF-IDF char 1-4-gram + logistic regression",
                      "recipe": "char 1-4-grams (analyzer 'char', min_df 2, sublinear tf), C by 3-fold CV on the subset",
                      "points": [{k: p[k] for k in ("n", "mean", "min", "max", "seeds")} for p in summary.get("tfidf", [])]},
        },
        "references": refs.get("references", []),
    }
    with open(os.path.join(ROOT, "public/data/learning-curve.json"), "w") as f:
        json.dump(compact, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return summary


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default=".cache/lc-corpus")
    p.add_argument("--work", default=".cache/learning-curve")
    p.add_argument("--train", default=os.path.join(ROOT, "../shared/nsmc/ratings_train.txt"))
    p.add_argument("--test", default=os.path.join(ROOT, "../shared/nsmc/ratings_test.txt"))
    p.add_argument("--methods", default="tfidf,bert")
    p.add_argument("--sizes", default=None, help="comma-separated subset of SIZES (e.g. all), to run points in parallel")
    p.add_argument("--summarize", action="store_true")
    p.add_argument("--refs", action="store_true", help="only score the shipped classifier and write the reference lines")
    a = p.parse_args()
    os.chdir(ROOT)
    os.makedirs(a.work, exist_ok=True)

    tr_ids, tr_texts, tr_y = read_nsmc(a.train)
    te_ids, te_texts, te_y = read_nsmc(a.test)
    # The encoded corpus must hold the same rows in the same order: check the labels byte for byte.
    assert np.array_equal(np.fromfile(os.path.join(a.corpus, "nsmc_train.labels"), dtype=np.uint8), tr_y), "train misaligned"
    assert np.array_equal(np.fromfile(os.path.join(a.corpus, "nsmc_test.labels"), dtype=np.uint8), te_y), "test misaligned"
    n_train = len(tr_ids)

    te_ix = np.sort(np.random.default_rng(EVAL_SEED).choice(len(te_ids), EVAL_N, replace=False))
    ids_text = "".join(te_ids[i] + "\n" for i in te_ix)
    ids_sha = hashlib.sha256(ids_text.encode()).hexdigest()
    with open(os.path.join(ROOT, "research/results/learning-curve-eval-ids.txt"), "w") as f:
        f.write(ids_text)
    te_path = os.path.join(a.work, "test_indices.txt")
    write_indices(te_path, te_ix)
    with open(os.path.join(a.work, "eval-2000.tsv"), "w", encoding="utf-8") as f:  # for scripts/evaluate.ts
        f.write("id\tdocument\tlabel\n" + "".join(f"{te_ids[i]}\t{te_texts[i]}\t{te_y[i]}\n" for i in te_ix))
    ev_texts, ev_y = [te_texts[i] for i in te_ix], te_y[te_ix]

    meta_path = os.path.join(a.work, "meta.json")
    if not os.path.exists(meta_path):
        json.dump({"git_commit": git_head(), "started": datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z"},
                  open(meta_path, "w"))
    m0 = json.load(open(meta_path))
    meta = {
        "script": "research/learning_curve.py",
        "git_commit": m0["git_commit"], "date": m0["started"],
        "machine": "2 CPU cores (shared with other jobs), no GPU; Debian python3-torch "
                   + __import__("torch").__version__ + ", sklearn " + __import__("sklearn").__version__,
        "timing_note": "train_seconds are wall seconds on a machine shared with other agents' jobs (load average 4-14 "
                       "on 2 cores during the run), so they vary by 3x between equal runs: a cost indication, not a "
                       "speed benchmark. BERT's train_seconds exclude loading and scoring; TF-IDF's include "
                       "vectorizing and the C search.",
        "run_note": "this record: started 2026-12-06 11:22 UTC; the BERT 'all' point ran in a second process "
                    "(--methods bert --sizes all) beside the rest from 11:49, and TF-IDF 'all' in a third after BERT 50,000; "
                    "all done at 12:40 UTC (78 min of wall time, on a machine with load average 4-14 on 2 cores).",
        "train_set": {"file": "ratings_train.txt", "rows_in_file": 150000, "size": n_train,
                      "note": "rows lib/data/nsmc.ts keeps (8 with an empty document skipped)"},
        "train_set_size": n_train,
        "eval_set": {"file": "ratings_test.txt", "n": EVAL_N, "seed": EVAL_SEED,
                     "selection": f"np.sort(np.random.default_rng({EVAL_SEED}).choice(49999, 2000, replace=False)) over "
                                  "the 49,999 parsed test rows",
                     "ids_sha256": ids_sha,
                     "hash_of": "SHA-256 of the 2,000 NSMC ids (first column) in file order, each followed by '\\n' "
                                "(= sha256sum research/results/learning-curve-eval-ids.txt)",
                     "positives": int(ev_y.sum())},
        "subsets": "seed s: np.random.default_rng(s).permutation(149992)[:N] over the parsed train rows; 'all' = every row",
        "seeds": {"n_le_5000": SEEDS_SMALL, "n_gt_5000": SEEDS_LARGE},
        "sizes": SIZES,
        "recipes": {"bert": RECIPE_BERT, "tfidf": RECIPE_TFIDF},
    }
    if a.refs:
        print(json.dumps(shipped_reference(a, os.path.join(a.work, "eval-2000.tsv"))))
        return
    if a.summarize:
        print(json.dumps(summarize(a, meta), indent=1))
        return

    runs_path = os.path.join(a.work, "runs.jsonl")
    done = set()
    if os.path.exists(runs_path):
        for l in open(runs_path):
            r = json.loads(l)
            done.add((r["method"], r["size"], r["seed"]))
    t_all = time.time()
    sizes = SIZES if not a.sizes else [s if s == "all" else int(s) for s in a.sizes.split(",")]
    for size in sizes:
        seeds = SEEDS_SMALL if size != "all" and size <= 5000 else SEEDS_LARGE
        for seed in seeds:
            tr_ix = subset(seed, size, n_train)
            for method in a.methods.split(","):
                if (method, size, seed) in done:
                    continue
                t0 = time.time()
                if method == "bert":
                    r = run_bert(a, size, seed, tr_ix, te_path, ev_y)
                else:
                    r = run_tfidf(tr_texts, tr_y, tr_ix, ev_texts, ev_y)
                r = dict(method=method, size=size, seed=seed, n=int(len(tr_ix)), **r)
                with open(runs_path, "a") as f:
                    f.write(json.dumps(r) + "\n")
                print(f"[{time.time() - t_all:7.0f}s] {json.dumps(r)}", flush=True)
                summarize(a, meta)
    print(f"done in {time.time() - t_all:.0f}s", flush=True)
    summarize(a, meta)


if __name__ == "__main__":
    main()
