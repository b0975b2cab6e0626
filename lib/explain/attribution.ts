// Explanations tied to the output: how much each input token moved the target class's logit f.
//   gradient × input: ∂f/∂e_t · e_t on the word embeddings e_t, summed over H (one backward pass).
//   Integrated Gradients (Sundararajan et al., 2017): (e_t − b_t) · mean over α of ∂f/∂e_t at b + α(e − b),
//     baseline b = the [PAD] embedding at every position except [CLS]/[SEP], which keep theirs. Completeness:
//     the attributions sum to f(e) − f(b) up to the quadrature error, which `error` reports.
//   occlusion: f(x) − f(x with a group of pieces deleted), one forward pass per group, batched.
// Positions and segments are added inside the model as always; only the word embeddings are varied, through
// inputsEmbeds, so the gradient never goes through the embedding lookup (no gather gradient on any backend).
import * as tf from "@tensorflow/tfjs";
import { EMB, gatherRows, param, type BertForSequenceClassification } from "../model";
import { yieldToEventLoop } from "../train/yield";

export interface Encoded {
  ids: readonly number[];
  tokenTypeIds?: readonly number[];
}

export interface Progress { done: number; total: number }

/** Word embeddings of one sentence: [T, H]. Caller disposes. */
export function wordEmbeddings(model: BertForSequenceClassification, ids: readonly number[]): tf.Tensor2D {
  return tf.tidy(() => gatherRows(param(model.params, EMB.word), tf.tensor1d(Int32Array.from(ids), "int32")) as tf.Tensor2D);
}

/** f for S rows of word embeddings [S, T, H]: the target class's logit, [S]. */
export function targetLogit(model: BertForSequenceClassification, embeds: tf.Tensor, enc: Encoded, target: number): tf.Tensor1D {
  const [S, T] = embeds.shape as number[];
  const types = enc.tokenTypeIds ?? enc.ids.map(() => 0);
  const { logits } = model.forward({
    inputIds: tf.zeros([S, T], "int32") as tf.Tensor2D,                 // unused: inputsEmbeds replaces the lookup
    attentionMask: tf.ones([S, T], "int32") as tf.Tensor2D,
    tokenTypeIds: tf.tile(tf.tensor2d(Int32Array.from(types), [1, T], "int32"), [S, 1]) as tf.Tensor2D,
    inputsEmbeds: embeds,
  });
  return tf.reshape(tf.slice(logits, [0, target], [S, 1]), [S]) as tf.Tensor1D;   // [S]
}

const checkTarget = (model: BertForSequenceClassification, target: number) => {
  const C = model.config.num_labels;
  if (!(Number.isInteger(target) && target >= 0 && target < C)) throw new Error(`target ${target}: 이 분류기의 클래스는 0…${C - 1}입니다`);
};

export interface GradXInput { scores: number[]; fx: number }

/** Gradient × input per token, and f(x). */
export async function gradientXInput(model: BertForSequenceClassification, enc: Encoded, target: number): Promise<GradXInput> {
  checkTarget(model, target);
  const T = enc.ids.length;
  const [scoresT, fxT] = tf.tidy(() => {
    const x = tf.reshape(wordEmbeddings(model, enc.ids), [1, T, -1]);               // [1, T, H]
    const { value, grad } = tf.valueAndGrad((e: tf.Tensor) => tf.sum(targetLogit(model, e, enc, target)))(x);
    return [tf.sum(tf.mul(grad, x), [0, 2]), value];                                   // [T], []
  });
  const [scores, fx] = await Promise.all([scoresT.data(), fxT.data()]);
  tf.dispose([scoresT, fxT]);
  return { scores: Array.from(scores), fx: fx[0] };
}

export interface IGOptions {
  steps?: number;
  /** Interpolation points per forward/backward pass (memory: chunk × one sentence). */
  chunk?: number;
  /** Token id of the baseline ([PAD]). */
  baselineId: number;
  /** Positions that keep their own embedding in the baseline ([CLS], [SEP]). */
  keep?: readonly number[];
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
}

export interface IntegratedGradients {
  scores: number[];
  steps: number;
  fx: number;
  fBaseline: number;
  /** Σ scores; completeness says it equals fx − fBaseline. */
  sum: number;
  /** sum − (fx − fBaseline): the Riemann (midpoint) error. */
  error: number;
}

/** Integrated Gradients per token, midpoint rule over `steps` points of the straight path from baseline to input. */
export async function integratedGradients(model: BertForSequenceClassification, enc: Encoded, target: number, opts: IGOptions): Promise<IntegratedGradients> {
  checkTarget(model, target);
  const steps = opts.steps ?? 32;
  const chunk = Math.max(1, Math.min(opts.chunk ?? 8, steps));
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps ${steps}: 1 이상의 정수여야 합니다`);
  const keep = new Set(opts.keep ?? []);
  const baseIds = enc.ids.map((id, t) => (keep.has(t) ? id : opts.baselineId));
  const x = wordEmbeddings(model, enc.ids);                          // [T, H]
  const b = wordEmbeddings(model, baseIds);                          // [T, H]
  const diff = tf.sub(x, b);                                         // [T, H]
  let acc: tf.Tensor = tf.zerosLike(x);                              // Σ over α of ∂f/∂e, [T, H]
  try {
    for (let s = 0; s < steps; s += chunk) {
      opts.signal?.throwIfAborted();
      const n = Math.min(chunk, steps - s);
      const next = tf.tidy(() => {
        const alphas = tf.reshape(tf.tensor1d(Array.from({ length: n }, (_, k) => (s + k + 0.5) / steps)), [n, 1, 1]);
        const path = tf.add(b, tf.mul(alphas, diff));                                         // [n, T, H]
        const g = tf.grad((e: tf.Tensor) => tf.sum(targetLogit(model, e, enc, target)))(path); // [n, T, H]
        return tf.add(acc, tf.sum(g, 0));
      });
      acc.dispose();
      acc = next;
      await acc.data();                                              // one chunk at a time: memory and progress
      opts.onProgress?.({ done: s + n, total: steps });
      // On WASM a read resolves without giving the page a turn: yield so progress paints and Stop is heard.
      await yieldToEventLoop();
    }
    const [scoresT, fT] = tf.tidy(() => [
      tf.sum(tf.mul(diff, tf.div(acc, steps)), 1),                                            // [T]
      targetLogit(model, tf.stack([x, b]), enc, target),                                      // [2]: f(x), f(b)
    ]);
    const [scores, f] = await Promise.all([scoresT.data(), fT.data()]);
    tf.dispose([scoresT, fT]);
    const list = Array.from(scores as Float32Array);
    const sum = list.reduce((a, v) => a + v, 0);
    return { scores: list, steps, fx: f[0], fBaseline: f[1], sum, error: sum - (f[0] - f[1]) };
  } finally {
    tf.dispose([x, b, diff, acc]);
  }
}

export interface Occlusion {
  /** f(x) − f(x without the group), in logits of the target class. */
  logit: number[];
  /** p(x) − p(x without the group), probability of the target class. */
  prob: number[];
}

/** Deletes each group of positions in turn (specials should not be in a group) and measures the change. */
export async function occlusion(model: BertForSequenceClassification, enc: Encoded, groups: readonly (readonly number[])[], target: number, opts: { padId: number; batch?: number; signal?: AbortSignal; onProgress?(p: Progress): void }): Promise<Occlusion> {
  checkTarget(model, target);
  const types = enc.tokenTypeIds ?? enc.ids.map(() => 0);
  const rows = [enc.ids.map((_, t) => t), ...groups.map((g) => { const drop = new Set(g); return enc.ids.map((_, t) => t).filter((t) => !drop.has(t)); })];
  const logits: number[] = [], probs: number[] = [];
  const B = opts.batch ?? 32;
  for (let s = 0; s < rows.length; s += B) {
    opts.signal?.throwIfAborted();
    const part = rows.slice(s, s + B);
    const T = Math.max(...part.map((r) => r.length));
    const n = part.length;
    const inputIds = new Int32Array(n * T).fill(opts.padId), attentionMask = new Int32Array(n * T), tokenTypeIds = new Int32Array(n * T);
    part.forEach((r, i) => r.forEach((t, k) => { inputIds[i * T + k] = enc.ids[t]; attentionMask[i * T + k] = 1; tokenTypeIds[i * T + k] = types[t]; }));
    const [lT, pT] = tf.tidy(() => {
      const out = model.forward({ inputIds, attentionMask, tokenTypeIds, batchSize: n, seqLen: T }).logits;   // [n, C]
      return [tf.reshape(tf.slice(out, [0, target], [n, 1]), [n]), tf.reshape(tf.slice(tf.softmax(out), [0, target], [n, 1]), [n])];
    });
    const [l, p] = await Promise.all([lT.data(), pT.data()]);
    tf.dispose([lT, pT]);
    logits.push(...l);
    probs.push(...p);
    opts.onProgress?.({ done: Math.min(rows.length, s + n), total: rows.length });
    await yieldToEventLoop();
  }
  return { logit: logits.slice(1).map((v) => logits[0] - v), prob: probs.slice(1).map((v) => probs[0] - v) };
}
