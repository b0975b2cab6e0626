// Global gradient-norm clipping. The sum of squares is added up one tensor at a time, never with tf.addN:
// addN with more than 7 inputs silently returns zeros on WebGPU (tfjs 4.22).
import * as tf from "@tensorflow/tfjs";
import { defaultGroupElements } from "./adamw";
import { cutIntoGroups, flatten } from "./flat-groups";

/**
 * sum(g^2) of one group. tfjs-wasm's Sum adds a tensor's numbers one after another in float32: over a 4M-number
 * group that lost 0.16% of BERT-mini's gradient norm (2.99015 against 2.99496 in float64, webgpu-limits.test.ts).
 * A single tensor of rank >= 2 is summed by rows first (rows of H or 4H numbers, then the row sums), which keeps
 * it to ~1e-6 there; GPU backends reduce in trees and are that exact either way.
 */
function sumOfSquares(group: tf.Tensor[]): tf.Tensor {
  if (group.length === 1 && group[0].rank >= 2) return tf.sum(tf.sum(tf.square(group[0]), -1));
  return tf.sum(tf.square(flatten(group)));
}

/**
 * sqrt(sum over tensors of sum(g^2)) as a scalar tensor. On WebGPU and WebGL gradients are joined into vectors of up
 * to `limit` numbers first (one concat, square, sum each): ~10 kernels for BERT-mini's 73 gradients instead of ~220.
 * On WASM and CPU (limit 0, as AdamW's) one tensor at a time: kernels are cheap there, and see sumOfSquares.
 */
export function globalNorm(grads: tf.Tensor[], limit = defaultGroupElements()): tf.Scalar {
  let total: tf.Tensor = tf.scalar(0);
  for (const group of cutIntoGroups(grads, (g) => g.size, limit)) {
    // Per group, so each g^2 is freed at once: a tidy around the loop would hold a squared copy of every gradient.
    const next = tf.tidy(() => tf.add(total, sumOfSquares(group)));
    total.dispose();
    total = next;
  }
  const norm = tf.sqrt(total) as tf.Scalar;
  total.dispose();
  return norm;
}

/**
 * Scale all gradients by min(1, maxNorm / (norm + 1e-6)), like torch.nn.utils.clip_grad_norm_.
 * Stays on the device (no read-back). Returns the new gradients and the pre-clipping norm.
 * With `consume`, each input gradient is disposed as soon as its clipped copy exists, so the peak is one copy
 * of one tensor rather than of all of them.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number, opts: { consume?: boolean } = {}): { grads: tf.Tensor[]; norm: tf.Scalar } {
  const norm = globalNorm(grads);
  const coef = tf.tidy(() => tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6))));
  const clipped = grads.map((g) => {
    const c = tf.mul(g, coef);
    if (opts.consume) g.dispose();
    return c;
  });
  coef.dispose();
  return { grads: clipped, norm };
}
