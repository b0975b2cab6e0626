// The fine-tuning loop: length-bucketed shuffled batches -> trainStep -> progress events, with evaluation, checkpoints,
// cooperative cancellation and exact resume.
import type { BertForSequenceClassification } from "../model";
import { hashSeed } from "../model";
import { AdamW } from "./adamw";
import { saveCheckpoint, type Hyper, type TrainState } from "./checkpoint";
import { type BatchEncoder, type LabeledExample } from "./data";
import { makeBatches } from "../data/batching";
import { evaluateClassifier } from "./evaluate";
import type { ClassificationMetrics } from "./metrics";
import { linearWarmupDecay } from "./schedule";
import { trainStep } from "./step";
import type { StorageAdapter } from "./storage";
import { yieldToEventLoop, type AbortSignalLike } from "./yield";

export interface ProgressEvent {
  step: number;              // updates done (1-based after the first step)
  totalSteps: number;
  epoch: number;             // 0-based epoch of this step
  loss: number;              // this batch's loss
  runningAccuracy: number;   // accuracy over this epoch's batches so far (train mode, with dropout)
  examplesPerSecond: number; // since this call started
  etaSeconds: number;
  lr: number;                // learning rate used for this step
  gradNorm: number;          // global norm before clipping
}

export interface FinetuneOptions {
  model: BertForSequenceClassification;
  tokenizer: BatchEncoder;
  train: LabeledExample[];
  eval?: LabeledExample[];
  epochs?: number;           // default 3
  batchSize?: number;        // default 32
  lr?: number;               // peak learning rate, default 5e-5
  maxLen?: number;           // default 128 (batches are padded to their longest row, not to this)
  warmupRatio?: number;      // default 0.1 of all steps
  weightDecay?: number;      // default 0.01
  clipNorm?: number;         // default 1.0
  seed?: number;             // shuffling and dropout, default 42
  signal?: AbortSignalLike;  // checked between steps
  onProgress?: (e: ProgressEvent) => void;
  onEval?: (r: { step: number; epoch: number; metrics: ClassificationMetrics }) => void;
  evalBatchSize?: number;
  storage?: StorageAdapter;  // where checkpoints go (every checkpointEvery steps, each epoch end, on cancel)
  checkpointKey?: string;    // default "latest"
  checkpointEvery?: number;  // steps; 0 = only at epoch ends
  resume?: { optimizer: AdamW; state: TrainState };  // from restoreCheckpoint(); `model` must be the restored one
  maxSteps?: number;         // stop (as if cancelled) once this many updates are done; the schedule is unchanged
}

export interface FinetuneResult {
  state: TrainState;
  optimizer: AdamW;
  cancelled: boolean;
  evalMetrics?: ClassificationMetrics;   // of the last evaluation
}

export async function finetune(o: FinetuneOptions): Promise<FinetuneResult> {
  const hyper: Hyper = o.resume?.state.hyper ?? {
    epochs: o.epochs ?? 3, batchSize: o.batchSize ?? 32, lr: o.lr ?? 5e-5, maxLen: o.maxLen ?? 128,
    warmupRatio: o.warmupRatio ?? 0.1, weightDecay: o.weightDecay ?? 0.01, clipNorm: o.clipNorm ?? 1.0,
    seed: o.seed ?? 42, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
  };
  const { model, tokenizer, train } = o;
  const B = hyper.batchSize;
  const stepsPerEpoch = Math.ceil(train.length / B);
  const totalSteps = hyper.epochs * stepsPerEpoch;
  const warmupSteps = Math.round(hyper.warmupRatio * totalSteps);
  const opt = o.resume?.optimizer ?? new AdamW(model.params, { beta1: hyper.beta1, beta2: hyper.beta2, epsilon: hyper.epsilon, weightDecay: hyper.weightDecay });
  const state: TrainState = o.resume?.state ?? {
    step: 0, totalSteps, stepsPerEpoch, hyper, optimizerT: 0, epochCorrect: 0, epochSeen: 0, history: [], evalHistory: [],
  };
  if (state.stepsPerEpoch !== stepsPerEpoch) throw new Error(`resume: ${stepsPerEpoch} steps/epoch now, ${state.stepsPerEpoch} in the checkpoint (different training set?)`);
  const key = o.checkpointKey ?? "latest";
  const save = async () => { if (o.storage) await saveCheckpoint(o.storage, key, model, opt, state); };

  // Length-bucketed batches (lib/data/batching): each batch is padded to its longest row, so grouping
  // similar lengths removes most of the padding. Character length is a good enough proxy for token length.
  const charLengths = train.map((e) => e.text.length);
  let batches: number[][] = [];
  let orderEpoch = -1;
  let evalMetrics: ClassificationMetrics | undefined;
  let cancelled = false;
  const t0 = performance.now();
  let seenThisCall = 0, stepsThisCall = 0;

  while (state.step < totalSteps) {
    if (o.signal?.aborted || (o.maxSteps !== undefined && state.step >= o.maxSteps)) { cancelled = true; break; }
    const step = state.step;
    const epoch = Math.floor(step / stepsPerEpoch);
    const pos = step % stepsPerEpoch;
    if (orderEpoch !== epoch) { batches = makeBatches(charLengths, B, { seed: hashSeed(hyper.seed, `epoch:${epoch}`) }); orderEpoch = epoch; }
    if (pos === 0) { state.epochCorrect = 0; state.epochSeen = 0; }

    const idx = batches[pos];
    const batch = tokenizer.encodeBatch(idx.map((i) => train[i].text), { maxLen: hyper.maxLen });
    const labels = idx.map((i) => train[i].label);
    const lr = linearWarmupDecay(step, totalSteps, warmupSteps, hyper.lr);

    const r = trainStep(model, batch, labels, opt, { lr, clipNorm: hyper.clipNorm, seed: hashSeed(hyper.seed, `step:${step}`) });
    let loss: number, correct: number, gradNorm: number;
    try {
      [loss, correct, gradNorm] = (await Promise.all([r.loss.data(), r.correct.data(), r.gradNorm.data()])).map((d) => d[0]);
    } finally {
      r.loss.dispose(); r.correct.dispose(); r.gradNorm.dispose();
    }
    if (!Number.isFinite(loss)) throw new Error(`loss became ${loss} at step ${step + 1}: lower the learning rate?`);

    state.step += 1;
    state.epochCorrect += correct;
    state.epochSeen += idx.length;
    seenThisCall += idx.length;
    stepsThisCall += 1;
    const secs = (performance.now() - t0) / 1000;
    const runningAccuracy = state.epochCorrect / state.epochSeen;
    state.history.push({ step: state.step, epoch, loss, accuracy: runningAccuracy, lr, gradNorm });
    o.onProgress?.({
      step: state.step, totalSteps, epoch, loss, runningAccuracy, lr, gradNorm,
      examplesPerSecond: seenThisCall / secs,
      etaSeconds: ((totalSteps - state.step) * secs) / stepsThisCall,
    });

    const epochDone = state.step % stepsPerEpoch === 0;
    if (epochDone && o.eval?.length) {
      const ev = await evaluateClassifier(model, tokenizer, o.eval, { batchSize: o.evalBatchSize, maxLen: hyper.maxLen, signal: o.signal });
      if (!ev.cancelled) {
        const { predictions: _p, examplesPerSecond: _e, seconds: _s, cancelled: _c, ...metrics } = ev;
        evalMetrics = metrics;
        state.evalHistory.push({ step: state.step, epoch, metrics });
        o.onEval?.({ step: state.step, epoch, metrics });
      }
    }
    if (epochDone || (o.checkpointEvery && state.step % o.checkpointEvery === 0)) await save();
    await yieldToEventLoop();
  }
  state.optimizerT = opt.t;
  if (cancelled && state.step % stepsPerEpoch !== 0) await save();
  return { state, optimizer: opt, cancelled, evalMetrics };
}
