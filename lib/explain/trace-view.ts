// The tf-free half of the whole-model trace (trace.ts): what "BERT 해부도" draws for one sentence. Every block of
// the model, in the order a sentence goes through it, with a small piece of the tensor it produced: the first DIMS
// dimensions of each token's vector (the real values, rounded to 4 decimals), every head's attention, the pooled
// [CLS] vector, the logits and the probabilities. Small enough to ship in the home page's HTML as the picture shown
// before the reader types (components/anatomy/example.json) and to cross postMessage.

/** Dimensions of each hidden vector the diagram keeps (of H = 256): the heat map's columns. */
export const TRACE_DIMS = 16;

export type BlockKind = "tokens" | "embeddings" | "attention" | "ffn" | "cls" | "pooler" | "classifier" | "softmax";

export interface TraceBlock {
  /** "tokens", "embeddings", "layer1.attention", "layer1.ffn", …, "cls", "pooler", "classifier", "softmax". */
  id: string;
  kind: BlockKind;
  /** Layer number counted from 1, as chapter 7 and the explorer count (attention and ffn blocks only). */
  layer?: number;
  /** The full shape of the tensor this block outputs, e.g. [9, 256]. */
  shape: number[];
  /** Rows (one per token, or one row for a vector) of the first TRACE_DIMS values (all values when fewer). */
  rows: number[][];
  /** attention: [A][T][T] probabilities of each head (query row, key column). */
  heads?: number[][][];
}

export interface Trace {
  text: string;
  /** Pieces as the model sees them ([CLS] … [SEP]); a [UNK] shows what the reader typed. */
  tokens: string[];
  ids: number[];
  labels: string[];
  /** L, A, H and I (the feed-forward's inner size) of the model. */
  layers: number;
  heads: number;
  hidden: number;
  intermediate: number;
  blocks: TraceBlock[];
  logits: number[];
  probs: number[];
  prediction: number;
  /** Set on a precomputed trace: which backend and when (the label under the picture). */
  made?: { backend: string; date: string };
}

/** Rounds to 4 decimals: what the diagram shows, and within 1e-4 of the engine's value. */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
