// The fine-tuning loop: length-bucketed shuffled batches -> guardedTrainStep -> progress events, with evaluation,
// checkpoints (by steps, by time, at epoch ends, on cancel; a failed save is reported and training goes on),
// a guard against NaN/Inf steps, cooperative cancellation and exact resume.
import type { BertForSequenceClassification } from "../model";
import { hashSeed } from "../model";
import { AdamW } from "./adamw";
import { trainableParams, type FreezeOptions } from "./freeze";
import { checkpointFiles, restoreCheckpointInto, type Hyper, type TrainState } from "./checkpoint";
import { type BatchEncoder, type LabeledExample } from "./data";
import { makeBatches } from "../data/batching";
import { evaluateClassifier } from "./evaluate";
import type { ClassificationMetrics } from "./metrics";
import { linearWarmupDecay } from "./schedule";
import type { TrainStage } from "./stages";
import { guardedTrainStep } from "./guarded-step";
import type { StorageAdapter } from "./storage";
import { checkpointBytes, checkpointProgress } from "./storage-quota";
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
  skipped: boolean;          // loss or gradNorm was NaN/Inf: this batch's update was not applied (see onSkip)
}

export type CheckpointReason = "interval" | "time" | "epoch" | "cancel";

/** After every checkpoint save attempt, successful or not. */
export interface CheckpointEvent {
  step: number;              // the step the checkpoint is of
  ok: boolean;
  error?: Error;             // when !ok: what storage.save threw (a CheckpointQuotaError when the browser is out of room)
  bytes?: number;            // size of the checkpoint's files
  seconds?: number;          // how long building and saving took
  reason: CheckpointReason;
  key: string;
}

/** A step whose loss or gradient norm was not finite: its update was skipped (weights, moments, t unchanged). */
export interface SkipEvent {
  step: number;              // 1-based, like ProgressEvent.step
  loss: number;
  gradNorm: number;
  lr: number;
  consecutive: number;       // skipped steps in a row, this one included; at maxConsecutiveSkips the run stops
}

/** Why finetune returned. */
export type StopReason = "done" | "cancelled" | "maxSteps" | "diverged";

export interface DivergedInfo {
  step: number;              // the last skipped step (1-based); the run stopped there
  loss: number;              // its loss and gradient norm (NaN or ±Infinity)
  gradNorm: number;
  lr: number;                // its learning rate: lower the peak learning rate (hyper.lr) and train again
  skippedSteps: number[];    // the consecutive skipped steps
  /** Step of the checkpoint the model and optimizer were restored to (this call's last successful save), if any. */
  restoredStep?: number;
  message: string;           // English summary with the numbers, for logs
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
  /** Told as each stage of a step starts (./stages): the page lights it in chapter 6's training-loop strip. */
  onStage?: (stage: TrainStage) => void;
  onEval?: (r: { step: number; epoch: number; metrics: ClassificationMetrics }) => void;
  evalBatchSize?: number;
  // Checkpoints: saved to `storage` under `checkpointKey` every `checkpointEvery` steps, when `checkpointEverySeconds`
  // have passed since the last save (checked after each step, so a reload loses at most about that much), at each
  // epoch end, and on cancel. A save that fails (quota, any storage error) is reported through onCheckpoint and
  // training goes on; errors while reading the tensors (a broken backend) still throw.
  storage?: StorageAdapter;
  checkpointKey?: string;    // default "latest"
  checkpointEvery?: number;  // steps; 0 = only at epoch ends
  checkpointEverySeconds?: number;  // seconds of wall time between saves, e.g. 30; 0/undefined = no time-based saves
  onCheckpoint?: (e: CheckpointEvent) => void;  // without it, a failed save is console.warn-ed
  // The guard: a step whose loss or gradient norm is NaN/Inf is not applied (onSkip; history and progress say
  // skipped). It still counts as a step, so the schedule and the batch order stay those of an uninterrupted run.
  // After maxConsecutiveSkips skipped steps in a row the run stops with stoppedBy "diverged".
  onSkip?: (e: SkipEvent) => void;
  maxConsecutiveSkips?: number;     // default 3
  resume?: { optimizer: AdamW; state: TrainState };  // from restoreCheckpoint(); `model` must be the restored one
  maxSteps?: number;         // stop (as if cancelled) once this many updates are done; the schedule is unchanged
  freeze?: FreezeOptions;    // train only the top: no gradients or Adam state for the embeddings / bottom layers
}

export interface FinetuneResult {
  state: TrainState;
  optimizer: AdamW;
  cancelled: boolean;                    // stopped before totalSteps (stoppedBy "cancelled", "maxSteps" or "diverged")
  stoppedBy: StopReason;
  /**
   * When stoppedBy is "diverged". The weights in memory are never those of a NaN step (no such update is applied),
   * but the last applied updates led there, so the model and optimizer (in place) and `state` are restored to this
   * call's last successful checkpoint when there is one (diverged.restoredStep); otherwise they are those after the
   * last applied (finite) update.
   */
  diverged?: DivergedInfo;
  lastCheckpointStep?: number;           // step of this call's last successful checkpoint save
  skippedSteps: number[];                // steps of this call whose update was skipped (1-based)
  evalMetrics?: ClassificationMetrics;   // of the last evaluation
}

export async function finetune(o: FinetuneOptions): Promise<FinetuneResult> {
  const hyper: Hyper = o.resume?.state.hyper ?? {
    epochs: o.epochs ?? 3, batchSize: o.batchSize ?? 32, lr: o.lr ?? 5e-5, maxLen: o.maxLen ?? 128,
    warmupRatio: o.warmupRatio ?? 0.1, weightDecay: o.weightDecay ?? 0.01, clipNorm: o.clipNorm ?? 1.0,
    seed: o.seed ?? 42, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, ...(o.freeze ? { freeze: o.freeze } : {}),
  };
  const { model, tokenizer, train } = o;
  const B = hyper.batchSize;
  const stepsPerEpoch = Math.ceil(train.length / B);
  const totalSteps = hyper.epochs * stepsPerEpoch;
  const warmupSteps = Math.round(hyper.warmupRatio * totalSteps);
  const trainable = trainableParams(model.params, hyper.freeze);
  const opt = o.resume?.optimizer ?? new AdamW(trainable, { beta1: hyper.beta1, beta2: hyper.beta2, epsilon: hyper.epsilon, weightDecay: hyper.weightDecay });
  const state: TrainState = o.resume?.state ?? {
    step: 0, totalSteps, stepsPerEpoch, hyper, optimizerT: 0, epochCorrect: 0, epochSeen: 0, history: [], evalHistory: [],
  };
  if (state.stepsPerEpoch !== stepsPerEpoch) throw new Error(`resume: ${stepsPerEpoch} steps/epoch now, ${state.stepsPerEpoch} in the checkpoint (different training set?)`);
  const key = o.checkpointKey ?? "latest";
  const maxSkips = o.maxConsecutiveSkips ?? 3;

  let lastCheckpointStep: number | undefined;
  let lastAttemptStep = -1;
  let lastSaveAt = performance.now();
  const save = async (reason: CheckpointReason) => {
    if (!o.storage) return;
    const t = performance.now();
    lastAttemptStep = state.step;
    // Reading the tensors is not guarded: if that fails the backend is broken and the next step would fail too.
    const files = await checkpointFiles(model, opt, state);
    const bytes = checkpointBytes(files);
    let error: Error | undefined;
    try {
      await o.storage.save(key, files);
      lastCheckpointStep = state.step;
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    lastSaveAt = performance.now();
    const e: CheckpointEvent = { step: state.step, ok: !error, error, bytes, seconds: (lastSaveAt - t) / 1000, reason, key };
    if (o.onCheckpoint) o.onCheckpoint(e);
    else if (error) console.warn(`checkpoint "${key}" of step ${e.step} not saved (training goes on): ${error.message}`);   // never silently
  };

  // Length-bucketed batches (lib/data/batching): each batch is padded to its longest row, so grouping
  // similar lengths removes most of the padding. Character length is a good enough proxy for token length.
  const charLengths = train.map((e) => e.text.length);
  let batches: number[][] = [];
  let orderEpoch = -1;
  let evalMetrics: ClassificationMetrics | undefined;
  let stoppedBy: StopReason = "done";
  const t0 = performance.now();
  let seenThisCall = 0, stepsThisCall = 0;
  const skippedSteps: number[] = [];
  let run: SkipEvent[] = [];   // the current run of consecutive skipped steps

  try {
    // #region chapter-6-loop: chapter 6 shows this part of the loop (scripts/mdx/remark-excerpt.mjs)
    while (state.step < totalSteps) {
      if (o.signal?.aborted) { stoppedBy = "cancelled"; break; }
      if (o.maxSteps !== undefined && state.step >= o.maxSteps) { stoppedBy = "maxSteps"; break; }
      const step = state.step;
      const epoch = Math.floor(step / stepsPerEpoch);
      const pos = step % stepsPerEpoch;
      if (orderEpoch !== epoch) {   // a new shuffled order of length-bucketed batches every epoch
        batches = makeBatches(charLengths, B, { seed: hashSeed(hyper.seed, `epoch:${epoch}`) });
        orderEpoch = epoch;
      }
      if (pos === 0) { state.epochCorrect = 0; state.epochSeen = 0; }

      o.onStage?.("schedule");                                        // #omit
      const lr = linearWarmupDecay(step, totalSteps, warmupSteps, hyper.lr);
      o.onStage?.("batch");                                           // #omit
      const idx = batches[pos];
      const batch = tokenizer.encodeBatch(idx.map((i) => train[i].text), { maxLen: hyper.maxLen });
      const labels = idx.map((i) => train[i].label);

      // forward, cross-entropy, gradients, clipping (./step), then AdamW only if loss and norm are finite
      const seed = hashSeed(hyper.seed, `step:${step}`);   // this step's dropout
      const { loss, correct, gradNorm, applied } = await guardedTrainStep(
        model, batch, labels, opt, {
          lr, clipNorm: hyper.clipNorm, seed, trainable,
          onStage: o.onStage,                                         // #omit
        },
      );
      // #endregion chapter-6-loop

      state.step += 1;
      if (applied) {
        run = [];
        state.epochCorrect += correct;   // a skipped batch's predictions (from NaN logits) do not count
        state.epochSeen += idx.length;
      } else {
        skippedSteps.push(state.step);
        run.push({ step: state.step, loss, gradNorm, lr, consecutive: run.length + 1 });
      }
      seenThisCall += idx.length;
      stepsThisCall += 1;
      const secs = (performance.now() - t0) / 1000;
      const runningAccuracy = state.epochSeen ? state.epochCorrect / state.epochSeen : 0;
      state.history.push({ step: state.step, epoch, loss, accuracy: runningAccuracy, lr, gradNorm, ...(applied ? {} : { skipped: true as const }) });
      o.onProgress?.({
        step: state.step, totalSteps, epoch, loss, runningAccuracy, lr, gradNorm, skipped: !applied,
        examplesPerSecond: seenThisCall / secs,
        etaSeconds: ((totalSteps - state.step) * secs) / stepsThisCall,
      });
      if (!applied) {
        o.onSkip?.(run[run.length - 1]);
        if (run.length >= maxSkips) { stoppedBy = "diverged"; break; }
      }

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
      if (epochDone) await save("epoch");
      else if (o.checkpointEvery && state.step % o.checkpointEvery === 0) await save("interval");
      else if (o.checkpointEverySeconds && (performance.now() - lastSaveAt) / 1000 >= o.checkpointEverySeconds) await save("time");
      await yieldToEventLoop();
    }
  } catch (e) {
    // A step or a save that throws (a broken backend, say) ends the call: the optimizer made here is nobody's.
    if (!o.resume) opt.dispose();
    throw e;
  }
  state.optimizerT = opt.t;
  const result: FinetuneResult = { state, optimizer: opt, cancelled: stoppedBy !== "done", stoppedBy, lastCheckpointStep, skippedSteps, evalMetrics };
  if (stoppedBy === "diverged") {
    const { info, restored } = await afterDivergence(run, o.storage, key, lastCheckpointStep, model, opt);
    result.diverged = info;
    if (restored) result.state = restored;
  } else if (stoppedBy !== "done" && stepsThisCall > 0 && lastAttemptStep !== state.step) {
    await save("cancel");
    result.lastCheckpointStep = lastCheckpointStep;
  }
  return result;
}

/** The run stopped on NaN/Inf steps: restore this call's last checkpoint in place (if any) and say what happened. */
async function afterDivergence(
  run: SkipEvent[], storage: StorageAdapter | undefined, key: string, lastCheckpointStep: number | undefined,
  model: BertForSequenceClassification, opt: AdamW,
): Promise<{ info: DivergedInfo; restored?: TrainState }> {
  const last = run[run.length - 1];
  let restored: TrainState | undefined;
  if (storage && lastCheckpointStep !== undefined) {
    const files = await storage.load(key).catch(() => null);
    const step = files ? checkpointProgress(files).step : undefined;
    // Only our own checkpoint: someone else may have saved under the key since.
    if (files && step === lastCheckpointStep) restored = await restoreCheckpointInto(files, model, opt).catch(() => undefined);
  }
  const weights = restored ? `restored to the checkpoint of step ${restored.step}` : `those after step ${run[0].step - 1}, the last applied update`;
  const info: DivergedInfo = {
    step: last.step, loss: last.loss, gradNorm: last.gradNorm, lr: last.lr, skippedSteps: run.map((r) => r.step),
    restoredStep: restored?.step,
    message: `loss ${last.loss}, gradient norm ${last.gradNorm} at step ${last.step} (lr ${last.lr.toExponential(2)}): ` +
      `${run.length} steps in a row were not finite, so training stopped. Lower the learning rate. The weights are ${weights}.`,
  };
  return { info, restored };
}
