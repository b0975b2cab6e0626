// One picture across heads and layers. Input: attention probabilities [L, A, T, T], flat and row-major.
//   headMean: per layer, the mean over heads → [L, T, T].
//   rollout (Abnar & Zuidema, 2020): each layer's head mean plus the identity for the residual connection,
//   rows renormalised, multiplied from the first layer up: R_l = Â_l · R_{l-1}, Â_l = (Ā_l + I) / 2.
//   R_l[i][j] is how much of input token j reaches position i after layer l, if attention alone mixed tokens.

/** Mean over heads per layer: [L, A, T, T] → [L, T, T]. Rows still sum to 1. */
export function headMean(values: ArrayLike<number>, layers: number, heads: number, T: number): Float32Array {
  const out = new Float32Array(layers * T * T);
  for (let l = 0; l < layers; l++) {
    const dst = out.subarray(l * T * T, (l + 1) * T * T);
    for (let h = 0; h < heads; h++) {
      const base = (l * heads + h) * T * T;
      for (let k = 0; k < T * T; k++) dst[k] += values[base + k] / heads;
    }
  }
  return out;
}

/** a · b for T×T row-major matrices. */
function matmulSquare(a: Float32Array, b: Float32Array, T: number): Float32Array {
  const out = new Float32Array(T * T);
  for (let i = 0; i < T; i++)
    for (let k = 0; k < T; k++) {
      const aik = a[i * T + k];
      if (aik === 0) continue;
      for (let j = 0; j < T; j++) out[i * T + j] += aik * b[k * T + j];
    }
  return out;
}

/** Attention rollout through every layer: [L, A, T, T] → [L, T, T], layer l holding R_l. Rows sum to 1. */
export function rollout(values: ArrayLike<number>, layers: number, heads: number, T: number): Float32Array {
  const mean = headMean(values, layers, heads, T);
  const out = new Float32Array(layers * T * T);
  let R: Float32Array | null = null;
  for (let l = 0; l < layers; l++) {
    const Ahat = mean.slice(l * T * T, (l + 1) * T * T);
    for (let i = 0; i < T; i++) {
      Ahat[i * T + i] += 1;                                        // + I: the residual stream
      let s = 0;
      for (let j = 0; j < T; j++) s += Ahat[i * T + j];
      for (let j = 0; j < T; j++) Ahat[i * T + j] /= s;            // rows back to 1 (each is 2 before this)
    }
    R = R === null ? Ahat : matmulSquare(Ahat, R, T);
    out.set(R, l * T * T);
  }
  return out;
}
