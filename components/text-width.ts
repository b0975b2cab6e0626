// A label's rough width without a DOM to measure it (server rendering, SVG layout before paint): Hangul and other
// wide glyphs ≈ 1 em, the rest ≈ 0.6 em. Used by the attention views, cell charts and BERT 해부도. No imports, so a
// page that needs only this pulls in nothing else (the home page's diagram must stay light).
export function textWidth(s: string, fontPx = 12): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u4e00-\u9fff]/.test(ch) ? fontPx : fontPx * 0.62;
  return w;
}
