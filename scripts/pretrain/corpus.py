"""Read the corpus the TypeScript tokenizer wrote, and pack reviews into fixed-length pretraining sequences.

File format (lib/README.md): little-endian uint16 token ids, each review without specials, followed by a 0.
There is deliberately no Python tokenizer: the TypeScript one is the only one.
"""
from __future__ import annotations

import numpy as np
import torch

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
N_SPECIAL = 5


def read_reviews(path: str) -> list[np.ndarray]:
    ids = np.fromfile(path, dtype="<u2").astype(np.int32)
    ends = np.flatnonzero(ids == 0)
    starts = np.concatenate([[0], ends[:-1] + 1])
    return [ids[s:e] for s, e in zip(starts, ends)]


def pack(reviews: list[np.ndarray], seq_len: int, seed: int) -> np.ndarray:
    """Greedy packing: [CLS] r1 [SEP] r2 [SEP] ... in shuffled order, so almost no position is padding.

    Reviews are short (median ~20 tokens), so padding each to 128 would waste most of the compute.
    A review longer than a whole sequence is cut into pieces. Returns int16 [N, seq_len].
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(reviews))
    rows, cur = [], [CLS]
    room = seq_len - 2
    for i in order:
        r = reviews[i]
        if len(r) == 0:
            continue
        for s in range(0, len(r), room):
            piece = r[s:s + room]
            if len(cur) + len(piece) + 1 > seq_len:
                rows.append(cur + [PAD] * (seq_len - len(cur)))
                cur = [CLS]
            cur.extend(piece.tolist())
            cur.append(SEP)
    if len(cur) > 1:
        rows.append(cur + [PAD] * (seq_len - len(cur)))
    return np.asarray(rows, dtype=np.int16)


def mask_tokens(x: torch.Tensor, vocab_size: int, gen: torch.Generator, p: float = 0.15):
    """BERT's masking: choose 15% of real tokens; of those 80% -> [MASK], 10% -> random, 10% kept.

    x: [B, T] long. Returns (corrupted [B, T], flat positions [N], targets [N]).
    """
    real = x >= N_SPECIAL
    chosen = (torch.rand(x.shape, generator=gen) < p) & real
    pos = chosen.flatten().nonzero().squeeze(-1)
    targets = x.flatten()[pos]
    y = x.clone().flatten()
    r = torch.rand(pos.shape, generator=gen)
    y[pos[r < 0.8]] = MASK
    rnd = pos[(r >= 0.8) & (r < 0.9)]
    y[rnd] = torch.randint(N_SPECIAL, vocab_size, rnd.shape, generator=gen)
    return y.view_as(x), pos, targets


def mask_rows(x: torch.Tensor, lo: int, global_shape, vocab_size: int, gen: torch.Generator, p: float = 0.15):
    """BERT's masking of rows [lo, lo + b) of a global batch, the same whichever rank holds them.

    The random numbers are drawn for the whole global batch [B, T] from `gen` (same state on every rank), and
    each rank keeps its rows: masks, the generator's state and so a resume do not depend on the world size.
    Of the real tokens, a share p is chosen; of those 80% -> [MASK], 10% -> a random token, 10% kept.
    x: [b, T] long. Returns (corrupted [b, T], flat positions [N], targets [N]).
    """
    u_choose = torch.rand(global_shape, generator=gen)[lo:lo + len(x)]  # [b, T]
    u_kind = torch.rand(global_shape, generator=gen)[lo:lo + len(x)]
    rand_ids = torch.randint(N_SPECIAL, vocab_size, global_shape, generator=gen)[lo:lo + len(x)]
    chosen = (u_choose < p) & (x >= N_SPECIAL)
    y = torch.where(chosen & (u_kind < 0.8), torch.full_like(x, MASK), x)
    y = torch.where(chosen & (u_kind >= 0.8) & (u_kind < 0.9), rand_ids, y)
    pos = chosen.flatten().nonzero().squeeze(-1)
    return y, pos, x.flatten()[pos]


def framed(bin_path: str, max_len: int) -> list[np.ndarray]:
    """Each review as one classifier input: [CLS] review [SEP], truncated to max_len."""
    return [np.concatenate([[CLS], r[: max_len - 2], [SEP]]) for r in read_reviews(bin_path)]


def labelled(bin_path: str, labels_path: str, max_len: int):
    """Reviews + labels for the reference fine-tune, framed as above."""
    seqs = framed(bin_path, max_len)
    labels = np.fromfile(labels_path, dtype=np.uint8).astype(np.int64)
    assert len(seqs) == len(labels), f"{len(seqs)} reviews but {len(labels)} labels"
    return seqs, labels


def pad_batch(seqs: list[np.ndarray]):
    """Dynamic padding to the longest row: ids [B, T], mask [B, T]."""
    T = max(len(s) for s in seqs)
    ids = np.zeros((len(seqs), T), dtype=np.int64)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
    ids = torch.from_numpy(ids)
    return ids, (ids != PAD).long()
