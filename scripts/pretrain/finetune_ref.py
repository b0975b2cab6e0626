"""Reference fine-tune in PyTorch: the recipe the browser uses, run fast, to check it and to build the shipped classifier.

    python3 scripts/pretrain/finetune_ref.py --init .cache/pretrain/mlm --out .cache/finetune/mlm \
        [--epochs 2 --lr 1e-4 --batch 32 --max-len 128 --limit-train N --limit-test N]

Reads the labelled reviews that `npm run encode-corpus` wrote (.cache/corpus/nsmc_{train,test}.{bin,labels}).
Loss is softmax cross-entropy over 2 logits; predictions are argmax over the class axis.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from threads import pin_from_argv  # noqa: E402

pin_from_argv()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from bert import BertConfig, BertForSequenceClassification  # noqa: E402
from corpus import framed, labelled, pad_batch  # noqa: E402
from pyprogress import bar as progress_bar  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--init", required=True, help="pretraining run folder (ckpt.pt + config.json), or with "
                   "--init-exported an exported model folder (weights.json), e.g. public/models/encoder")
    p.add_argument("--init-exported", action="store_true",
                   help="start from exported weights: the exact (float16) encoder the TypeScript fine-tune loads")
    p.add_argument("--encoder-prefix", default="bert.", help="'bert.' for MLM and ELECTRA discriminators")
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--out", required=True)
    p.add_argument("--epochs", type=float, default=2.0)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-len", type=int, default=128)
    p.add_argument("--warmup-frac", type=float, default=0.06)
    p.add_argument("--limit-train", type=int, default=None)
    p.add_argument("--limit-test", type=int, default=None)
    p.add_argument("--train-indices", default=None, help="train only on these reviews of nsmc_train (a file of "
                   "0-based indices, whitespace-separated; taken in that order, before --limit-train)")
    p.add_argument("--test-indices", default=None, help="score only these reviews of nsmc_test (same format, "
                   "before --limit-test); test_probs.npy follows that order")
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--val", type=int, default=0, help="hold out the last N train reviews as a validation set")
    p.add_argument("--init-classifier", default=None, help="start from a fine-tuned classifier (whole model): a "
                   "classifier.pt, or an exported folder such as public/models/classifier; comma-separated ones "
                   "are averaged")
    p.add_argument("--pseudo", default=None, help="teacher P(positive) per unlabeled review (.npy, aligned with "
                   "unlabeled.bin): those reviews join training with soft targets (distillation)")
    p.add_argument("--pseudo-limit", type=int, default=None, help="use only the first N unlabeled reviews")
    p.add_argument("--pseudo-skip", type=int, default=0, help="skip the first N unlabeled reviews (before the limit)")
    p.add_argument("--predict-unlabeled", action="store_true",
                   help="after training, write P(positive) for every unlabeled review to OUT/unlabeled_probs.npy")
    return p.parse_args(argv)


def read_indices(path: str) -> np.ndarray:
    """0-based review indices from a text file (whitespace-separated), as int64."""
    return np.array(open(path).read().split(), dtype=np.int64)


def bucketed(lengths: np.ndarray, batch: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffle, sort by length inside chunks of 50 batches, then shuffle the batches: little padding, still random."""
    idx = rng.permutation(len(lengths))
    chunk = batch * 50
    out = []
    for s in range(0, len(idx), chunk):
        c = idx[s:s + chunk]
        c = c[np.argsort(lengths[c], kind="stable")]
        out.extend(c[i:i + batch] for i in range(0, len(c), batch))
    rng.shuffle(out)
    return out


@torch.no_grad()
def predict_proba(model, seqs, batch=256, label="predict"):
    """P(positive) per review, in length order so that batches carry little padding."""
    model.eval()
    order = np.argsort([len(s) for s in seqs])
    probs = np.zeros(len(seqs), dtype=np.float32)
    bar = progress_bar(len(seqs), desc=label, unit="review", disable=len(seqs) <= 20000)
    for s in range(0, len(order), batch):
        ix = order[s:s + batch]
        ids, mask = pad_batch([seqs[i] for i in ix])
        logits, _ = model(ids, mask)
        probs[ix] = logits.softmax(-1)[:, 1].numpy()  # softmax over the class axis, not the batch axis
        bar.update(len(ix))
    bar.close()
    model.train()
    return probs


def evaluate(model, seqs, labels, batch=256):
    probs = predict_proba(model, seqs, batch)
    preds = (probs > 0.5).astype(np.int64)
    return float((preds == labels).mean()), probs


def load_encoder(model, init_dir, prefix, exported=False):
    if exported:
        from parity import read_weights
        ck = {"model": read_weights(init_dir), "state": {}}
    else:
        import shards
        ck = shards.load(os.path.join(init_dir, "ckpt.pt"))  # one file, or the GPU run's ckpt.pt.000, .001, ...
    sd = {"bert." + k[len(prefix):]: v for k, v in ck["model"].items() if k.startswith(prefix)}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    print(f"loaded {len(sd)} tensors from {init_dir}; newly initialised: {missing}", file=sys.stderr)
    assert not unexpected, unexpected
    return ck["state"]


def load_classifier(spec: str) -> dict:
    """A whole-model state dict from a classifier.pt or an exported folder (the float16 weights `npm run evaluate`
    scores). Several, comma-separated, are averaged weight by weight: a "model soup" of fine-tunes that share an init."""
    sds = []
    for path in spec.split(","):
        if os.path.isdir(path):
            from parity import read_weights
            sds.append(read_weights(path))
        else:
            sds.append(torch.load(path, map_location="cpu"))
    return {k: sum(sd[k] for sd in sds) / len(sds) for k in sds[0]}


def main(argv=None):
    a = parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out, exist_ok=True)
    cfg = BertConfig.from_dict(json.load(open(os.path.join(a.init, "config.json"))))
    cfg.hidden_dropout_prob = cfg.attention_probs_dropout_prob = a.dropout
    model = BertForSequenceClassification(cfg)
    pre_state = load_encoder(model, a.init, a.encoder_prefix, a.init_exported)
    if a.init_classifier:
        model.load_state_dict(load_classifier(a.init_classifier))
        print(f"continued from {a.init_classifier}", file=sys.stderr)

    tr_x, tr_y = labelled(os.path.join(a.corpus, "nsmc_train.bin"), os.path.join(a.corpus, "nsmc_train.labels"), a.max_len)
    te_x, te_y = labelled(os.path.join(a.corpus, "nsmc_test.bin"), os.path.join(a.corpus, "nsmc_test.labels"), a.max_len)
    if a.train_indices:
        ix = read_indices(a.train_indices)
        tr_x, tr_y = [tr_x[i] for i in ix], tr_y[ix]
    if a.test_indices:
        ix = read_indices(a.test_indices)
        te_x, te_y = [te_x[i] for i in ix], te_y[ix]
    if a.limit_train:
        tr_x, tr_y = tr_x[: a.limit_train], tr_y[: a.limit_train]
    if a.limit_test:
        te_x, te_y = te_x[: a.limit_test], te_y[: a.limit_test]
    va_x, va_y = [], np.zeros(0, dtype=np.int64)
    if a.val:
        va_x, va_y = tr_x[-a.val:], tr_y[-a.val:]
        tr_x, tr_y = tr_x[: -a.val], tr_y[: -a.val]
    n_gold = len(tr_x)
    targets = tr_y.astype(np.float32)  # P(positive): 0/1 for gold labels, the teacher's soft value for pseudo
    if a.pseudo:
        un_x = framed(os.path.join(a.corpus, "unlabeled.bin"), a.max_len)
        un_p = np.load(a.pseudo).astype(np.float32)
        assert len(un_p) == len(un_x), f"{len(un_p)} teacher probabilities for {len(un_x)} unlabeled reviews"
        un_x, un_p = un_x[a.pseudo_skip:], un_p[a.pseudo_skip:]
        if a.pseudo_limit:
            un_x, un_p = un_x[: a.pseudo_limit], un_p[: a.pseudo_limit]
        tr_x = list(tr_x) + un_x
        targets = np.concatenate([targets, un_p])
    lengths = np.array([len(s) for s in tr_x])
    steps_per_epoch = (len(tr_x) + a.batch - 1) // a.batch
    total = int(steps_per_epoch * a.epochs)
    warm = max(1, int(total * a.warmup_frac))
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "LayerNorm" in n else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr, eps=1e-6)
    print(f"train {len(tr_x):,} ({n_gold:,} gold)  val {len(va_x):,}  test {len(te_x):,}  steps {total}", file=sys.stderr)
    bar = progress_bar(total, desc="finetune")
    step, t0, hist, run_loss, run_acc = 0, time.time(), [], 0.0, 0.0
    while step < total:
        for ix in bucketed(lengths, a.batch, rng):
            if step >= total:
                break
            lr = a.lr * min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm)))
            for g in opt.param_groups:
                g["lr"] = lr
            ids, mask = pad_batch([tr_x[i] for i in ix])
            t = torch.from_numpy(targets[ix])
            logits, _ = model(ids, mask)
            logp = logits.log_softmax(-1)  # [B, 2]; soft-target cross-entropy (equals CE for 0/1 targets)
            loss = -(t * logp[:, 1] + (1 - t) * logp[:, 0]).mean()
            y = (t > 0.5).long()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            run_loss = 0.98 * run_loss + 0.02 * loss.item() if step > 1 else loss.item()
            run_acc = 0.98 * run_acc + 0.02 * (logits.argmax(-1) == y).float().mean().item() if step > 1 else 0.5
            if step % 50 == 0:
                hist.append({"step": step, "loss": round(run_loss, 4), "acc": round(run_acc, 4)})
            bar.set_postfix_str(f"loss {run_loss:.3f} acc {run_acc:.3f}", refresh=False)
            bar.update(1)
    bar.close()
    train_wall = time.time() - t0
    acc, te_p = evaluate(model, te_x, te_y)
    np.save(os.path.join(a.out, "test_probs.npy"), te_p)
    val_acc = None
    if a.val:
        val_acc, va_p = evaluate(model, va_x, va_y)
        np.save(os.path.join(a.out, "val_probs.npy"), va_p)
    result = {"accuracy": round(acc, 5), "val_accuracy": val_acc, "n_test": len(te_x), "n_train": len(tr_x),
              "n_gold": n_gold, "pseudo": a.pseudo, "pseudo_skip": a.pseudo_skip, "init_classifier": a.init_classifier, "epochs": a.epochs, "lr": a.lr,
              "batch": a.batch, "train_wall_s": round(train_wall, 1), "pretrain_step": pre_state.get("step"),
              "pretrain_tokens": pre_state.get("tokens"), "history": hist}
    torch.save(model.state_dict(), os.path.join(a.out, "classifier.pt"))
    json.dump(cfg.to_dict(), open(os.path.join(a.out, "config.json"), "w"), indent=2)
    json.dump(result, open(os.path.join(a.out, "result.json"), "w"), indent=2)
    print(json.dumps({k: v for k, v in result.items() if k != "history"}), flush=True)
    if a.predict_unlabeled:
        un_x = framed(os.path.join(a.corpus, "unlabeled.bin"), a.max_len)
        np.save(os.path.join(a.out, "unlabeled_probs.npy"), predict_proba(model, un_x, label="unlabeled"))


if __name__ == "__main__":
    main()
