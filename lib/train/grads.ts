// Gradients of the classification loss w.r.t. every parameter, with cleanup when something throws.
import * as tf from "@tensorflow/tfjs";
import type { BertBatch, BertModel, Params } from "../model";
import { softmaxCrossEntropy } from "./loss";

interface EngineState { activeTape: { saved?: tf.Tensor[] }[] | null; gradientDepth: number }

/**
 * tf.variableGrads, but a throw in forward or backward does not leak: tensors that customGrad saved for the
 * backward pass sit on the engine's tape, kept, and tfjs only frees them after a successful backward pass.
 */
export function safeVariableGrads(f: () => tf.Scalar, vars: tf.Variable[]): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  try {
    return tf.variableGrads(f, vars);
  } catch (err) {
    const state = (tf.engine() as unknown as { state: EngineState }).state;
    if (state.gradientDepth === 0 && state.activeTape) {
      for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
      state.activeTape = null;
    }
    throw err;
  }
}

/** Map tfjs's variable-name keyed gradients back to Hugging Face parameter names. */
export function byParamName(params: Params, grads: tf.NamedTensorMap): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  for (const [name, v] of params) {
    const g = grads[v.name];
    if (g) out.set(name, g);
  }
  return out;
}

export interface GradientOptions {
  training?: boolean;   // dropout on? default false, so backends can be compared exactly
  seed?: number;        // dropout seed when training
}

/**
 * Loss and gradients of a sequence classifier on one batch, read back to plain arrays (file-independent,
 * in-memory layout: dense kernels [in, out]). Meant for cross-backend checks in a browser page:
 * run it on 'cpu' and on 'webgpu' and compare.
 */
export async function gradientsFor(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, opts: GradientOptions = {}): Promise<{ loss: number; grads: Map<string, Float32Array> }> {
  const { value, grads } = tf.tidy(() => {
    const y = tf.tensor1d(Int32Array.from(labels), "int32");
    return safeVariableGrads(() => softmaxCrossEntropy(model.forward(batch, { training: opts.training, seed: opts.seed }).logits, y), model.variables());
  });
  try {
    const out = new Map<string, Float32Array>();
    for (const [name, g] of byParamName(model.params, grads)) out.set(name, (await g.data()) as Float32Array);
    return { loss: (await value.data())[0], grads: out };
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}
