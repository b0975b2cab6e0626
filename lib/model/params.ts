// Parameters live in a Map from Hugging Face name to tf.Variable; dense kernels are stored [in, out].
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import { paramSpecs, type HeadKind, type ParamSpec } from "./names";
import { hashSeed } from "./rng";

export type Params = Map<string, tf.Variable>;

/** The parameter `name`, or a clear error naming what is missing. */
export function param(params: Params, name: string): tf.Variable {
  const v = params.get(name);
  if (!v) throw new Error(`missing weight "${name}"`);
  return v;
}

/** One freshly initialised tensor following Hugging Face's _init_weights: N(0, 0.02), zeros, ones. */
export function initTensor(spec: ParamSpec, config: BertConfig, seed: number): tf.Tensor {
  switch (spec.init) {
    case "zeros": return tf.zeros(spec.memShape);
    case "ones": return tf.ones(spec.memShape);
    case "normal": return tf.randomNormal(spec.memShape, 0, config.initializer_range, "float32", hashSeed(seed, spec.name));
  }
}

/** Randomly initialised parameters for BERT (+ pooler) and a head. Each tensor's seed derives from (seed, name). */
export function initParams(config: BertConfig, head: HeadKind = "none", seed = 0): Params {
  const params: Params = new Map();
  for (const spec of paramSpecs(config, head)) {
    // No variable names: tfjs names are global, and two models (e.g. a test's copy) would collide.
    const t = tf.tidy(() => initTensor(spec, config, seed));
    params.set(spec.name, tf.variable(t)); // the variable shares t's data; drop our handle
    t.dispose();
  }
  return params;
}

/** Dispose every variable of a model. */
export function disposeParams(params: Params): void {
  for (const v of params.values()) v.dispose();
  params.clear();
}

/** Total number of scalars actually held (compare with parameterCount). */
export function countParams(params: Params): number {
  let n = 0;
  for (const v of params.values()) n += v.size;
  return n;
}
