// The data every attention view draws: tokens and the attention probabilities of one sentence,
// L layers × A heads × T queries × T keys, flat and row-major (values[((l*A + h)*T + i)*T + j]).
import * as d3 from "d3";

export interface AttentionData {
  tokens: string[];
  layers: number;
  heads: number;
  values: ArrayLike<number>;
}

/** Optional classifier output shown above the maps. */
export interface AttentionPrediction {
  labels: string[];
  probs: number[];
  /** argmax of probs when absent. */
  label?: number;
}

/** A token the reader points at: a query (left column / top row) or a key (right column / bottom row). */
export interface Hover {
  side: "query" | "key";
  index: number;
}

export const T = (d: AttentionData) => d.tokens.length;

export function weight(d: AttentionData, l: number, h: number, i: number, j: number): number {
  const t = d.tokens.length;
  return d.values[((l * d.heads + h) * t + i) * t + j];
}

/** One head's T×T matrix as a view into the flat values (no copy when values is a typed array). */
export function headMatrix(d: AttentionData, l: number, h: number): ArrayLike<number> {
  const t = d.tokens.length;
  const start = (l * d.heads + h) * t * t;
  const v = d.values;
  if (ArrayBuffer.isView(v)) return (v as Float32Array).subarray(start, start + t * t);
  return Array.prototype.slice.call(v, start, start + t * t) as number[];
}

/** Checks shapes early, so a view never draws garbage. Returns a message in Korean, or null. */
export function validate(d: AttentionData): string | null {
  const t = d.tokens.length;
  if (t === 0) return "토큰이 없습니다: 빈 문장은 그릴 수 없습니다.";
  if (!(d.layers > 0 && d.heads > 0)) return `층 수(${d.layers})와 헤드 수(${d.heads})는 1 이상이어야 합니다.`;
  const want = d.layers * d.heads * t * t;
  if (d.values.length !== want) {
    return `어텐션 값이 ${d.values.length}개인데, 층 ${d.layers} × 헤드 ${d.heads} × 토큰 ${t} × ${t} = ${want}개여야 합니다.`;
  }
  return null;
}

/** One colour per head (colour-blind friendly Tableau 10). */
export const headColor = (h: number) => d3.schemeTableau10[h % 10];

/** Colour of an attention weight in [0, 1]; square-root scale so small but real weights stay visible. */
export const weightColor = d3.scaleSequentialSqrt(d3.interpolateBlues).domain([0, 1]);

/** Rough pixel width of a label (components/text-width.ts). */
export { textWidth } from "@/components/text-width";

/** Shortens a very long token for a label ("##" pieces keep their prefix). */
export function shortLabel(s: string, max = 10): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join("") + "…";
}

let lutCache: Uint8Array | null = null;
/** weightColor at 256 levels as r,g,b bytes: parsing a colour per cell would be slow for 128×128 maps. */
function colorTable(): Uint8Array {
  if (lutCache) return lutCache;
  lutCache = new Uint8Array(256 * 3);
  for (let q = 0; q < 256; q++) {
    const c = d3.rgb(weightColor(q / 255));
    lutCache.set([c.r, c.g, c.b], q * 3);
  }
  return lutCache;
}

/** Draws one head's matrix into a canvas (one pixel per cell) and returns it as a data URL for an SVG <image>. */
export function matrixImage(d: AttentionData, l: number, h: number): string {
  const t = d.tokens.length;
  if (typeof document === "undefined") return "";
  const canvas = document.createElement("canvas");
  canvas.width = t;
  canvas.height = t;
  const ctx = canvas.getContext("2d");
  if (!ctx) return "";
  const img = ctx.createImageData(t, t);
  const m = headMatrix(d, l, h);
  const lut = colorTable();
  for (let k = 0; k < t * t; k++) {
    const q = Math.round(Math.min(1, Math.max(0, m[k] || 0)) * 255) * 3;
    img.data[4 * k] = lut[q];
    img.data[4 * k + 1] = lut[q + 1];
    img.data[4 * k + 2] = lut[q + 2];
    img.data[4 * k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL();
}

/** Every how many labels to print so that labels at `step` px apart never overlap (≥ 1). */
export function labelEvery(step: number, fontPx = 11): number {
  return Math.max(1, Math.ceil((fontPx + 2) / step));
}
