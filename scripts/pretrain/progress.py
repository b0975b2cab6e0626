"""A one-line progress bar with rate and ETA on stderr (a log line per update when stderr is not a terminal)."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, start: int = 0, label: str = "", every: float = 2.0):
        self.total, self.start, self.label, self.every = total, start, label, every
        self.t0 = self.last = time.time()
        self.tty = sys.stderr.isatty()

    def update(self, n: int, info: str = "") -> None:
        now = time.time()
        if now - self.last < (self.every if self.tty else 30.0) and n < self.total:
            return
        self.last = now
        rate = (n - self.start) / max(1e-9, now - self.t0)
        eta = (self.total - n) / rate if rate > 0 else float("inf")
        frac = n / max(1, self.total)
        bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
        line = f"{self.label} [{bar}] {n}/{self.total} {frac:5.1%} {rate:.2f} it/s ETA {fmt(eta)} {info}"
        sys.stderr.write(("\r" + line + "\x1b[K") if self.tty else line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def fmt(s: float) -> str:
    if s == float("inf"):
        return "?"
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"
