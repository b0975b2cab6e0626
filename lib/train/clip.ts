// Global gradient-norm clipping. The sum of squares is added up one tensor at a time, never with tf.addN:
// addN with more than 7 inputs silently returns zeros on WebGPU (tfjs 4.22).
import * as tf from "@tensorflow/tfjs";

/** sqrt(sum over tensors of sum(g^2)) as a scalar tensor. */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0);
    for (const g of grads) total = tf.add(total, tf.sum(tf.square(g)));
    return tf.sqrt(total) as tf.Scalar;
  });
}

/**
 * Scale all gradients by min(1, maxNorm / (norm + 1e-6)), like torch.nn.utils.clip_grad_norm_.
 * Stays on the device (no read-back). Returns the new gradients and the pre-clipping norm.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: tf.Scalar } {
  const norm = globalNorm(grads);
  const clipped = tf.tidy(() => {
    const coef = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    return grads.map((g) => tf.mul(g, coef));
  });
  return { grads: clipped, norm };
}
