// Test fixtures: a whitespace tokenizer with the BERT special ids, and a tiny learnable sentiment task.
import type { BatchEncoder, LabeledExample } from "../../../lib/train";
import { mulberry32 } from "../../../lib/model";

export const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
export const POS = ["good", "great", "fine"];
export const NEG = ["bad", "awful", "poor"];
export const FILLER = ["the", "a", "movie", "plot", "actor", "scene", "was", "very", "and", "it"];
export const VOCAB = [...SPECIALS, ...POS, ...NEG, ...FILLER];

/** Whitespace tokenizer over VOCAB with dynamic padding, shaped like lib/tokenizer's encodeBatch. */
export class ToyTokenizer implements BatchEncoder {
  readonly ids = new Map(VOCAB.map((t, i) => [t, i]));
  constructor(readonly vocab = VOCAB) { this.ids = new Map(vocab.map((t, i) => [t, i])); }
  static fromVocabText(text: string) { return new ToyTokenizer(text.split("\n").filter((l) => l.length)); }
  get vocabSize() { return this.vocab.length; }
  encode(text: string, maxLen: number): number[] {
    const ids = text.split(/\s+/).filter(Boolean).map((w) => this.ids.get(w) ?? 1);
    return [2, ...ids.slice(0, maxLen - 2), 3];
  }
  encodeBatch(texts: string[], opts: { maxLen: number }) {
    const rows = texts.map((t) => this.encode(t, opts.maxLen));
    const T = Math.max(...rows.map((r) => r.length));
    const B = rows.length;
    const inputIds = new Int32Array(B * T), attentionMask = new Int32Array(B * T), tokenTypeIds = new Int32Array(B * T);
    rows.forEach((r, b) => r.forEach((id, t) => { inputIds[b * T + t] = id; attentionMask[b * T + t] = 1; }));
    return { inputIds, attentionMask, tokenTypeIds, batchSize: B, seqLen: T, lengths: rows.map((r) => r.length) };
  }
}

/** Sentences of 2-8 filler words with exactly one sentiment word; label 1 iff it is positive. */
export function toyDataset(n: number, seed: number): LabeledExample[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  return Array.from({ length: n }, () => {
    const label = rand() < 0.5 ? 0 : 1;
    const words = Array.from({ length: 2 + Math.floor(rand() * 7) }, () => pick(FILLER));
    words.splice(Math.floor(rand() * (words.length + 1)), 0, pick(label ? POS : NEG));
    return { text: words.join(" "), label };
  });
}
