"""Checkpoints as one file here, or as numbered shards of at most N MiB where files must come back small
(the GPU machine returns at most 8 files of 16 MiB). A shard set is `ckpt.pt.000`, `ckpt.pt.001`, ... whose
concatenation is exactly the bytes of `ckpt.pt`: `cat ckpt.pt.* > ckpt.pt` rebuilds it.
"""
from __future__ import annotations

import glob
import io
import os

import torch


def save(obj, path: str, shard_mib: float | None = None) -> list[str]:
    """Each file is written atomically (a kill mid-write leaves the previous file whole). Shards are all written
    before any is renamed into place, so only a kill between two renames can mix two checkpoints."""
    buf = io.BytesIO()
    torch.save(obj, buf)
    data = buf.getvalue()
    if not shard_mib:
        _write(path, data)
        for old in glob.glob(path + ".[0-9][0-9][0-9]"):
            os.remove(old)
        return [path]
    size = int(shard_mib * 2**20)
    names = []
    for i in range(0, max(1, len(data)), size):
        names.append(f"{path}.{i // size:03d}")
        with open(names[-1] + ".tmp", "wb") as f:
            f.write(data[i:i + size])
    for n in names:
        os.replace(n + ".tmp", n)
    for old in sorted(glob.glob(path + ".[0-9][0-9][0-9]"))[len(names):]:
        os.remove(old)
    if os.path.exists(path):
        os.remove(path)
    return names


def _write(path: str, data: bytes) -> None:
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def exists(path: str) -> bool:
    return os.path.exists(path) or os.path.exists(path + ".000")


def _load(f, map_location):
    # weights_only=False: the checkpoint holds RNG states (numpy arrays, Python tuples), which torch >= 2.6's
    # default refuses. These files are our own.
    return torch.load(f, map_location=map_location, weights_only=False)


def load(path: str, map_location="cpu"):
    if os.path.exists(path):
        return _load(path, map_location)
    parts = sorted(glob.glob(path + ".[0-9][0-9][0-9]"))
    if not parts:
        raise FileNotFoundError(path)
    return _load(io.BytesIO(b"".join(open(p, "rb").read() for p in parts)), map_location)
