// A training checkpoint = a loadable model folder (config.json, weights.json, shards) plus the optimizer's
// moments (optimizer.json + shards) and trainer_state.json (step, schedule, metrics history).
// Restoring it and continuing gives the same numbers as never having stopped.
import * as tf from "@tensorflow/tfjs";
import {
  BertForSequenceClassification, buildParams, configFromJSON, filesReader, packWeights, readText, readWeights,
  saveModelFiles, type BertConfig, type ModelFiles,
} from "../model";
import { AdamW } from "./adamw";
import { EngineError } from "../errors";
import { trainableParams, type FreezeOptions } from "./freeze";
import type { ClassificationMetrics } from "./metrics";
import type { StorageAdapter } from "./storage";

export interface StepRecord {
  step: number; epoch: number; loss: number; accuracy: number; lr: number; gradNorm: number;
  skipped?: true;          // loss or gradNorm was not finite: no update was applied (NaN is stored as null in JSON)
}
export interface EvalRecord { step: number; epoch: number; metrics: ClassificationMetrics }

export interface Hyper {
  epochs: number; batchSize: number; lr: number; maxLen: number; warmupRatio: number;
  weightDecay: number; clipNorm: number; seed: number; beta1: number; beta2: number; epsilon: number;
  freeze?: FreezeOptions;  // frozen parameters have no optimizer state
}

export interface TrainState {
  step: number;            // updates done
  totalSteps: number;
  stepsPerEpoch: number;
  hyper: Hyper;
  optimizerT: number;      // AdamW's bias-correction counter
  epochCorrect: number;    // running accuracy of the current epoch, so a resumed run reports the same numbers
  epochSeen: number;
  history: StepRecord[];
  evalHistory: EvalRecord[];
}

export const TRAINER_STATE = "trainer_state.json";
export const OPTIMIZER_MANIFEST = "optimizer.json";

/** All files of a checkpoint (weights in float32 so a resume is exact). */
export async function checkpointFiles(model: BertForSequenceClassification, opt: AdamW, state: TrainState): Promise<ModelFiles> {
  const files = await saveModelFiles(model.params, model.config);
  const moments = [];
  for (const [name, t] of opt.stateTensors()) moments.push({ name, shape: t.shape, values: (await t.data()) as Float32Array });
  const packed = packWeights(moments, { shardPrefix: "optimizer-shard" });
  for (const [k, v] of packed.files) files.set(k, v);
  files.set(OPTIMIZER_MANIFEST, JSON.stringify(packed.manifest));
  files.set(TRAINER_STATE, JSON.stringify({ ...state, optimizerT: opt.t }));
  return files;
}

export async function saveCheckpoint(storage: StorageAdapter, key: string, model: BertForSequenceClassification, opt: AdamW, state: TrainState): Promise<void> {
  await storage.save(key, await checkpointFiles(model, opt, state));
}

export interface Restored { model: BertForSequenceClassification; optimizer: AdamW; state: TrainState }

/** Rebuild model, optimizer and trainer state from checkpoint files. */
export async function restoreCheckpoint(files: ModelFiles): Promise<Restored> {
  const read = filesReader(files);
  const config: BertConfig = configFromJSON(JSON.parse(await readText(read, "config.json")));
  const loaded = buildParams(config, await readWeights(read, "weights.json"), { head: "classifier" });
  if (loaded.missing.length) {
    for (const v of loaded.params.values()) v.dispose();
    throw new EngineError("checkpoint-missing-weights", `checkpoint lacks weights: ${loaded.missing.join(", ")}`, { names: loaded.missing.join(", ") });
  }
  const model = new BertForSequenceClassification(config, loaded.params);
  const state = JSON.parse(await readText(read, TRAINER_STATE)) as TrainState;
  const h = state.hyper;
  const optimizer = new AdamW(trainableParams(model.params, h.freeze), { beta1: h.beta1, beta2: h.beta2, epsilon: h.epsilon, weightDecay: h.weightDecay });
  const moments = await readWeights(read, OPTIMIZER_MANIFEST);
  optimizer.loadState(state.optimizerT, new Map([...moments].map(([k, v]) => [k, v.values])));
  return { model, optimizer, state };
}

/**
 * Read checkpoint files into an existing model and optimizer (same config), in place: the caller's references
 * stay valid. Returns the checkpoint's trainer state. Nothing is changed if the files do not fit the model.
 */
export async function restoreCheckpointInto(files: ModelFiles, model: BertForSequenceClassification, opt: AdamW): Promise<TrainState> {
  const r = await restoreCheckpoint(files);
  try {
    const pairs: [tf.Variable, tf.Variable][] = [];
    const add = (name: string, dst: tf.Variable, src: tf.Variable | undefined) => {
      if (!src || src.dtype !== dst.dtype || !tf.util.arraysEqual(src.shape, dst.shape)) throw new EngineError("checkpoint-mismatch", `checkpoint does not fit this model: ${name}`, { tensor: name });
      pairs.push([dst, src]);
    };
    for (const [name, v] of model.params) add(name, v, r.model.params.get(name));
    for (const [name, m] of opt.m) add(`m/${name}`, m, r.optimizer.m.get(name));
    for (const [name, v] of opt.v) add(`v/${name}`, v, r.optimizer.v.get(name));
    for (const [dst, src] of pairs) dst.assign(src);   // shares src's data (ref-counted), so disposing r below is safe
    opt.t = r.optimizer.t;
    return r.state;
  } finally {
    r.optimizer.dispose();
    r.model.dispose();
  }
}

export async function loadCheckpoint(storage: StorageAdapter, key: string): Promise<Restored> {
  const files = await storage.load(key);
  if (!files) throw new EngineError("no-checkpoint", `no checkpoint "${key}"`, { key });
  return restoreCheckpoint(files);
}

/** Number of live tensors, for leak checks in tests and the UI. */
export const liveTensors = () => tf.memory().numTensors;
