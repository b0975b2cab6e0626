"""Pretrain our Korean encoder on the review corpus: masked-LM (BERT) or replaced-token detection (ELECTRA).

Resumable: a checkpoint is written atomically every few minutes and `--resume` continues it (model, optimizer,
step, data position and RNG state), so a run longer than one 180-minute session goes on in the next one.

    npm run pretrain -- --objective mlm --out .cache/pretrain/mlm --minutes 150
    npm run pretrain -- --out .cache/pretrain/mlm --resume --minutes 150

Reads the token ids that `npm run encode-corpus` wrote (the TypeScript tokenizer is the only tokenizer).
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

from bert import PRESETS, BertConfig, BertForMaskedLM, BertModel, DiscriminatorHead  # noqa: E402
from corpus import PAD, mask_tokens, pack, read_reviews  # noqa: E402
from progress import Progress  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--objective", choices=["mlm", "electra"], default="mlm")
    p.add_argument("--preset", default="mini", choices=sorted(PRESETS))
    p.add_argument("--vocab", default="public/models/vocab.txt")
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--out", required=True)
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--warmup", type=int, default=500)
    p.add_argument("--total-steps", type=int, default=10000, help="length of the LR schedule")
    p.add_argument("--minutes", type=float, default=1e9, help="stop (with a checkpoint) after this wall time")
    p.add_argument("--max-steps", type=int, default=None, help="stop after this step")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--gen-preset", default="gen", help="ELECTRA generator size")
    p.add_argument("--disc-weight", type=float, default=50.0, help="ELECTRA's lambda")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--anneal-to", type=int, default=None,
                   help="with --resume: end the run sooner, decaying the LR linearly from where it is now to 0 at "
                        "this step (a session's worth of compute left, not the whole schedule)")
    return p.parse_args(argv)


GEN = dict(hidden_size=128, num_hidden_layers=2, num_attention_heads=2, intermediate_size=512)


class Electra(torch.nn.Module):
    """A small MLM generator fills the masks; the discriminator (our shipped encoder) tells real from replaced.

    Embeddings are not shared between the two, so each is a plain BERT the browser can load as it is.
    """

    def __init__(self, disc_cfg: BertConfig, gen_cfg: BertConfig):
        super().__init__()
        self.generator = BertForMaskedLM(gen_cfg)
        self.bert = BertModel(disc_cfg, with_pooler=False)
        self.discriminator_predictions = DiscriminatorHead(disc_cfg)


def vocab_size_of(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        return len(f.read().rstrip("\n").split("\n"))  # one token per line, line number = id


def lr_at(step: int, a, anneal=None) -> float:
    if anneal and step >= anneal["from_step"]:  # a shortened schedule: straight down from the LR it had
        return anneal["from_lr"] * max(0.0, (anneal["to"] - step) / max(1, anneal["to"] - anneal["from_step"]))
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    return a.lr * max(0.0, (a.total_steps - step) / max(1, a.total_steps - a.warmup))


def build(a, V):
    cfg = BertConfig(vocab_size=V, max_position_embeddings=max(128, a.seq_len), **PRESETS[a.preset])
    if a.objective == "mlm":
        return BertForMaskedLM(cfg), cfg, None
    gcfg = BertConfig(vocab_size=V, max_position_embeddings=cfg.max_position_embeddings, **GEN)
    return Electra(cfg, gcfg), cfg, gcfg


def make_optimizer(model, lr):
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "LayerNorm" in n else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=lr, betas=(0.9, 0.999), eps=1e-6)


def mlm_step(model, x, gen):
    inp, pos, tgt = mask_tokens(x, model.bert.config.vocab_size, gen)
    hidden, _, _ = model.bert(inp, (x != PAD).long())
    logits = model.logits_at(hidden, pos)  # [N, V]
    loss = F.cross_entropy(logits, tgt)
    acc = (logits.argmax(-1) == tgt).float().mean().item()
    return loss, {"mlm_loss": loss.item(), "mlm_acc": acc}


def electra_step(model, x, gen, a):
    attn = (x != PAD).long()
    inp, pos, tgt = mask_tokens(x, model.bert.config.vocab_size, gen)
    ghidden, _, _ = model.generator.bert(inp, attn)
    glogits = model.generator.logits_at(ghidden, pos)  # [N, V]
    gloss = F.cross_entropy(glogits, tgt)
    with torch.no_grad():  # sample replacements from the generator (no gradient through sampling)
        u = torch.rand(glogits.shape, generator=gen).clamp_(1e-9, 1.0)
        sampled = (glogits.float() - torch.log(-torch.log(u))).argmax(-1)  # Gumbel-max
    corrupted = x.clone().flatten()
    corrupted[pos] = sampled
    corrupted = corrupted.view_as(x)
    is_replaced = (corrupted != x).float()  # a sample equal to the original counts as real, as in ELECTRA
    dhidden, _, _ = model.bert(corrupted, attn)
    dlogits = model.discriminator_predictions(dhidden)  # [B, T]
    real = attn.bool()
    dloss = F.binary_cross_entropy_with_logits(dlogits[real], is_replaced[real])
    dacc = ((dlogits[real] > 0).float() == is_replaced[real]).float().mean().item()
    gacc = (glogits.argmax(-1) == tgt).float().mean().item()
    loss = gloss + a.disc_weight * dloss
    return loss, {"mlm_loss": gloss.item(), "mlm_acc": gacc, "disc_loss": dloss.item(), "disc_acc": dacc}


def save_ckpt(path, model, opt, state):
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": state}, tmp)
    os.replace(tmp, path)  # atomic: a kill mid-write never leaves a broken checkpoint


def main(argv=None):
    a = parse_args(argv)
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    ckpt_path = os.path.join(a.out, "ckpt.pt")
    args_path = os.path.join(a.out, "args.json")
    if a.resume:
        if not os.path.exists(ckpt_path):
            sys.exit(f"--resume: no checkpoint at {ckpt_path}")
        saved = json.load(open(args_path))
        # The run's identity comes from the first invocation; only the stopping rules may change.
        for k in ("minutes", "max_steps", "threads", "ckpt_minutes", "resume", "total_steps", "anneal_to"):
            saved.pop(k, None)
        vars(a).update({k: v for k, v in saved.items()})
    V = vocab_size_of(a.vocab)
    torch.manual_seed(a.seed)
    model, cfg, gcfg = build(a, V)
    opt = make_optimizer(model, a.lr)
    state = {"step": 0, "epoch": 0, "cursor": 0, "tokens": 0, "wall": 0.0, "total_steps": a.total_steps}
    gen = torch.Generator().manual_seed(a.seed)
    if a.resume:
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        state = ck["state"]
        gen.set_state(ck["state"]["rng"])
        a.total_steps = state["total_steps"]
        if a.anneal_to is not None:
            if a.anneal_to <= state["step"] or a.anneal_to > a.total_steps:
                sys.exit(f"--anneal-to {a.anneal_to}: must lie after step {state['step']} and by {a.total_steps}")
            state["anneal"] = {"from_step": state["step"], "from_lr": lr_at(state["step"], a, state.get("anneal")),
                               "to": a.anneal_to}
            state["total_steps"] = a.total_steps = a.anneal_to
            saved_args = json.load(open(args_path))
            saved_args.setdefault("surgery", []).append({"step": state["step"], "what": "LR schedule shortened",
                                                         **state["anneal"]})
            json.dump(saved_args, open(args_path, "w"), indent=2)
        print(f"resumed at step {state['step']} ({state['tokens']:,} tokens, {state['wall'] / 60:.1f} min)", file=sys.stderr)
    else:
        json.dump(vars(a), open(args_path, "w"), indent=2)
        json.dump(cfg.to_dict(), open(os.path.join(a.out, "config.json"), "w"), indent=2)
        if gcfg:
            json.dump(gcfg.to_dict(), open(os.path.join(a.out, "generator_config.json"), "w"), indent=2)

    reviews = read_reviews(os.path.join(a.corpus, "unlabeled.bin")) + read_reviews(os.path.join(a.corpus, "train.bin"))
    assert max(int(r.max()) for r in reviews if len(r)) < V, "corpus ids exceed the vocabulary: re-run encode-corpus"
    data = pack(reviews, a.seq_len, a.seed + state["epoch"])
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{a.objective} {a.preset}: {n_params:,} params, {len(reviews):,} reviews -> {len(data):,} sequences of "
          f"{a.seq_len}, {(data != PAD).mean():.1%} real tokens", file=sys.stderr)

    log = open(os.path.join(a.out, "log.jsonl"), "a")
    model.train()
    t0, last_ckpt = time.time(), time.time()
    wall0 = state["wall"]
    end_step = min(a.total_steps, a.max_steps or a.total_steps)
    bar = Progress(end_step, start=state["step"], label=a.objective)
    while state["step"] < end_step and (time.time() - t0) / 60 < a.minutes:
        if state["cursor"] + a.batch > len(data):  # next epoch: a new packing order
            state["epoch"] += 1
            state["cursor"] = 0
            data = pack(reviews, a.seq_len, a.seed + state["epoch"])
        x = torch.from_numpy(data[state["cursor"]:state["cursor"] + a.batch].astype(np.int64))
        state["cursor"] += a.batch
        for g in opt.param_groups:
            g["lr"] = lr_at(state["step"], a, state.get("anneal"))
        loss, m = mlm_step(model, x, gen) if a.objective == "mlm" else electra_step(model, x, gen, a)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gnorm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item()
        opt.step()
        state["step"] += 1
        state["tokens"] += int((x != PAD).sum())
        state["wall"] = wall0 + time.time() - t0
        m.update(step=state["step"], lr=opt.param_groups[0]["lr"], gnorm=round(gnorm, 4), tokens=state["tokens"],
                 wall=round(state["wall"], 1), epoch=state["epoch"])
        log.write(json.dumps(m) + "\n")
        bar.update(state["step"], f"loss {m['mlm_loss']:.3f} acc {m['mlm_acc']:.3f}"
                   + (f" disc {m['disc_acc']:.3f}" if "disc_acc" in m else "")
                   + f" {state['tokens'] / max(1e-9, state['wall']):,.0f} tok/s")
        if time.time() - last_ckpt > a.ckpt_minutes * 60:
            log.flush()
            state["rng"] = gen.get_state()
            save_ckpt(ckpt_path, model, opt, state)
            last_ckpt = time.time()
    log.flush()
    state["rng"] = gen.get_state()
    save_ckpt(ckpt_path, model, opt, state)
    bar.done()
    print(json.dumps({"step": state["step"], "tokens": state["tokens"], "wall_min": round(state["wall"] / 60, 1)}))


if __name__ == "__main__":
    main()
