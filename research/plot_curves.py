"""Draw pretraining curves from log.jsonl files as one SVG (no plotting library: Debian's torch is all we need).

    python3 research/plot_curves.py --out public/models/pretraining-curves.svg \
        mlm=<(git show ad67d92:pretrain-state/mlm/log.jsonl) electra=<(git show ad67d92:pretrain-state/electra-ab/log.jsonl)

Each panel plots a metric against tokens seen, smoothed with a moving average of 50 steps.
"""
from __future__ import annotations

import argparse
import json

COLORS = ["#2563eb", "#dc2626", "#059669", "#9333ea"]
PANELS = [("mlm_loss", "masked-LM loss (generator's, for ELECTRA)"), ("mlm_acc", "masked-LM accuracy"),
          ("disc_acc", "ELECTRA discriminator accuracy")]
W, H, PAD = 420, 260, 48


def smooth(ys: list[float], k: int = 50) -> list[float]:
    out, acc = [], 0.0
    for i, y in enumerate(ys):
        acc += y
        if i >= k:
            acc -= ys[i - k]
        out.append(acc / min(i + 1, k))
    return out


def panel(x0: int, title: str, series: list[tuple[str, list[float], list[float], str]],
          marks: list[tuple[float, str]] = ()) -> str:
    xs = [x for _, x, _, _ in series for x in x]
    ys = [y for _, _, y, _ in series for y in y]
    if not xs:
        return ""
    xmax, ymin, ymax = max(xs), min(ys), max(ys)
    ymax = ymax if ymax > ymin else ymin + 1
    sx = lambda x: x0 + PAD + (W - 2 * PAD) * x / xmax
    sy = lambda y: H - PAD + (2 * PAD - H) * (y - ymin) / (ymax - ymin)
    parts = [f'<text x="{x0 + W / 2}" y="20" text-anchor="middle" font-size="13">{title}</text>',
             f'<line x1="{x0 + PAD}" y1="{H - PAD}" x2="{x0 + W - PAD}" y2="{H - PAD}" stroke="#999"/>',
             f'<line x1="{x0 + PAD}" y1="{PAD}" x2="{x0 + PAD}" y2="{H - PAD}" stroke="#999"/>',
             f'<text x="{x0 + W / 2}" y="{H - 12}" text-anchor="middle" font-size="11">tokens seen (millions)</text>']
    for i in range(5):
        v = ymin + (ymax - ymin) * i / 4
        parts.append(f'<text x="{x0 + PAD - 4}" y="{sy(v) + 4}" text-anchor="end" font-size="10">{v:.2f}</text>')
        t = xmax * i / 4
        parts.append(f'<text x="{sx(t)}" y="{H - PAD + 14}" text-anchor="middle" font-size="10">{t / 1e6:.1f}</text>')
    for t, label in marks:  # events worth seeing on the curve, e.g. the position-embedding re-initialisation
        if 0 < t <= xmax:
            parts.append(f'<line x1="{sx(t):.1f}" y1="{PAD}" x2="{sx(t):.1f}" y2="{H - PAD}" stroke="#777" '
                         f'stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{sx(t) - 4:.1f}" y="{PAD + 10}" text-anchor="end" font-size="10" '
                         f'fill="#555">{label}</text>')
    for j, (name, x, y, color) in enumerate(series):
        pts = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(x, y))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{pts}"/>')
        parts.append(f'<text x="{x0 + W - PAD}" y="{PAD + 14 * j}" text-anchor="end" font-size="11" fill="{color}">{name}</text>')
    return "\n".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("runs", nargs="+", help="name=path/to/log.jsonl")
    p.add_argument("--mark", action="append", default=[], help="TOKENS=label: a dashed vertical line")
    a = p.parse_args()
    logs = []
    for i, spec in enumerate(a.runs):
        name, path = spec.split("=", 1)
        rows = [json.loads(line) for line in open(path) if line.strip()]
        logs.append((name, rows, COLORS[i % len(COLORS)]))
    panels = []
    for key, title in PANELS:
        series = [(n, [r["tokens"] for r in rows if key in r], smooth([r[key] for r in rows if key in r]), c)
                  for n, rows, c in logs if any(key in r for r in rows)]
        if series:
            panels.append((title, series))
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W * len(panels)}" height="{H}" '
           f'font-family="sans-serif" style="background:#fff">']
    marks = [(float(m.split("=", 1)[0]), m.split("=", 1)[1]) for m in a.mark]
    svg += [panel(i * W, t, s, marks) for i, (t, s) in enumerate(panels)]
    svg.append("</svg>")
    with open(a.out, "w") as f:
        f.write("\n".join(svg))
    print(f"wrote {a.out} ({len(panels)} panels)")


if __name__ == "__main__":
    main()
