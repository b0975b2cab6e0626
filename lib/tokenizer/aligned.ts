// Text that remembers where it came from: every UTF-16 unit of `text` stands for a [start, end) of the ORIGINAL
// string, in its UTF-16 units (what JavaScript's indices count). The basic tokenizers normalize (NFC or NFD,
// lowercase, drop control characters), which changes lengths; words cut from Aligned text still know which part
// of the reader's input they stand for. Hugging Face's offsets_mapping comes from the same idea (NormalizedString).
//
// Most text needs no normalizing at all, and the tokenizer is the hot path when a corpus is encoded, so unchanged
// text carries no per-unit arrays: `map` is then a number, the original index of unit 0 (unit i is at map + i).

export interface Aligned {
  text: string;
  map: number | { start: number[]; end: number[] };
}

/** The original span of units [i, j): from the first unit's start to the last unit's end. */
export function span(a: Aligned, i: number, j: number): [number, number] {
  return typeof a.map === "number" ? [a.map + i, a.map + j] : [a.map.start[i], a.map.end[j - 1]];
}

/** Units [i, j) of `a` as their own Aligned string. */
export function slice(a: Aligned, i: number, j: number): Aligned {
  const text = a.text.slice(i, j);
  return typeof a.map === "number" ? { text, map: a.map + i } : { text, map: { start: a.map.start.slice(i, j), end: a.map.end.slice(i, j) } };
}

/**
 * Maps every code point of `a` through `f` (to "", itself, or other text); what one code point becomes stands for
 * that code point's span. Cheap when nothing changes: then `a` itself comes back.
 */
export function mapChars(a: Aligned, f: (ch: string) => string): Aligned {
  let text = "", changed = false;
  const start: number[] = [], end: number[] = [];
  for (let i = 0; i < a.text.length;) {
    const ch = String.fromCodePoint(a.text.codePointAt(i)!);
    const to = f(ch);
    if (to !== ch) changed = true;
    const [s, e] = span(a, i, i + ch.length);
    text += to;
    for (let k = 0; k < to.length; k++) { start.push(s); end.push(e); }
    i += ch.length;
  }
  return changed ? { text, map: { start, end } } : a;
}

// NFC composes a character with the marks (and Hangul vowel and final jamo) after it, never across a new base
// character; so it can run one such cluster at a time. A cluster NFC leaves alone keeps per-character spans; one
// that changes (e, U+0301 → é; ᄋ ᅧ ᆼ → 영) stands, as a whole, for the original characters it came from.
const CLUSTER = /[\s\S][\p{M}\u1160-\u11FF\uD7B0-\uD7FF]*/gu;

/** NFC of `text`, aligned to the original. Its text always equals text.normalize("NFC"). */
export function nfcAligned(text: string): Aligned {
  const want = text.normalize("NFC");
  if (want === text) return { text, map: 0 };
  const start: number[] = [], end: number[] = [];
  let out = "";
  for (const m of text.matchAll(CLUSTER)) {
    const c = m[0], at = m.index!;
    const n = c.normalize("NFC");
    out += n;
    if (n === c) for (let k = 0; k < c.length; k++) {
      // Per code point: both halves of a surrogate pair stand for the pair.
      const hi = c.charCodeAt(k) >= 0xd800 && c.charCodeAt(k) <= 0xdbff && k + 1 < c.length;
      const lo = k > 0 && c.charCodeAt(k) >= 0xdc00 && c.charCodeAt(k) <= 0xdfff && c.charCodeAt(k - 1) >= 0xd800 && c.charCodeAt(k - 1) <= 0xdbff;
      start.push(at + (lo ? k - 1 : k)); end.push(at + (hi ? k + 2 : k + 1));
    }
    else for (let k = 0; k < n.length; k++) { start.push(at); end.push(at + c.length); }
  }
  // A composition across clusters (none known): keep the tokens right, and let every unit stand for the whole text.
  if (out !== want) return { text: want, map: { start: Array(want.length).fill(0), end: Array(want.length).fill(text.length) } };
  return { text: out, map: { start, end } };
}
