// File tensors -> the model's Params: match names as they occur in the wild, check shapes, transpose dense
// kernels to [in, out], and initialise (seeded) what the file lacks. Reports what Hugging Face reports:
// weights newly initialised (`missing`) and weights in the file that this model does not use (`unexpected`).
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import { paramSpecs, type HeadKind, type ParamSpec } from "./names";
import { initTensor, type Params } from "./params";

/**
 * Old TF-converted checkpoints (bert-base-uncased's own) say LayerNorm gamma/beta, and BertModel checkpoints lack
 * the "bert." prefix: map both to our names.
 */
export function canonicalName(name: string, known: Set<string>): string {
  let n = name.replace(/LayerNorm\.gamma$/, "LayerNorm.weight").replace(/LayerNorm\.beta$/, "LayerNorm.bias");
  if (!known.has(n) && known.has(`bert.${n}`)) n = `bert.${n}`;
  return n;
}

// In checkpoints but deliberately not read: the MLM decoder is tied to the word embeddings (weight) and to
// cls.predictions.bias (bias), and position_ids is a constant buffer. Hugging Face does not list them as unused.
const TIED_OR_BUFFER = [/^(bert\.)?cls\.predictions\.decoder\.(weight|bias)$/, /position_ids$/];

export interface LoadOptions {
  head?: HeadKind;          // which head to build; default "classifier"
  seed?: number;            // seeds the random init of missing weights (e.g. a new classifier)
  numLabels?: number;       // override config.num_labels (a new classifier)
  config?: Partial<BertConfig>;  // other overrides (e.g. dropout)
}

export interface LoadResult {
  config: BertConfig;
  params: Params;
  missing: string[];        // expected but absent: initialised randomly (seeded)
  unexpected: string[];     // in the file but not used by this model (e.g. the NSP head, a pooler under MLM)
  ignored: string[];        // tied or constant: the decoder weight/bias, position_ids
}

/** What the file offers, tensor by tensor; `values` may read and decode lazily (one tensor in memory at a time). */
export interface WeightStore {
  names: string[];
  shape(name: string): number[];
  values(name: string): Promise<Float32Array> | Float32Array;
}

export function mapStore(stored: Map<string, { shape: number[]; values: Float32Array }>): WeightStore {
  return { names: [...stored.keys()], shape: (n) => stored.get(n)!.shape, values: (n) => stored.get(n)!.values };
}

interface Matched { fileName: Map<string, string>; unexpected: string[]; ignored: string[] }

function matchNames(fileNames: string[], specs: ParamSpec[]): Matched {
  const known = new Set(specs.map((s) => s.name));
  const fileName = new Map<string, string>();
  const unexpected: string[] = [];
  const ignored: string[] = [];
  for (const name of fileNames) {
    const n = canonicalName(name, known);
    if (known.has(n) && !fileName.has(n)) fileName.set(n, name);
    else if (TIED_OR_BUFFER.some((re) => re.test(name))) ignored.push(name);
    else unexpected.push(name);
  }
  return { fileName, unexpected, ignored };
}

function toVariable(spec: ParamSpec, config: BertConfig, seed: number, file?: { shape: number[]; values: Float32Array }): tf.Variable {
  const t = tf.tidy(() => {
    if (!file) return initTensor(spec, config, seed);
    const f = tf.tensor(file.values, file.shape, "float32");
    return spec.transposed ? tf.transpose(f) : f;   // file [out, in] -> memory [in, out]
  });
  const v = tf.variable(t);
  t.dispose();
  return v;
}

function shapeError(spec: ParamSpec, shape: number[]): Error {
  return new Error(`weight ${spec.name}: file shape [${shape}] != expected [${spec.fileShape}] (does config.json match the weights?)`);
}

/** Decoded tensors -> Params for the requested head; report missing/unexpected names. */
export function buildParams(config: BertConfig, stored: Map<string, { shape: number[]; values: Float32Array }>, opts: LoadOptions = {}): LoadResult {
  const specs = paramSpecs(config, opts.head ?? "classifier");
  const { fileName, unexpected, ignored } = matchNames([...stored.keys()], specs);
  checkShapes(specs, fileName, (n) => stored.get(n)!.shape);
  const params: Params = new Map();
  const missing: string[] = [];
  for (const spec of specs) {
    const f = fileName.get(spec.name);
    if (!f) missing.push(spec.name);
    params.set(spec.name, toVariable(spec, config, opts.seed ?? 0, f ? stored.get(f) : undefined));
  }
  return { config, params, missing, unexpected, ignored };
}

/**
 * As buildParams, from a lazy store: each tensor is read, decoded, uploaded and dropped before the next, so the
 * peak is the model plus one tensor. `onTensor` reports progress (done, total).
 */
export async function buildParamsLazy(config: BertConfig, store: WeightStore, opts: LoadOptions & { onTensor?: (done: number, total: number) => void } = {}): Promise<LoadResult> {
  const specs = paramSpecs(config, opts.head ?? "classifier");
  const { fileName, unexpected, ignored } = matchNames(store.names, specs);
  checkShapes(specs, fileName, (n) => store.shape(n));   // before any allocation: a wrong config fails fast
  const params: Params = new Map();
  const missing: string[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const f = fileName.get(spec.name);
      if (!f) missing.push(spec.name);
      const file = f ? { shape: store.shape(f), values: await store.values(f) } : undefined;
      params.set(spec.name, toVariable(spec, config, opts.seed ?? 0, file));
      opts.onTensor?.(i + 1, specs.length);
    }
  } catch (e) {
    for (const v of params.values()) v.dispose();
    throw e;
  }
  return { config, params, missing, unexpected, ignored };
}

function checkShapes(specs: ParamSpec[], fileName: Map<string, string>, shapeOf: (file: string) => number[]) {
  for (const spec of specs) {
    const f = fileName.get(spec.name);
    if (f && shapeOf(f).join(",") !== spec.fileShape.join(",")) throw shapeError(spec, shapeOf(f));
  }
}
