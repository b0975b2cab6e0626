"""Pack a pretraining run into the committed resume state, and unpack it again in a later session.

A session lasts 180 minutes and ends every process; pretraining takes longer. So the last checkpoint is committed
(outside the served site) and the next session continues it:

    /usr/bin/python3 scripts/pretrain/resume_state.py pack   .cache/pretrain/mlm pretrain-state/mlm
    /usr/bin/python3 scripts/pretrain/resume_state.py unpack pretrain-state/mlm .cache/pretrain/mlm
    npm run pretrain -- --out .cache/pretrain/mlm --resume --minutes 150

To keep the repository small the packed file holds the weights in float32 but Adam's two moments in bfloat16
(bfloat16 keeps float32's exponent range, so the tiny second moments do not underflow): 1.5x the weights instead
of 3x. The file is replaced in place, never piled up, and the training log is kept (every step) for the plots.
"""
from __future__ import annotations

import os
import shutil
import sys

import torch

KEEP = ("args.json", "config.json", "generator_config.json", "log.jsonl")


def pack(run: str, dest: str) -> None:
    ck = torch.load(os.path.join(run, "ckpt.pt"), map_location="cpu")
    opt = ck["opt"]
    for st in opt["state"].values():
        for k in ("exp_avg", "exp_avg_sq"):
            st[k] = st[k].to(torch.bfloat16)
    os.makedirs(dest, exist_ok=True)
    tmp = os.path.join(dest, "resume.pt.tmp")
    torch.save({"model": ck["model"], "opt": opt, "state": ck["state"]}, tmp)
    os.replace(tmp, os.path.join(dest, "resume.pt"))
    for f in KEEP:
        if os.path.exists(os.path.join(run, f)):
            shutil.copyfile(os.path.join(run, f), os.path.join(dest, f))
    size = os.path.getsize(os.path.join(dest, "resume.pt"))
    print(f"packed step {ck['state']['step']} -> {dest}/resume.pt ({size / 2**20:.1f} MiB)")


def unpack(src: str, run: str) -> None:
    ck = torch.load(os.path.join(src, "resume.pt"), map_location="cpu")
    for st in ck["opt"]["state"].values():
        for k in ("exp_avg", "exp_avg_sq"):
            st[k] = st[k].to(torch.float32)
    os.makedirs(run, exist_ok=True)
    torch.save(ck, os.path.join(run, "ckpt.pt"))
    for f in KEEP:
        if os.path.exists(os.path.join(src, f)):
            shutil.copyfile(os.path.join(src, f), os.path.join(run, f))
    print(f"unpacked step {ck['state']['step']} -> {run}/ckpt.pt")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("pack", "unpack"):
        sys.exit(__doc__)
    (pack if sys.argv[1] == "pack" else unpack)(sys.argv[2], sys.argv[3])
