// Small SVG pieces the chapter 1–3 figures share: a box with a label, an arrow, a token chip, and a rough text width
// for laying chips out in a row (Hangul is about 1 em wide, Latin about half). All of it renders at build time.
import type { ReactNode } from "react";
import { FIG } from "./Figure";

/** Rough width of `s` in SVG units at font size `size` (Noto Sans CJK / system sans). */
export function textWidth(s: string, size: number = FIG.font): number {
  let em = 0;
  for (const ch of s) {
    if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u4e00-\u9fff]/.test(ch)) em += 0.95;
    else if (/[A-Z#]/.test(ch)) em += 0.66;
    else if (/[a-z0-9]/.test(ch)) em += 0.55;
    else if (ch === " ") em += 0.28;
    else em += 0.36;
  }
  return em * size;
}

interface TextProps {
  x: number;
  y: number;
  children: ReactNode;
  size?: number;
  color?: string;
  anchor?: "start" | "middle" | "end";
  weight?: number;
  mono?: boolean;
  /** A white outline so the label reads over lines that cross it. */
  halo?: boolean;
}

/**
 * Wrap a drawing in this: its text defaults (ink, 13 units, centred) are inherited, so each label writes only what
 * differs and a figure stays a few KB.
 */
export function Draw({ children }: { children: ReactNode }) {
  return (
    <g fill={FIG.ink} fontSize={FIG.font} textAnchor="middle" strokeWidth={1.2}>
      {children}
    </g>
  );
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A label; `y` is the baseline. Inside <Draw>, defaults are not written out. */
export function T({ x, y, children, size = FIG.font, color = FIG.ink, anchor = "middle", weight, mono, halo }: TextProps) {
  return (
    <text
      x={r1(x)}
      y={r1(y)}
      fontSize={size === FIG.font ? undefined : size}
      fill={color === FIG.ink ? undefined : color}
      textAnchor={anchor === "middle" ? undefined : anchor}
      fontWeight={weight}
      fontFamily={mono ? "monospace" : undefined}
      {...(halo ? { stroke: "#fff", strokeWidth: 5, strokeLinejoin: "round" as const, paintOrder: "stroke" } : {})}
    >
      {children}
    </text>
  );
}

interface BoxProps {
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: string;
  stroke?: string;
  /** One or two lines, centred. */
  label?: ReactNode;
  sub?: ReactNode;
  size?: number;
  dash?: boolean;
  r?: number;
  subSize?: number;
}

export function Box({ x, y, w, h, fill = "#fff", stroke = FIG.line, label, sub, size = FIG.font, dash, r = 5, subSize = FIG.small }: BoxProps) {
  const cy = y + h / 2;
  return (
    <>
      <rect x={x} y={y} width={w} height={h} rx={r} fill={fill} stroke={stroke} strokeDasharray={dash ? "4 3" : undefined} />
      {label !== undefined && (
        <T x={x + w / 2} y={sub !== undefined ? cy - 3 : cy + size * 0.36} size={size}>
          {label}
        </T>
      )}
      {sub !== undefined && (
        <T x={x + w / 2} y={cy + subSize + 1} size={subSize} color={FIG.muted}>
          {sub}
        </T>
      )}
    </>
  );
}

/** The path data of an arrow from (x1, y1) to (x2, y2): the shaft, then the head as a closed triangle. */
export function arrowD(x1: number, y1: number, x2: number, y2: number): string {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const L = 7, s = 3.6;
  const bx = x2 - L * Math.cos(a), by = y2 - L * Math.sin(a);
  return `M${r1(x1)} ${r1(y1)}L${r1(bx)} ${r1(by)}M${r1(x2)} ${r1(y2)}L${r1(bx - s * Math.sin(a))} ${r1(by + s * Math.cos(a))}L${r1(bx + s * Math.sin(a))} ${r1(by - s * Math.cos(a))}Z`;
}

/** A straight arrow from (x1, y1) to (x2, y2), head at the end: one path, the shaft and a filled head. */
export function Arrow({ x1, y1, x2, y2, color = FIG.muted, width = 1.4, dash }: { x1: number; y1: number; x2: number; y2: number; color?: string; width?: number; dash?: boolean }) {
  const d = arrowD(x1, y1, x2, y2);
  const at = d.indexOf("M", 1);
  return dash ? (
    <g>
      <path d={d.slice(0, at)} stroke={color} strokeWidth={width} strokeDasharray="4 3" />
      <path d={d.slice(at)} fill={color} />
    </g>
  ) : (
    <path d={d} stroke={color} strokeWidth={width} fill={color} strokeLinejoin="round" />
  );
}

/** Many arrows of one colour as a single path: [x1, y1, x2, y2] each. */
export function Arrows({ list, color = FIG.muted, width = 1.4 }: { list: [number, number, number, number][]; color?: string; width?: number }) {
  return <path d={list.map(([a, b, c, d]) => arrowD(a, b, c, d)).join("")} stroke={color} strokeWidth={width} fill={color} strokeLinejoin="round" />;
}

/** A polyline path with an arrow head at its last point. */
export function PathArrow({ points, color = FIG.muted, width = 1.4 }: { points: [number, number][]; color?: string; width?: number }) {
  const last = points[points.length - 1], prev = points[points.length - 2];
  return (
    <g>
      <polyline points={points.slice(0, -1).map((q) => q.join(",")).join(" ")} fill="none" stroke={color} strokeWidth={width} />
      <Arrow x1={prev[0]} y1={prev[1]} x2={last[0]} y2={last[1]} color={color} width={width} />
    </g>
  );
}

export interface Chip {
  text: string;
  x: number;
  w: number;
}

/** Lay `tokens` out in one row of chips centred on `cx`, with `gap` between them. */
export function chipRow(tokens: readonly string[], cx: number, size: number = FIG.font, gap = 5, pad = 10): Chip[] {
  const ws = tokens.map((t) => Math.max(textWidth(t, size) + pad, 22));
  const total = ws.reduce((a, b) => a + b, 0) + gap * (tokens.length - 1);
  let x = cx - total / 2;
  return tokens.map((text, i) => {
    const c = { text, x, w: ws[i] };
    x += ws[i] + gap;
    return c;
  });
}

/** The fill and border of a token chip: special tokens ([CLS], [SEP], [PAD], [MASK]) are grey or pink. */
export function chipColors(t: string): [string, string] {
  if (t === "[MASK]") return [FIG.head, FIG.headLine];
  if (/^\[[A-Z]+\]$/.test(t)) return ["#f1f3f5", FIG.line];
  return [FIG.token, FIG.tokenLine];
}

export function Chips({ chips, y, h = 24, size = FIG.font }: { chips: Chip[]; y: number; h?: number; size?: number }) {
  return (
    <g>
      {chips.map((c, i) => {
        const [fill, stroke] = chipColors(c.text);
        return <Box key={i} x={c.x} y={y} w={c.w} h={h} fill={fill} stroke={stroke} label={c.text} size={size} r={4} />;
      })}
    </g>
  );
}

/** "6,330,624": the thousands separators the chapters' cells print (toLocaleString). */
export const n = (v: number) => v.toLocaleString("en-US");
