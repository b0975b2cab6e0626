"""PyTorch reference for bench/train-throughput.ts: the same BERT-mini classification training step.

Same shapes and work as the tfjs step: embeddings + LayerNorm, L post-LN encoder layers (GELU), pooler,
2-way classifier, cross-entropy, backward, global-norm clip 1.0, AdamW. Prints one JSON line.
"""
import argparse
import json
import os
import sys
import time

# Pin BLAS/OpenMP threads before torch loads (default 1, like tfjs-wasm in Node): Debian's torch calls the
# system BLAS (OpenBLAS has its own pool beside OpenMP; unpinned, runs on a shared 2-core box oversubscribe).
_threads = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--threads=")), None)
if _threads is None and "--threads" in sys.argv:
    _threads = int(sys.argv[sys.argv.index("--threads") + 1])
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, str(_threads or 1))

import torch  # noqa: E402
from torch import nn  # noqa: E402


class Bert(nn.Module):
    def __init__(self, V, H, L, A, I, P=512):
        super().__init__()
        self.word = nn.Embedding(V, H)
        self.pos = nn.Embedding(P, H)
        self.seg = nn.Embedding(2, H)
        self.ln = nn.LayerNorm(H, eps=1e-12)
        self.drop = nn.Dropout(0.1)
        layer = nn.TransformerEncoderLayer(H, A, I, dropout=0.1, activation="gelu", batch_first=True, norm_first=False, layer_norm_eps=1e-12)
        self.encoder = nn.TransformerEncoder(layer, L, enable_nested_tensor=False)
        self.pooler = nn.Linear(H, H)
        self.classifier = nn.Linear(H, 2)

    def forward(self, ids, mask):
        T = ids.shape[1]
        pos = torch.arange(T, device=ids.device)
        x = self.drop(self.ln(self.word(ids) + self.pos(pos)[None] + self.seg(torch.zeros_like(ids))))
        x = self.encoder(x, src_key_padding_mask=~mask)
        return self.classifier(self.drop(torch.tanh(self.pooler(x[:, 0]))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vocab", type=int, default=12000)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--intermediate", type=int, default=1024)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq", type=int, default=64)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Bert(a.vocab, a.hidden, a.layers, a.heads, a.intermediate).train()
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    ids = torch.randint(5, a.vocab, (a.batch, a.seq))
    mask = torch.ones(a.batch, a.seq, dtype=torch.bool)
    labels = torch.randint(0, 2, (a.batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(model(ids, mask), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    s = (time.perf_counter() - t0) / a.steps
    print(json.dumps({"backend": f"pytorch-cpu ({torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''})",
                      "secondsPerStep": s, "examplesPerSecond": a.batch / s, "tokensPerSecond": a.batch * a.seq / s,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
