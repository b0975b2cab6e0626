// Saving a view as SVG or PNG. The page styles the SVGs with CSS classes (attention.css), which a file on its own
// would not have, so every element's computed paint and text styles are copied inline. For the PNG the SVG is
// drawn into a canvas through an <img>, and an <img> may not use the page's web fonts: the @font-face subsets
// of the page's Korean font that the view's text needs are embedded as data URLs, so Hangul is drawn in it.

const STYLE_PROPS = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "opacity", "display", "visibility",
  "font-family", "font-size", "font-weight", "text-anchor", "dominant-baseline", "image-rendering",
];

/** A standalone copy of `svg` with computed styles inline and an explicit size. */
export function standaloneSvg(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll("*")];
  const dst = [copy, ...copy.querySelectorAll("*")];
  src.forEach((el, k) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";");
    (dst[k] as Element).setAttribute("style", style);
  });
  const box = svg.getBoundingClientRect();
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(Number(svg.getAttribute("width")) || Math.ceil(box.width)));
  copy.setAttribute("height", String(Number(svg.getAttribute("height")) || Math.ceil(box.height)));
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  copy.insertBefore(bg, copy.firstChild);
  return copy;
}

/** Does a CSS unicode-range ("U+AC00-D7A3, U+0041") cover any of the code points? */
function coversAny(range: string, codes: Set<number>): boolean {
  if (!range) return true;
  return range.split(",").some((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
    const lo = parseInt(a.replace(/\?/g, "0"), 16), hi = b ? parseInt(b, 16) : parseInt(a.replace(/\?/g, "F"), 16);
    for (const c of codes) if (c >= lo && c <= hi) return true;
    return false;
  });
}

async function dataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

/** @font-face rules (as CSS text with data URLs) of the font families used in `svg` that cover its text. */
export async function embeddedFonts(svg: SVGSVGElement): Promise<string> {
  const codes = new Set([...(svg.textContent ?? "")].map((c) => c.codePointAt(0)!));
  const families = new Set(getComputedStyle(svg).fontFamily.split(",").map((f) => f.trim().replace(/^["']|["']$/g, "")));
  const rules: string[] = [];
  for (const sheet of [...document.styleSheets]) {
    let cssRules: CSSRuleList;
    try { cssRules = sheet.cssRules; } catch { continue; }          // another origin's sheet: not ours to read
    for (const rule of [...cssRules]) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const family = rule.style.getPropertyValue("font-family").trim().replace(/^["']|["']$/g, "");
      if (!families.has(family) || !coversAny(rule.style.getPropertyValue("unicode-range"), codes)) continue;
      const m = rule.style.getPropertyValue("src").match(/url\(["']?([^"')]+)["']?\)/);
      if (!m) continue;
      const url = new URL(m[1], sheet.href ?? location.href).href;
      try {
        rules.push(rule.cssText.replace(m[0], `url(${await dataUrl(url)})`));
      } catch { /* a subset that fails to load falls back to the system font */ }
    }
  }
  return rules.join("\n");
}

function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function svgText(svg: SVGSVGElement, fonts = ""): string {
  const copy = standaloneSvg(svg);
  if (fonts) {
    const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
    style.textContent = fonts;
    copy.insertBefore(style, copy.firstChild);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

export function saveSvg(svg: SVGSVGElement, name: string): void {
  download(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${name}.svg`);
}

/** PNG at `scale`× (2 = sharp on high-density screens), with the page's Korean font embedded for the drawing. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg, await embeddedFonts(svg));
  const w = Number(svg.getAttribute("width")) || Math.ceil(svg.getBoundingClientRect().width);
  const h = Number(svg.getAttribute("height")) || Math.ceil(svg.getBoundingClientRect().height);
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("캔버스를 만들 수 없습니다");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG로 바꾸지 못했습니다"))), "image/png"));
  } finally {
    URL.revokeObjectURL(img.src);
  }
}

export async function savePng(svg: SVGSVGElement, name: string): Promise<void> {
  download(await pngBlob(svg), `${name}.png`);
}
