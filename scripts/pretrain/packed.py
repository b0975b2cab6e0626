"""The packed pretraining corpus of one epoch, written once and memory-mapped by every rank.

An epoch is the reviews in a seeded order, packed into [N, T] rows (corpus.pack). Rank 0 packs it and writes
`<out>/packed/e<epoch>.npy`; the other ranks wait, then map the same file. A step's global batch is rows
[cursor, cursor + B); rank r reads only its rows [cursor + r*b, cursor + (r+1)*b) with b = B / K, so the
global batch, the data order and the tokens seen are the same for any K.
"""
from __future__ import annotations

import os

import numpy as np

from corpus import pack, read_reviews


def reviews_of(corpus: str, files=("unlabeled.bin", "train.bin")) -> list[np.ndarray]:
    out = []
    for f in files:
        path = os.path.join(corpus, f)
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run `npm run encode-corpus -- --corpus <unlabeled.txt> --out {corpus}`")
        out += read_reviews(path)
    return out


class Packed:
    def __init__(self, corpus: str, out: str, seq_len: int, seed: int, world, max_reviews: int | None = None):
        self.corpus, self.dir, self.seq_len, self.seed, self.world = corpus, os.path.join(out, "packed"), seq_len, seed, world
        self.max_reviews = max_reviews
        self._reviews = None
        self.epoch, self.rows = -1, None

    def load(self, epoch: int) -> np.ndarray:
        if epoch != self.epoch:
            path = os.path.join(self.dir, f"e{epoch}.npy")
            if self.world.main and not os.path.exists(path):
                if self._reviews is None:
                    self._reviews = reviews_of(self.corpus)[: self.max_reviews]
                os.makedirs(self.dir, exist_ok=True)
                np.save(path + ".tmp.npy", pack(self._reviews, self.seq_len, self.seed + epoch))
                os.replace(path + ".tmp.npy", path)
                for old in os.listdir(self.dir):  # keep only this epoch and the one before
                    if old.startswith("e") and old.endswith(".npy") and int(old[1:-4]) < epoch - 1:
                        os.remove(os.path.join(self.dir, old))
            self.world.barrier()
            self.rows = np.load(path, mmap_mode="r")  # [N, T] int16
            self.epoch = epoch
        return self.rows

    def batch(self, epoch: int, cursor: int, global_batch: int) -> np.ndarray:
        """This rank's rows of the global batch at `cursor`: [B / K, T]."""
        b = global_batch // self.world.size
        lo = cursor + self.world.rank * b
        return np.asarray(self.load(epoch)[lo:lo + b], dtype=np.int64)
