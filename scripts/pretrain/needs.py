"""Fail with an install hint, not a traceback, when a module the script needs is missing (see requirements.txt)."""
import importlib.util
import sys

HINT = {"torch": "python3-torch libopenblas0-pthread", "numpy": "python3-numpy", "tqdm": "python3-tqdm",
        "sklearn": "python3-sklearn"}


def require(*modules: str) -> None:
    gone = [m for m in modules if importlib.util.find_spec(m) is None]
    if gone:
        sys.exit(f"{sys.executable} has no {', '.join(gone)}: apt-get install "
                 f"{' '.join(HINT.get(m, 'python3-' + m) for m in gone)}, or pip install -r requirements.txt in a "
                 f"virtual environment (npm scripts pick the first python3 on PATH that has torch, or $PYTHON)")
