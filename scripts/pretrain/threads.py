"""Pin BLAS threads to --threads before numpy/torch load.

Debian's torch calls the system BLAS (install libopenblas0-pthread: the reference BLAS is ~50x slower).
OpenBLAS keeps its own thread pool beside torch's OpenMP one; unpinned, two runs on 2 cores oversubscribe.
"""
import os
import sys

from needs import require

require("torch", "numpy", "tqdm")  # every script that pins threads is about to import them


def pin_from_argv(default: int = 2) -> int:
    n = default
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            n = int(sys.argv[i + 1])
        elif a.startswith("--threads="):
            n = int(a.split("=", 1)[1])
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(n))
    return n
