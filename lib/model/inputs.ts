// What the model eats: the tokenizer's BatchEncoding (lib/README.md), turned into int32 tensors.
import * as tf from "@tensorflow/tfjs";

/** Structurally the tokenizer's BatchEncoding: flat row-major [B*T] arrays, padded to the batch's longest row. */
export interface BertBatch {
  inputIds: Int32Array | number[];
  attentionMask?: Int32Array | number[];   // 1 = real token, 0 = padding; all ones when absent
  tokenTypeIds?: Int32Array | number[];    // segment A = 0, B = 1; all zeros when absent
  batchSize: number;
  seqLen: number;
}

export interface BertTensors {
  inputIds: tf.Tensor2D;       // [B, T] int32
  attentionMask: tf.Tensor2D;  // [B, T] int32
  tokenTypeIds: tf.Tensor2D;   // [B, T] int32
  /**
   * Word embeddings [B, T, H] to use instead of looking up inputIds (Hugging Face's `inputs_embeds`). Positions
   * and segments are still added. Gradient-based explanations (lib/explain) differentiate with respect to these.
   */
  inputsEmbeds?: tf.Tensor;
}

/** Build the three [B, T] int32 tensors (caller disposes, or call inside tf.tidy). */
export function batchTensors(b: BertBatch): BertTensors {
  const shape: [number, number] = [b.batchSize, b.seqLen];
  const n = b.batchSize * b.seqLen;
  if (b.inputIds.length !== n) throw new Error(`inputIds has ${b.inputIds.length} ids, expected B*T = ${n}`);
  return {
    inputIds: tf.tensor2d(Int32Array.from(b.inputIds), shape, "int32"),
    attentionMask: b.attentionMask ? tf.tensor2d(Int32Array.from(b.attentionMask), shape, "int32") : tf.ones(shape, "int32"),
    tokenTypeIds: b.tokenTypeIds ? tf.tensor2d(Int32Array.from(b.tokenTypeIds), shape, "int32") : tf.zeros(shape, "int32"),
  };
}
