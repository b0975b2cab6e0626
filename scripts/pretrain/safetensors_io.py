"""The safetensors format, written from its specification (github.com/huggingface/safetensors, "Format"):

    8 bytes   N, little-endian unsigned 64-bit: the header's length
    N bytes   UTF-8 JSON: {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}
    rest      the tensors' little-endian bytes; offsets count from the first byte after the header

Debian has no `safetensors` package, and the tests want a reader that is not our TypeScript code, so this is
independent of lib/model/safetensors.ts on purpose: it must not be "fixed" to agree with it.
"""
from __future__ import annotations

import json
import struct

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}
NAMES = {v: k for k, v in DTYPES.items()}


def write(path: str, tensors: dict[str, torch.Tensor], dtype: str | None = None, metadata: dict | None = None):
    """Write tensors (in insertion order), cast to `dtype` when given."""
    header, blobs, off = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if dtype is not None and t.is_floating_point():
            t = t.to(DTYPES[dtype])
        raw = t.view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read(path: str) -> dict[str, torch.Tensor]:
    """Every tensor in the file, in its stored dtype."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    base = 8 + n
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        dt = DTYPES[info["dtype"]]
        buf = bytearray(data[base + b:base + e])
        t = torch.frombuffer(buf, dtype=dt) if buf else torch.empty(0, dtype=dt)
        out[name] = t.reshape(info["shape"])
    assert base + max((i["data_offsets"][1] for i in header.values()), default=0) <= len(data), "file is cut short"
    return out
