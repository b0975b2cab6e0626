"""The few pieces of torch.distributed that pretraining needs, so a single process and `torchrun` share one path.

Under `torchrun --standalone --nproc_per_node K pretrain.py ...` torchrun sets RANK, WORLD_SIZE and LOCAL_RANK;
without it we are rank 0 of 1 and nothing is initialised. The backend is nccl when CUDA is there, gloo on CPU.
"""
from __future__ import annotations

import os

import torch
import torch.distributed as dist


class World:
    def __init__(self, rank: int, size: int, local: int, device: torch.device):
        self.rank, self.size, self.local, self.device = rank, size, local, device

    @property
    def main(self) -> bool:  # rank 0 writes checkpoints, logs and the progress bar
        return self.rank == 0

    def sum(self, *xs: float) -> list[float]:
        """All-reduce a few scalars (sums over ranks); free when there is one rank."""
        if self.size == 1:
            return list(xs)
        t = torch.tensor(xs, dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return t.tolist()

    def gather(self, obj):
        """Every rank's obj, in rank order, on every rank (RNG states for the checkpoint)."""
        if self.size == 1:
            return [obj]
        out = [None] * self.size
        dist.all_gather_object(out, obj)
        return out

    def barrier(self) -> None:
        if self.size > 1:
            dist.barrier()

    def close(self) -> None:
        if self.size > 1:
            dist.destroy_process_group()


def setup(device: str = "auto") -> World:
    rank = int(os.environ.get("RANK", 0))
    size = int(os.environ.get("WORLD_SIZE", 1))
    local = int(os.environ.get("LOCAL_RANK", 0))
    cuda = torch.cuda.is_available() if device == "auto" else device == "cuda"
    if cuda:
        torch.cuda.set_device(local)
        dev = torch.device("cuda", local)
    else:
        dev = torch.device("cpu")
    if size > 1:
        dist.init_process_group("nccl" if cuda else "gloo", rank=rank, world_size=size)
    return World(rank, size, local, dev)
