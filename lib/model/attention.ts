// Multi-head self-attention, one small function per step so the tutorial can show each of them.
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import { headSize } from "./config";
import type { Ctx } from "./context";
import { layerNames } from "./names";
import { dense, dropout, layerNorm, matmul, matmulBT } from "./ops";
import { param, type Params } from "./params";

/**
 * Additive mask from the [B, T] 0/1 attention mask: 0 where a key is real, -10000 where it is padding.
 * Large but finite on purpose: WGSL may assume finite values, and exp(-10000) is exactly 0 in float32.
 */
export const MASK_NEGATIVE = -10000;
export function additiveMask(attentionMask: tf.Tensor): tf.Tensor {
  const [B, T] = attentionMask.shape as number[];
  const m = tf.reshape(tf.cast(attentionMask, "float32"), [B, 1, 1, T]); // [B, 1, 1, T] broadcasts over heads and queries
  return tf.mul(tf.sub(1, m), MASK_NEGATIVE);
}

/** [B, T, H] -> [B, A, T, D]: cut the hidden vector into A heads of size D. */
export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  const [B, T, H] = x.shape as number[];
  return tf.transpose(tf.reshape(x, [B, T, numHeads, H / numHeads]), [0, 2, 1, 3]);
}

/** [B, A, T, D] -> [B, T, H]: concatenate the heads back. */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  const [B, A, T, D] = x.shape as number[];
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [B, T, A * D]);
}

/** Scaled dot-product scores q k^T / sqrt(D): [B, A, T, D] x [B, A, T, D] -> [B, A, T, T]. */
export function attentionScores(q: tf.Tensor, k: tf.Tensor): tf.Tensor {
  const D = (q.shape as number[])[3];
  return tf.div(matmulBT(q, k), Math.sqrt(D)); // q k^T
}

export interface AttentionOutput {
  output: tf.Tensor;  // [B, T, H] after the output projection, residual and LayerNorm
  probs: tf.Tensor;   // [B, A, T, T] attention probabilities (before dropout); each row sums to 1
}

/** Self-attention block of layer i: Q/K/V projections, softmax(scores + mask) V, output dense, residual, LayerNorm. */
export function selfAttention(params: Params, config: BertConfig, i: number, x: tf.Tensor, mask: tf.Tensor, ctx: Ctx): AttentionOutput {
  const n = layerNames(i);
  const A = config.num_attention_heads;
  const w = (name: string) => param(params, `${name}.weight`);
  const b = (name: string) => param(params, `${name}.bias`);
  const tag = `layer.${i}.attention`;

  const q = splitHeads(dense(x, w(n.query), b(n.query)), A);   // [B, A, T, D]
  const k = splitHeads(dense(x, w(n.key), b(n.key)), A);       // [B, A, T, D]
  const v = splitHeads(dense(x, w(n.value), b(n.value)), A);   // [B, A, T, D]
  ctx.hook(`${tag}.query`, q);
  ctx.hook(`${tag}.key`, k);
  ctx.hook(`${tag}.value`, v);

  const scores = tf.add(attentionScores(q, k), mask);           // [B, A, T, T], padded keys ~ -10000
  ctx.hook(`${tag}.scores`, scores);
  const probs = tf.softmax(scores);                             // over the key axis (last)
  ctx.hook(`${tag}.probs`, probs);
  const context = mergeHeads(matmul(dropout(probs, ctx.attnDrop, ctx.seeds.seed()), v)); // [B, T, H]
  ctx.hook(`${tag}.context`, context);

  const projected = dropout(dense(context, w(n.attnOut), b(n.attnOut)), ctx.hiddenDrop, ctx.seeds.seed());
  const output = layerNorm(tf.add(projected, x), w(n.attnLayerNorm), b(n.attnLayerNorm), config.layer_norm_eps); // post-LN
  ctx.hook(`${tag}.output`, output);
  return { output, probs };
}

/** Convenience for the tutorial: D, the per-head size. */
export { headSize };
