// A heat map as SVG with one <path> per colour step (not one <rect> per cell), so a [T, 16] block stays a few
// hundred bytes in the static HTML. Signed values (hidden vectors) go blue (−) → white → red (+), scaled by the
// largest |value| shown; probabilities (attention) go white → orange.
import type { ReactNode } from "react";

const STEPS = 5;   // colour steps on each side of zero
const NEG = ["#f1f4ff", "#c9d5fb", "#98b0f3", "#5f83e6", "#2f5bd0"];
const POS = ["#fff1ec", "#fcc9b8", "#f49a80", "#e4664a", "#c43c25"];
const PROB = ["#fff7ed", "#fde0bd", "#fbbf7f", "#f59b45", "#dd7211"];

export interface HeatProps {
  rows: number[][];
  /** "signed": hidden values; "prob": 0…1. */
  scale: "signed" | "prob";
  cell: number;
  rowLabels?: string[];
  colLabels?: string[];
  /** Room left of the grid for row labels, in SVG units. */
  labelWidth?: number;
  title?: string;
  className?: string;
}

function step(v: number, max: number): number {
  return Math.min(STEPS - 1, Math.floor((Math.abs(v) / (max || 1)) * STEPS));
}

export function Heat({ rows, scale, cell, rowLabels, colLabels, labelWidth = 0, title, className }: HeatProps): ReactNode {
  const R = rows.length, C = Math.max(0, ...rows.map((r) => r.length));
  const top = colLabels ? 16 : 0;
  // Hidden values: scaled by the largest |value| shown. Probabilities: by the largest one, but never past 0.5, so a
  // layer whose attention is spread thin still shows where it looks without evenly spread attention turning solid.
  const largest = Math.max(1e-9, ...rows.flat().map(Math.abs));
  const max = scale === "prob" ? Math.max(largest, 0.5) : largest;
  const paths = new Map<string, string>();
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const k = step(v, max);
      const color = scale === "prob" ? PROB[k] : (v < 0 ? NEG : POS)[k];
      paths.set(color, (paths.get(color) ?? "") + `M${labelWidth + j * cell} ${top + i * cell}h${cell}v${cell}h-${cell}z`);
    }),
  );
  const w = labelWidth + C * cell, h = top + R * cell;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className={className} role={title ? "img" : undefined} aria-label={title} aria-hidden={title ? undefined : true} style={{ maxWidth: w }}>
      {[...paths].map(([color, d]) => <path key={color} d={d} fill={color} />)}
      {rowLabels ? (
        <g fontSize={Math.min(12, cell * 0.8)} textAnchor="end" fill="currentColor">
          {rowLabels.map((t, i) => <text key={i} x={labelWidth - 4} y={top + i * cell + cell * 0.72}>{t}</text>)}
        </g>
      ) : null}
      {colLabels ? (
        <g fontSize={Math.min(11, cell * 0.7)} textAnchor="middle" fill="currentColor">
          {colLabels.map((t, j) => <text key={j} x={labelWidth + j * cell + cell / 2} y={11}>{t}</text>)}
        </g>
      ) : null}
    </svg>
  );
}

/** The mean over heads of [A][T][T] attention: one [T][T] picture for a block's thumbnail. */
export function headMean(heads: number[][][]): number[][] {
  const A = heads.length;
  return heads[0].map((row, q) => row.map((_, k) => heads.reduce((s, h) => s + h[q][k], 0) / A));
}
