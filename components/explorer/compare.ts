// Two explained sentences side by side: their words aligned by the longest common subsequence of the word lists
// (재밌다 / 재미없다 differ in one word; the words they share line up), with each word's IG attribution.
import type { Explanation } from "@/lib/explain/view";

export interface CompareRow {
  /** The word in sentence A / B, or null where that sentence has no matching word. */
  a: string | null;
  b: string | null;
  igA: number | null;
  igB: number | null;
}

interface Word { text: string; ig: number }

/** Content words (no [CLS]/[SEP]) with their IG scores; an explanation without methods scores 0. */
export function contentWords(e: Explanation): Word[] {
  const ig = e.methods?.find((m) => m.id === "ig")?.words;
  return e.words.flatMap((w, i) => (w.special ? [] : [{ text: w.text, ig: ig?.[i] ?? 0 }]));
}

/** LCS over the word texts, then a walk that emits matches side by side and the rest against "—". */
export function alignWords(a: readonly Word[], b: readonly Word[]): CompareRow[] {
  const n = a.length, m = b.length;
  // len[i][j]: LCS length of a[i:] and b[j:]
  const len = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      len[i][j] = a[i].text === b[j].text ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  const rows: CompareRow[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i].text === b[j].text) {
      rows.push({ a: a[i].text, b: b[j].text, igA: a[i].ig, igB: b[j].ig });
      i++; j++;
    } else if (j >= m || (i < n && len[i + 1][j] >= len[i][j + 1])) {
      rows.push({ a: a[i].text, b: null, igA: a[i].ig, igB: null });
      i++;
    } else {
      rows.push({ a: null, b: b[j].text, igA: null, igB: b[j].ig });
      j++;
    }
  }
  return rows;
}
