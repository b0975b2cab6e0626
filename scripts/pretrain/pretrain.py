"""Pretrain our Korean encoder with masked-LM, on one process or many (PyTorch DDP under torchrun).

    npm run pretrain -- --config models/recipe.json:pretrain --corpus .cache/corpus --out .cache/pretrain/mlm --minutes 150
    npm run pretrain -- --out .cache/pretrain/mlm --resume --minutes 150          # continue, any number of times
    GLOO_SOCKET_IFNAME=lo torchrun --master_addr 127.0.0.1 --master_port 29511 --nproc_per_node 2 \
        scripts/pretrain/pretrain.py --config ... --threads 1   # DDP, 2 ranks, all on loopback (tests/pretrain)

Reads the token ids that `npm run encode-corpus` wrote (the TypeScript tokenizer is the only tokenizer).

- Resume is exact: the checkpoint holds the weights, AdamW's float32 moments, the step, the data position (epoch
  and cursor) and every RNG (rng.py). N steps straight and N/2 + resume + N/2 end bit-identical on CPU
  (tests/pretrain/test_resume.py).
- With K ranks each reads its own rows of every global batch (packed.py). `--batch` is the global batch, so the
  LR schedule, the data order, the masks and the tokens seen are the same for any K, and a resume may change K.
  Rank 0 writes the checkpoints and the log.
- A run's identity (model, data, recipe) comes from its first start and is kept in <out>/args.json; a resume may
  change only how it runs: --minutes, --max-steps, --threads, checkpointing, device and precision.
"""
from __future__ import annotations

import argparse
import contextlib
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

import ddp  # noqa: E402
import rng  # noqa: E402
import shards  # noqa: E402
import surgery  # noqa: E402
from bert import PRESETS, BertConfig, BertForMaskedLM  # noqa: E402
from corpus import PAD, mask_rows  # noqa: E402
from packed import Packed  # noqa: E402
from pyprogress import bar  # noqa: E402
from schedule import budget_progress, lr_at  # noqa: E402

# What a resume may change; everything else is the run's identity, read back from args.json.
RUNTIME = ("minutes", "max_steps", "threads", "ckpt_minutes", "ckpt_every", "resume", "device", "bf16", "compile",
           "shard_mib", "log_every", "config", "out", "corpus")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", help="a JSON file, or file.json:section, whose keys (these flags' names with _) "
                   "set the defaults; flags given on the command line win")
    p.add_argument("--preset", default="mini", choices=sorted(PRESETS))
    p.add_argument("--vocab", default="public/models/vocab.txt")
    p.add_argument("--corpus", default=".cache/corpus", help="folder with unlabeled.bin and train.bin")
    p.add_argument("--out", required=True)
    p.add_argument("--max-reviews", type=int, default=None, help="use only the first N reviews (tiny builds, tests)")
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--batch", type=int, default=32, help="global batch (sequences per step over all ranks)")
    p.add_argument("--lr", type=float, default=5e-4, help="peak learning rate")
    p.add_argument("--warmup", type=int, default=500)
    p.add_argument("--total-steps", type=int, default=10000, help="length of the LR schedule")
    p.add_argument("--decay", choices=["linear", "cosine"], default="linear", help="after warm-up, down to 0")
    p.add_argument("--budget-minutes", type=float, default=None,
                   help="schedule by wall time (Cramming): warm-up and decay span this many minutes, then stop; "
                        "for equal-time comparisons (not bit-exact on resume)")
    p.add_argument("--mask-prob", type=float, default=0.15)
    p.add_argument("--dropout", type=float, default=0.1, help="during pretraining (the exported config keeps 0.1)")
    p.add_argument("--clip", type=float, default=1.0, help="global gradient-norm clipping")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--decay-positions", type=int, choices=[0, 1], default=1,
                   help="weight decay on the position embeddings (1 as in BERT; it shrank ours into a plateau)")
    p.add_argument("--position-init", choices=["normal", "sinusoidal"], default="normal",
                   help="sinusoidal: start the learned position embeddings as scaled sinusoids (surgery.py)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--minutes", type=float, default=1e9, help="stop (with a checkpoint) after this wall time")
    p.add_argument("--max-steps", type=int, default=None, help="stop (with a checkpoint) after this step")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--ckpt-every", type=int, default=None, help="also checkpoint every N steps")
    p.add_argument("--shard-mib", type=float, default=None, help="write the checkpoint as shards of this size")
    p.add_argument("--threads", type=int, default=2, help="CPU threads per rank")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    p.add_argument("--bf16", choices=["auto", "on", "off"], default="auto", help="bf16 autocast (auto: on CUDA)")
    p.add_argument("--compile", choices=["auto", "on", "off"], default="off",
                   help="torch.compile; auto times a few steps both ways on a copy of the model and keeps the faster")
    p.add_argument("--log-every", type=int, default=1)
    p.add_argument("--resume", action="store_true")
    return p


def parse_args(argv=None):
    p = parser()
    pre, _ = p.parse_known_args(argv)
    if pre.config:
        path, _, section = pre.config.partition(":")
        cfg = json.load(open(path))
        for key in section.split(".") if section else []:
            cfg = cfg[key]
        known = {a.dest for a in p._actions}
        extra = {k: v for k, v in cfg.items() if k not in known and k not in ("surgery", "comment")}
        if extra:
            p.error(f"{pre.config}: unknown keys {sorted(extra)}")
        p.set_defaults(**{k: v for k, v in cfg.items() if k in known})
        surg = cfg.get("surgery", [])
    else:
        surg = []
    a = p.parse_args(argv)
    a.surgery = surg
    return a


def vocab_size_of(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        return len(f.read().rstrip("\n").split("\n"))  # one token per line, line number = id


def make_optimizer(model, a, fused=False):
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        skip = p.ndim < 2 or "LayerNorm" in n or (not a.decay_positions and "position_embeddings" in n)
        (no_decay if skip else decay).append(p)
    kw = {"fused": True} if fused else {}
    return torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.999), eps=1e-6, **kw)


def mlm_loss(model, net, x, lo, B, V, gen, p, world, autocast):
    """Cross-entropy over the global batch's masked tokens, computed from this rank's rows.

    The sum of this rank's losses is divided by the global count of masked tokens and multiplied by K, because
    DDP averages gradients over ranks: the gradient is then exactly K=1's, whatever the split.
    """
    inp, pos, tgt = mask_rows(x, lo, (B, x.shape[1]), V, gen, p)  # [b, T], [N], [N]
    inp, pos, tgt = inp.to(world.device), pos.to(world.device), tgt.to(world.device)
    with autocast():
        hidden = net(inp, (inp != PAD).long())  # [b, T, H]
        logits = model.logits_at(hidden, pos)  # [N, V]
    ce = F.cross_entropy(logits.float(), tgt, reduction="sum")
    hits = (logits.argmax(-1) == tgt).sum()
    n_all, = world.sum(float(len(tgt)))
    return ce / max(1.0, n_all) * world.size, ce.detach(), hits, n_all


class Encoder(torch.nn.Module):
    """The module DDP wraps: the encoder's forward (the MLM head runs on its output, inside the same graph)."""

    def __init__(self, mlm):
        super().__init__()
        self.mlm = mlm

    def forward(self, ids, attn):
        return self.mlm.bert(ids, attn)[0]


def pick_compile(a, model, world, x, V, autocast):
    """The module to train: Encoder(model), compiled when --compile on, or when --compile auto and a probe of a few
    fwd+bwd passes (after the compiled one's warm-up) finds it at least 5% faster. The probe's gradients are
    dropped by the first step's zero_grad; its masks come from a generator of its own."""
    eager_net = Encoder(model)
    if a.compile == "off" or not hasattr(torch, "compile"):
        return eager_net
    compiled = torch.compile(eager_net)
    if a.compile == "on":
        return compiled
    g = torch.Generator().manual_seed(0)
    sync = torch.cuda.synchronize if world.device.type == "cuda" else (lambda: None)

    def per_step(net, n):
        sync()
        t = time.time()
        for _ in range(n):
            inp, pos, tgt = mask_rows(x, 0, tuple(x.shape), V, g, a.mask_prob)
            inp, pos, tgt = inp.to(world.device), pos.to(world.device), tgt.to(world.device)
            with autocast():
                loss = F.cross_entropy(model.logits_at(net(inp, (inp != PAD).long()), pos).float(), tgt)
            loss.backward()
        sync()
        return (time.time() - t) / n

    per_step(eager_net, 3)  # warm-up: allocator, kernels
    eager = per_step(eager_net, 10)
    t0 = time.time()
    per_step(compiled, 3)
    warm = time.time() - t0
    comp = per_step(compiled, 10)
    use = comp < eager * 0.95
    if world.main:
        print(f"compile probe: eager {eager * 1e3:.1f} ms/step, compiled {comp * 1e3:.1f} ms/step "
              f"(compile {warm:.0f} s) -> {'compiled' if use else 'eager'}", file=sys.stderr)
    return compiled if use else eager_net


def main(argv=None):
    a = parse_args(argv)
    torch.set_num_threads(a.threads)
    world = ddp.setup(a.device)
    os.makedirs(a.out, exist_ok=True)
    ckpt_path = os.path.join(a.out, "ckpt.pt")
    args_path = os.path.join(a.out, "args.json")
    if a.resume:
        if not shards.exists(ckpt_path):
            sys.exit(f"--resume: no checkpoint at {ckpt_path}")
        saved = json.load(open(args_path))
        vars(a).update({k: v for k, v in saved.items() if k not in RUNTIME})
    if a.batch % world.size:
        sys.exit(f"--batch {a.batch} (global) must divide by the {world.size} ranks")
    V = vocab_size_of(a.vocab)
    cuda = world.device.type == "cuda"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    bf16 = a.bf16 == "on" or (a.bf16 == "auto" and cuda)
    autocast = (lambda: torch.autocast(world.device.type, dtype=torch.bfloat16)) if bf16 else contextlib.nullcontext

    rng.seed_local(a.seed)  # the same initial weights on every rank
    cfg = BertConfig(vocab_size=V, max_position_embeddings=max(128, a.seq_len), **PRESETS[a.preset])
    train_cfg = BertConfig(**{**cfg.__dict__, "hidden_dropout_prob": a.dropout, "attention_probs_dropout_prob": a.dropout})
    model = BertForMaskedLM(train_cfg)
    if a.position_init == "sinusoidal":
        surgery.sinusoidal_positions(model)
    model.to(world.device)
    opt = make_optimizer(model, a, fused=cuda and "fused" in torch.optim.AdamW.__init__.__code__.co_varnames)
    mask_gen = torch.Generator().manual_seed(a.seed)
    state = {"step": 0, "epoch": 0, "cursor": 0, "tokens": 0, "wall": 0.0, "surgery_done": [], "world": world.size}
    if a.resume:
        ck = shards.load(ckpt_path, map_location=world.device)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        state = ck["state"]
        rng.restore(ck["rng"], world, mask_gen, a.seed, state["step"])
        if world.main:
            print(f"resumed at step {state['step']} ({state['tokens']:,} tokens, {state['wall'] / 60:.1f} min, "
                  f"world {state['world']} -> {world.size})", file=sys.stderr)
        state["world"] = world.size
        del ck
    else:
        rng.seed_local(a.seed + world.rank)  # dropout streams differ per rank
        if world.main:
            json.dump({**vars(a)}, open(args_path, "w"), indent=2)
            json.dump(cfg.to_dict(), open(os.path.join(a.out, "config.json"), "w"), indent=2)

    data = Packed(a.corpus, a.out, a.seq_len, a.seed, world, a.max_reviews)
    rows = data.load(state["epoch"])
    if world.main:
        assert int(np.max(rows)) < V, "corpus ids exceed the vocabulary: re-run encode-corpus"
    b = a.batch // world.size
    net = pick_compile(a, model, world, torch.from_numpy(data.batch(state["epoch"], 0, a.batch)), V, autocast)
    if world.size > 1:
        net = torch.nn.parallel.DistributedDataParallel(net, device_ids=[world.local] if cuda else None)
    n_params = sum(p.numel() for p in model.parameters())
    if world.main:
        where = f"world {world.size} ({'nccl' if cuda else 'gloo'} backend)" if world.size > 1 else f"one process on {world.device}"
        print(f"mlm {a.preset}: {n_params:,} params; {len(rows):,} sequences of {a.seq_len} in epoch {state['epoch']}; "
              f"{where}" + (", bf16 autocast" if bf16 else ""), file=sys.stderr)

    log = None
    if world.main:
        log_path = os.path.join(a.out, "log.jsonl")
        if a.resume and os.path.exists(log_path):  # drop lines a killed run wrote after its last checkpoint
            kept = [l for l in open(log_path) if l.strip() and json.loads(l)["step"] <= state["step"]]
            open(log_path, "w").writelines(kept)
        log = open(log_path, "a")
    model.train()
    t0 = last_ckpt = time.time()
    wall0, tok0 = state["wall"], state["tokens"]
    end = surgery.end_step(a)
    stop = min(end, a.max_steps or end)
    progress = bar(total=stop, initial=state["step"], desc="mlm", disable=not world.main)

    def checkpoint():
        r = rng.capture(world, mask_gen)  # a collective: every rank takes part
        if world.main:
            log.flush()
            shards.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": state, "rng": r},
                        ckpt_path, a.shard_mib)
        world.barrier()

    budget_over = lambda: a.budget_minutes is not None and state["wall"] >= a.budget_minutes * 60
    while state["step"] < stop and (time.time() - t0) / 60 < a.minutes and not budget_over():
        for op in a.surgery:
            key = f"{op['step']}:{op['do']}"
            if op["step"] == state["step"] and key not in state["surgery_done"]:
                note = surgery.apply(op, model, opt, state, a)
                state["surgery_done"].append(key)
                if world.main:
                    log.write(json.dumps({"step": state["step"], "surgery": op, **note}) + "\n")
        if state["cursor"] + a.batch > len(data.load(state["epoch"])):  # next epoch: a new packing order
            state["epoch"] += 1
            state["cursor"] = 0
        x = torch.from_numpy(data.batch(state["epoch"], state["cursor"], a.batch))  # [b, T]
        lo = state["cursor"] + world.rank * b
        if a.budget_minutes is not None:  # --total-steps then only sets the warm-up's share and a step cap
            at, warm, total = budget_progress(wall0 + time.time() - t0, a.budget_minutes, a.warmup, a.total_steps)
            lr = lr_at(at, a.lr, warm, total, a.decay)
        else:
            lr = lr_at(state["step"], a.lr, a.warmup, a.total_steps, a.decay, state.get("anneal"))
        for g in opt.param_groups:
            g["lr"] = lr
        # mask_rows is given the row offset inside the global batch, not inside the epoch
        loss, ce, hits, n_all = mlm_loss(model, net, x, lo - state["cursor"], a.batch, V, mask_gen,
                                                  a.mask_prob, world, autocast)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gnorm = torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip).item()
        opt.step()
        due = time.time() - last_ckpt > a.ckpt_minutes * 60 or bool(a.ckpt_every and (state["step"] + 1) % a.ckpt_every == 0)
        # one all-reduce for the logged sums and the checkpoint decision (every rank must agree: saving is a collective)
        ce_all, hits_all, real_all, due_any = world.sum(ce.item(), float(hits), float((x != PAD).sum()), float(due))
        state["cursor"] += a.batch
        state["step"] += 1
        state["tokens"] += int(real_all)
        state["wall"] = wall0 + time.time() - t0
        m = {"step": state["step"], "mlm_loss": round(ce_all / max(1.0, n_all), 5), "mlm_acc": round(hits_all / max(1.0, n_all), 4),
             "lr": lr, "gnorm": round(gnorm, 4), "tokens": state["tokens"], "wall": round(state["wall"], 1),
             "epoch": state["epoch"]}
        if world.main:
            if state["step"] % a.log_every == 0 or state["step"] == stop:
                log.write(json.dumps(m) + "\n")
            tps = (state["tokens"] - tok0) / max(1e-9, time.time() - t0)
            progress.set_postfix_str(f"loss {m['mlm_loss']:.3f} acc {m['mlm_acc']:.3f} {tps:,.0f} tok/s", refresh=False)
            progress.update(1)
        if due_any > 0:
            checkpoint()
            last_ckpt = time.time()
    checkpoint()
    progress.close()
    if world.main:
        tps = (state["tokens"] - tok0) / max(1e-9, time.time() - t0)
        print(json.dumps({"step": state["step"], "tokens": state["tokens"], "wall_min": round(state["wall"] / 60, 2),
                          "tokens_per_s": round(tps), "world": world.size, "done": state["step"] >= end or budget_over()}))
    world.close()


if __name__ == "__main__":
    main()
