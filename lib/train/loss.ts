// Softmax cross-entropy: the loss of a C-way classifier (C = 2 for sentiment: two logits, not one sigmoid).
import * as tf from "@tensorflow/tfjs";

/**
 * Mean over rows of -log softmax(logits)[label]. logits [N, C], labels int [N].
 * Optional weights [N] (0/1) average only over the rows that count (e.g. masked-LM positions).
 */
export function softmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const C = logits.shape[logits.rank - 1] as number;
    const logp = tf.logSoftmax(logits);                                   // [N, C], stable
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.cast(tf.reshape(labels, [-1]), "int32"), C)), -1); // [N]
    if (!weights) return tf.neg(tf.mean(picked)) as tf.Scalar;
    const w = tf.reshape(tf.cast(weights, "float32"), [-1]);
    return tf.neg(tf.div(tf.sum(tf.mul(picked, w)), tf.maximum(tf.sum(w), 1))) as tf.Scalar;
  });
}
