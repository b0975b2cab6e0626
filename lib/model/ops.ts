// The few primitives BERT is built from, written so they are fast and differentiable on every tfjs backend.
//
// Two backend facts shape this file (tfjs 4.22):
//  - WASM has no UnsortedSegmentSum kernel, so tf.gather has no gradient there. `gatherRows` brings its own
//    gradient: scatter the upstream rows back into a zero table (ScatterNd sums duplicate ids on cpu and wasm).
//  - A matMul with a transposed operand is 10-40x slower on WASM, and tf.matMul's own gradient uses exactly
//    those flags. On WASM `dense` and `matmul` therefore transpose explicitly and then multiply plainly (and
//    batched products go through wasm-bmm.ts). WebGPU, WebGL and CPU read transposed operands at no cost, and on
//    a GPU every explicit transpose is one more dispatch, so there the flags are passed as they are (`bmm`).
import * as tf from "@tensorflow/tfjs";
import { bmmDepthwise } from "./wasm-bmm";

/** Optional observer for intermediate tensors (Q, K, scores, ...). Call tf.keep(t) to use t after a tidy. */
// tfjs does not export CustomGradientFunc by name.
type CustomGradFn = Parameters<typeof tf.customGrad>[0];

export type TensorHook = (name: string, t: tf.Tensor) => void;

/** Swap the last two axes: [..., M, N] -> [..., N, M]. */
export function transposeLast2(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = x.rank;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(x, perm);
}

type Grad2 = (a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/**
 * op(a) @ op(b) over any leading batch dims, op = transpose of the last two axes when ta / tb.
 * On wasm a real batch goes through a depthwise convolution (XNNPACK's GEMM, see wasm-bmm.ts), ~4x faster than
 * its BatchMatMul, and a single product gets its transposes materialised; other backends take the flags.
 */
function bmm(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): tf.Tensor {
  if (tf.getBackend() !== "wasm") return tf.matMul(a, b, ta, tb);
  const lead = a.shape.slice(0, -2);
  const G = lead.reduce((p, q) => p * q, 1);
  if (G === 1) return tf.matMul(ta ? transposeLast2(a) : a, tb ? transposeLast2(b) : b); // XNNPACK's own 2-D path
  const [a1, a2] = a.shape.slice(-2), [b1, b2] = b.shape.slice(-2);
  const y = bmmDepthwise(tf.reshape(a, [G, a1, a2]) as tf.Tensor3D, tf.reshape(b, [G, b1, b2]) as tf.Tensor3D, ta, tb); // [G, M, N]
  return tf.reshape(y, [...lead, ta ? a2 : a1, tb ? b1 : b2]);
}

/**
 * Batched matrix product a @ b for a [..., M, K], b [..., K, N] -> [..., M, N] (same batch dims).
 * Gradients: da = dy @ b^T, db = a^T @ dy (on wasm without tf.matMul's transpose flags, see bmm).
 */
export const matmul: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.customGrad(((a, b, save) => {
  const value = bmm(a, b, false, false);
  save([a, b]); // after the op: a throwing op must not leave kept copies behind
  return {
    value,
    // tidy: tfjs runs a customGrad's gradFunc outside any scope, so without it the transposed copies would live
    // until the whole backward pass ends (for bert-base's dense layers, 377 MiB of them).
    gradFunc: (dy, [sa, sb]) => tf.tidy(() => [bmm(dy, sb, false, true), bmm(sa, dy, true, false)]),
  };
}) as Grad2 as unknown as CustomGradFn) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** a @ b^T for a [..., M, K], b [..., N, K] -> [..., M, N]: attention's q k^T without materialising k^T on wasm. */
export const matmulBT: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.customGrad(((a, b, save) => {
  const value = bmm(a, b, false, true);
  save([a, b]);
  return {
    value,
    gradFunc: (dy, [sa, sb]) => tf.tidy(() => [bmm(dy, sb, false, false), bmm(dy, sa, true, false)]), // da = dy b, db = dy^T a
  };
}) as Grad2 as unknown as CustomGradFn) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

type Grad3 = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/**
 * Sum over rows, x [N, C] -> [C]. On wasm as ones[1, N] @ x: XNNPACK's GEMM instead of tf.sum over axis 0,
 * which transposes x first (4 ms for a [2048, 256] gradient, against < 1 ms).
 */
function columnSums(x: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== "wasm") return tf.sum(x, 0);
  const [N, C] = x.shape as number[];
  return tf.reshape(tf.matMul(tf.ones([1, N]), x), [C]);
}

// x2d [N, in], w [in, out], b [out] -> [N, out]
const dense2d = tf.customGrad(((x, w, b, save) => {
  const value = tf.fused.matMul({ a: x, b: w, bias: b }); // one kernel (one dispatch on a GPU), bias in XNNPACK's GEMM on wasm
  save([x, w]); // after the op: a throwing op must not leave kept copies behind
  return {
    value,
    gradFunc: (dy, [sx, sw]) => tf.tidy(() => [   // tidy: wasm's transposes die here (see matmul)
      bmm(dy, sw, false, true),           // dx [N, in]  = dy [N, out] @ W^T [out, in]
      bmm(sx, dy, true, false),           // dW [in, out] = x^T [in, N] @ dy [N, out]
      columnSums(dy),                     // db [out]
    ]),
  };
}) as Grad3 as unknown as CustomGradFn) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** Linear layer y = x W + b on the last axis. x [..., in], W [in, out] (kept pre-transposed), b [out] -> [..., out]. */
export function dense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [inp, out] = w.shape as number[];
  const lead = x.shape.slice(0, -1);
  const y = dense2d(tf.reshape(x, [-1, inp]), w, b); // [N, out]
  return tf.reshape(y, [...lead, out]);
}

/**
 * Row lookup table[ids] with a scatter-based gradient (works on WASM, ~20x faster than tf.gather's on cpu).
 * table [V, H], ids int32 (any shape, flattened to [N]) -> [N, H].
 */
export function gatherRows(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const [V, H] = table.shape as number[];
  const flat = tf.reshape(ids, [-1]);
  const f = tf.customGrad(((t: tf.Tensor, save: tf.GradSaveFunc) => {
    // tfjs-wasm's GatherV2 computes every element's source index one by one (30 ms for 2048 x 256 rows here);
    // its GatherNd copies whole rows (1.3 ms). Same numbers.
    const value = tf.getBackend() === "wasm" ? tf.gatherND(t, tf.reshape(flat, [-1, 1])) : tf.gather(t, flat);
    save([flat]); // ids are needed in backward (the forward scope disposes them); saved after a successful gather
    return {
      value,
      // dTable [V, H]: every looked-up row's gradient added back at its id (duplicates sum)
      gradFunc: (dy: tf.Tensor, [sIds]: tf.Tensor[]) => tf.tidy(() => tf.scatterND(tf.reshape(sIds, [-1, 1]), tf.reshape(dy, [-1, H]), [V, H])),
    };
  }) as unknown as CustomGradFn);
  return f(table);
}

/**
 * LayerNorm over the last axis: (x - mean) / sqrt(var + eps) * gamma + beta. x [..., H], gamma and beta [H].
 * The gradient is written out (x^ = normalised x, r = 1 / sqrt(var + eps), g = dy * gamma):
 *   dx = r (g - mean(g) - x^ mean(g x^)),  dgamma = sum over rows of dy x^,  dbeta = sum over rows of dy
 * Autodiff of the forward formula takes about twice the kernels, and its sums over rows transpose first on wasm.
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  const H = x.shape[x.rank - 1] as number;
  const f = tf.customGrad(((xs, g, b, save) => {
    const mean = tf.mean(xs, -1, true);                        // [..., 1]
    const centered = tf.sub(xs, mean);                         // [..., H]
    const variance = tf.mean(tf.square(centered), -1, true);   // [..., 1], biased like PyTorch
    const rstd = tf.rsqrt(tf.add(variance, eps));              // [..., 1]
    const xhat = tf.mul(centered, rstd);                       // [..., H]
    const value = tf.add(tf.mul(xhat, g), b);
    save([xhat, rstd, g]);
    return {
      value,
      gradFunc: (dy, [sx, sr, sg]) => tf.tidy(() => {
        const gx = tf.mul(dy, sg);                                                          // [..., H]
        const inner = tf.sub(tf.sub(gx, tf.mean(gx, -1, true)), tf.mul(sx, tf.mean(tf.mul(gx, sx), -1, true)));
        return [
          tf.mul(inner, sr),                                            // dx [..., H]
          columnSums(tf.reshape(tf.mul(dy, sx), [-1, H])),             // dgamma [H]
          columnSums(tf.reshape(dy, [-1, H])),                         // dbeta [H]
        ];
      }),
    };
  }) as Grad3 as unknown as CustomGradFn);
  return f(x, gamma, beta);
}

type Grad1 = (x: tf.Tensor, save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/**
 * Exact GELU as in BERT: x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), not the tanh approximation.
 * Gradient written out: d/dx = Phi(x) + x phi(x), phi(x) = exp(-x^2 / 2) / sqrt(2 pi), reusing the forward's Phi.
 */
export const gelu: (x: tf.Tensor) => tf.Tensor = tf.customGrad(((x, save) => {
  const cdf = tf.mul(tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1), 0.5);   // Phi(x)
  const value = tf.mul(x, cdf);
  save([x, cdf]);
  return {
    value,
    gradFunc: (dy, [sx, sc]) => tf.tidy(() => {
      const pdf = tf.mul(tf.exp(tf.mul(tf.square(sx), -0.5)), 1 / Math.sqrt(2 * Math.PI)); // phi(x)
      return [tf.mul(dy, tf.add(sc, tf.mul(sx, pdf)))];
    }),
  };
}) as Grad1 as unknown as CustomGradFn) as (x: tf.Tensor) => tf.Tensor;

/** Inverted dropout; identity when rate is 0 (eval). The seed makes runs (and resumed runs) reproducible. */
export function dropout(x: tf.Tensor, rate: number, seed?: number): tf.Tensor {
  if (rate <= 0) return x;
  return tf.dropout(x, rate, undefined, seed);
}
