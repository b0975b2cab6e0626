"use client";
// Per-token bars in one SVG: rows = tokens (or words), one column per score series. Unsigned series (attention)
// grow from the left; signed ones (attributions) grow right (for the class) in blue and left (against) in red,
// around the column's middle. Each column is scaled to its own largest |value|, which the header states.
import { shortLabel, textWidth } from "./data";

export interface Series { name: string; values: number[]; signed: boolean }

const ROW = 18, COL = 128, GAP = 14, HEAD = 34, FONT = 12;

export function TokenBars({ labels, series, testId, highlight }: { labels: string[]; series: Series[]; testId?: string; highlight?: number }) {
  const labelW = Math.min(140, Math.max(40, ...labels.map((s) => textWidth(shortLabel(s, 12), FONT)))) + 10;
  const width = labelW + series.length * (COL + GAP);
  const height = HEAD + labels.length * ROW + 6;
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
  return (
    <svg className="att-svg att-bars" width={width} height={height} data-testid={testId} role="img"
      aria-label={`토큰별 막대: ${series.map((s) => s.name).join(", ")}`}>
      {series.map((s, c) => {
        const x0 = labelW + c * (COL + GAP);
        const max = Math.max(1e-12, ...s.values.map(Math.abs));
        const mid = s.signed ? x0 + COL / 2 : x0;
        const half = s.signed ? COL / 2 : COL;
        return (
          <g key={s.name} className="att-bar-col" data-series={s.name}>
            <text x={x0} y={13} className="att-col-title">{s.name}</text>
            <text x={x0} y={27} className="att-legend">최대 |값| {fmt(max)}{s.signed ? " · 파랑 +, 빨강 −" : ""}</text>
            {s.signed ? <line x1={mid} x2={mid} y1={HEAD - 2} y2={height - 4} stroke="#c9ced6" /> : null}
            {s.values.map((v, i) => {
              const w = (Math.abs(v) / max) * half;
              const x = s.signed && v < 0 ? mid - w : mid;
              return (
                <rect key={i} className="att-bar" x={x} y={HEAD + i * ROW + 3} width={w} height={ROW - 6}
                  fill={s.signed ? (v >= 0 ? "#3b6fd8" : "#d9480f") : "#5b8bd9"} data-value={v}>
                  <title>{`${labels[i]} · ${s.name}: ${fmt(v)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {labels.map((l, i) => (
        <text key={i} className={`att-bar-label${i === highlight ? " is-hovered" : ""}`} x={labelW - 6} y={HEAD + i * ROW + ROW / 2 + 4} textAnchor="end">
          {shortLabel(l, 12)}
          <title>{l}</title>
        </text>
      ))}
    </svg>
  );
}
