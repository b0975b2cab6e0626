// The fine-tuning loop's view of data: labelled texts and a tokenizer that pads each batch to its longest row.
import type { BertBatch } from "../model";

export interface LabeledExample { text: string; label: number }

/** Structurally lib/tokenizer's WordPieceTokenizer.encodeBatch (dynamic padding, never to maxLen). */
export interface BatchEncoder {
  encodeBatch(texts: string[], opts: { maxLen: number }): BertBatch & { lengths?: number[] };
}
