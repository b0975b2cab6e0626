"""Progress bars for the Python side: tqdm (Debian's python3-tqdm), as cli-progress is for the TypeScript side.

When stderr is not a terminal (CI, a log file) tqdm would print one line per refresh; there we print a line at
most every 30 s instead.
"""
from __future__ import annotations

import sys

try:
    from tqdm import tqdm
except ImportError:  # pragma: no cover - a clear message instead of a traceback
    sys.exit("python module 'tqdm' is missing: apt-get install python3-tqdm, or pip install -r requirements.txt")


def bar(total: int, initial: int = 0, desc: str = "", disable: bool = False, unit: str = "step"):
    tty = sys.stderr.isatty()
    return tqdm(total=total, initial=initial, desc=desc, disable=disable, unit=unit, dynamic_ncols=True,
                mininterval=0.5 if tty else 30.0, file=sys.stderr)
