// Small SVG pieces the figures of chapters 4–8 share: a labelled box, an arrow with its head drawn as a polygon (no
// <marker> ids, so a narrow and a wide drawing of one figure can sit on the same page), and text in the figure font.
import type { ReactNode } from "react";
import { FIG } from "./Figure";

export const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

export function T({ x, y, children, size = FIG.font, anchor = "start", weight, fill = FIG.ink, mono, rotate }: {
  x: number; y: number; children: ReactNode; size?: number; anchor?: "start" | "middle" | "end"; weight?: number; fill?: string; mono?: boolean; rotate?: number;
}) {
  return (
    <text x={x} y={y} fontSize={size} textAnchor={anchor} fontWeight={weight} fill={fill} fontFamily={mono ? MONO : undefined}
      transform={rotate ? `rotate(${rotate} ${x} ${y})` : undefined}>
      {children}
    </text>
  );
}

export function Box({ x, y, w, h, fill, stroke, r = 6, dash, strokeWidth = 1.2 }: { x: number; y: number; w: number; h: number; fill: string; stroke: string; r?: number; dash?: boolean; strokeWidth?: number }) {
  return <rect x={x} y={y} width={w} height={h} rx={r} fill={fill} stroke={stroke} strokeWidth={strokeWidth} strokeDasharray={dash ? "4 3" : undefined} />;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A straight or bent arrow through `points` ([x, y] pairs), its head at the last point. */
export function Arrow({ points, color = FIG.muted, width = 1.5, head = 7, dash }: { points: [number, number][]; color?: string; width?: number; head?: number; dash?: boolean }) {
  const [x2, y2] = points[points.length - 1], [x1, y1] = points[points.length - 2];
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
  const bx = x2 - ux * head, by = y2 - uy * head;
  const tip = `${r1(x2)},${r1(y2)} ${r1(bx - uy * head * 0.5)},${r1(by + ux * head * 0.5)} ${r1(bx + uy * head * 0.5)},${r1(by - ux * head * 0.5)}`;
  const line = points.slice(0, -1).map(([x, y]) => `${r1(x)},${r1(y)}`).concat(`${r1(bx)},${r1(by)}`).join(" ");
  return (
    <g>
      <polyline points={line} fill="none" stroke={color} strokeWidth={width} strokeDasharray={dash ? "4 3" : undefined} />
      <polygon points={tip} fill={color} />
    </g>
  );
}
