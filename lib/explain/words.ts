// Word pieces back into the words the reader typed. WordPiece marks a piece that continues the previous one
// with "##" (영화 ##를 → 영화를); special tokens ([CLS], [SEP], …) and punctuation are words of their own, as
// the basic tokenizer split them before WordPiece ran.

export interface WordSpan {
  /** The word as typed: the first piece and every "##" piece after it, prefix dropped. */
  text: string;
  /** Pieces [start, end) of the token sequence. */
  start: number;
  end: number;
  special: boolean;
}

// [UNK] is not among them: it stands for something the reader typed (an emoji, a rare character).
const SPECIAL = /^\[(CLS|SEP|PAD|MASK)\]$/;
export const isSpecialToken = (t: string) => SPECIAL.test(t);

/** Groups tokens into words: a "##" piece joins the word before it unless that word is a special token. */
export function wordSpans(tokens: readonly string[]): WordSpan[] {
  const spans: WordSpan[] = [];
  tokens.forEach((tok, i) => {
    const last = spans[spans.length - 1];
    if (tok.startsWith("##") && tok.length > 2 && last && !last.special) {
      last.text += tok.slice(2);
      last.end = i + 1;
    } else {
      spans.push({ text: tok, start: i, end: i + 1, special: isSpecialToken(tok) });
    }
  });
  return spans;
}

/** Piece positions of the special tokens ([CLS], [SEP], …): a special word is always one piece. */
export function specialPositions(spans: readonly WordSpan[]): Set<number> {
  return new Set(spans.filter((w) => w.special).map((w) => w.start));
}

/**
 * Piece-level attention [L, A, T, T] (flat, row-major) → word-level [L, A, W, W]. Attention *to* a word is the sum
 * over its pieces (what the query gave to all of them); attention *from* a word is the mean over its pieces (each
 * piece's row sums to 1, so the mean does too). Every word row therefore still sums to 1.
 */
export function mergeAttention(values: ArrayLike<number>, layers: number, heads: number, T: number, spans: readonly WordSpan[]): Float32Array {
  const W = spans.length;
  const out = new Float32Array(layers * heads * W * W);
  const col = new Float32Array(W);                     // one query piece's row, summed per key word
  for (let m = 0; m < layers * heads; m++) {
    const base = m * T * T;
    for (let a = 0; a < W; a++) {
      const { start, end } = spans[a];
      const row = out.subarray((m * W + a) * W, (m * W + a + 1) * W);
      for (let i = start; i < end; i++) {
        col.fill(0);
        for (let b = 0; b < W; b++) for (let j = spans[b].start; j < spans[b].end; j++) col[b] += values[base + i * T + j];
        for (let b = 0; b < W; b++) row[b] += col[b] / (end - start);
      }
    }
  }
  return out;
}

/** Per-piece scores → per-word scores by summing (attributions add up, so completeness carries over). */
export function mergeScores(scores: ArrayLike<number>, spans: readonly WordSpan[]): number[] {
  return spans.map(({ start, end }) => {
    let s = 0;
    for (let i = start; i < end; i++) s += scores[i];
    return s;
  });
}

/**
 * What the reader typed for piece `i` when the tokenizer made it [UNK] (its offsets into `text`), else null: a view
 * labels it "😂", not "[UNK]".
 */
export function typedUnknown(text: string, enc: { tokens: readonly string[]; offsets: readonly (readonly [number, number])[] }, unk: string, i: number): string | null {
  const [start, end] = enc.offsets[i];
  return enc.tokens[i] === unk && end > start ? text.slice(start, end) : null;
}
