// The fine-tuning loop's view of data: labelled texts and a tokenizer that pads each batch to its longest row.
import type { BertBatch } from "../model";
import { mulberry32 } from "../model";

export interface LabeledExample { text: string; label: number }

/** Structurally lib/tokenizer's WordPieceTokenizer.encodeBatch (dynamic padding, never to maxLen). */
export interface BatchEncoder {
  encodeBatch(texts: string[], opts: { maxLen: number }): BertBatch & { lengths?: number[] };
}

/** Seeded Fisher-Yates permutation of 0..n-1: the same seed gives the same epoch order (needed for resumes). */
export function shuffledIndices(n: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}
