// Global gradient-norm clipping. The sum of squares is added up one tensor at a time, never with tf.addN:
// addN with more than 7 inputs silently returns zeros on WebGPU (tfjs 4.22).
import * as tf from "@tensorflow/tfjs";
import { FLAT_GROUP_ELEMENTS, cutIntoGroups, flatten } from "./flat-groups";

/**
 * sqrt(sum over tensors of sum(g^2)) as a scalar tensor. Gradients are joined into vectors of up to `limit`
 * numbers first (one concat, square, sum each): ~10 kernels for BERT-mini's 73 gradients instead of ~220.
 */
export function globalNorm(grads: tf.Tensor[], limit = FLAT_GROUP_ELEMENTS): tf.Scalar {
  let total: tf.Tensor = tf.scalar(0);
  for (const group of cutIntoGroups(grads, (g) => g.size, limit)) {
    // Per group, so each g^2 is freed at once: a tidy around the loop would hold a squared copy of every gradient.
    const next = tf.tidy(() => tf.add(total, tf.sum(tf.square(flatten(group)))));
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
