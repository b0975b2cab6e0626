// Batched matrix products on tfjs-wasm, run as a depthwise convolution so that XNNPACK's GEMM does the work.
//
// Why: tfjs-wasm 4.22 sends a BatchMatMul to XNNPACK only when both batch sizes are 1 and nothing is
// transposed. Attention's [B*A, T, D] products take its fallback, a scalar triple loop: 1.7 GFLOP/s here, 40 ms
// for one 32x4x64x64 product, a quarter of a BERT-mini training step. A depthwise convolution is the same sum:
//
//   C[g, m, n] = sum_k A[g, m, k] B[g, k, n]
//   out[0, y, 0, c*N + n] = sum_x in[0, y, x, c] f[0, x, c, n]     (depthwise, filter 1 x K, channel multiplier N)
//
// with y = m, x = k, c = g: in[0, m, k, g] = A[g, m, k] and f[0, k, g, n] = B[g, k, n]. XNNPACK runs it as one
// GEMM per group (channel) with its SIMD micro-kernels: ~9 ms instead of ~40. The layouts cost one transpose per
// operand and one for the result; a transposed operand (for the gradients) is read through a different
// permutation, not transposed twice.
import * as tf from "@tensorflow/tfjs";

/**
 * op(a) @ op(b) for a [G, M, K] (or [G, K, M] when ta), b [G, K, N] (or [G, N, K] when tb) -> [G, M, N],
 * through tf.depthwiseConv2d. Any backend computes the same numbers; it is only faster on wasm.
 */
export function bmmDepthwise(a: tf.Tensor3D, b: tf.Tensor3D, ta = false, tb = false): tf.Tensor3D {
  return tf.tidy(() => {
    const [G, a1, a2] = a.shape;
    const [, b1, b2] = b.shape;
    const [M, K] = ta ? [a2, a1] : [a1, a2];
    const N = tb ? b1 : b2;
    const x = tf.reshape(tf.transpose(a, ta ? [2, 1, 0] : [1, 2, 0]), [1, M, K, G]) as tf.Tensor4D; // [1, M, K, G]
    const f = tf.reshape(tf.transpose(b, tb ? [2, 0, 1] : [1, 0, 2]), [1, K, G, N]) as tf.Tensor4D; // [1, K, G, N]
    const y = tf.depthwiseConv2d(x, f, 1, "valid");                                                  // [1, M, 1, G*N]
    return tf.transpose(tf.reshape(y, [M, G, N]), [1, 0, 2]) as tf.Tensor3D;                         // [G, M, N]
  });
}
