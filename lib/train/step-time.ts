// How long would a big model's training step take on this backend? Building bert-base just to time it would
// allocate 1.3 GB of weights and Adam state, so we time real steps of one- and two-layer copies of its config at
// the same batch x length and extrapolate: a step costs (embeddings + head + their AdamW) + L x (one layer), and
// the difference of the two measurements is one layer. A measurement, scaled; not a guess from FLOPs.
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, type BertConfig } from "../model";
import { AdamW } from "./adamw";
import { trainStep } from "./step";
import type { PreflightPlan } from "./preflight";
import { yieldToEventLoop } from "./yield";

export interface StepTimeEstimate {
  backend: string;
  plan: PreflightPlan;
  layers: number;              // of the model asked about
  oneLayerSeconds: number;     // a measured step of the 1-layer copy
  twoLayerSeconds: number;     // a measured step of the 2-layer copy
  perLayerSeconds: number;     // their difference (at least 0)
  stepSeconds: number;         // extrapolated to `layers`
}

/** Seconds of one timed training step of `config` (after `warmup` untimed ones, which compile kernels). */
async function timeSteps(config: BertConfig, plan: PreflightPlan, warmup: number): Promise<number> {
  const model = BertForSequenceClassification.create(config, 0);
  const opt = new AdamW(model.params);
  const { batchSize: B, seqLen: T } = plan;
  // Any ids below the vocabulary size will do: the cost does not depend on which words they are.
  const batch = { inputIds: Int32Array.from({ length: B * T }, (_, i) => 1 + ((i * 7919) % (config.vocab_size - 1))), batchSize: B, seqLen: T };
  const labels = Array.from({ length: B }, (_, i) => i % config.num_labels);
  try {
    let seconds = 0;
    for (let i = 0; i <= warmup; i++) {
      const t0 = performance.now();
      const r = trainStep(model, batch, labels, opt, { lr: 1e-5, clipNorm: 1, seed: i });
      await r.loss.data();   // a sync point: the GPU backends queue work
      seconds = (performance.now() - t0) / 1000;
      tf.dispose([r.loss, r.correct, r.gradNorm]);
      await yieldToEventLoop();
    }
    return seconds;
  } finally {
    opt.dispose();
    model.dispose();
  }
}

/**
 * Time a training step of `config` at `plan` on the current backend by measuring 1- and 2-layer copies (see the
 * top of the file). `onStage` says what is being timed, for a progress line.
 */
export async function estimateStepTime(
  config: BertConfig, plan: PreflightPlan, o: { warmup?: number; onStage?: (layers: number) => void } = {},
): Promise<StepTimeEstimate> {
  o.onStage?.(1);
  const one = await timeSteps({ ...config, num_hidden_layers: 1 }, plan, o.warmup ?? 1);
  o.onStage?.(2);
  const two = await timeSteps({ ...config, num_hidden_layers: 2 }, plan, 0);   // kernels are warm by now
  const perLayer = Math.max(0, two - one);
  const L = config.num_hidden_layers;
  return {
    backend: tf.getBackend(), plan, layers: L, oneLayerSeconds: one, twoLayerSeconds: two, perLayerSeconds: perLayer,
    stepSeconds: one + (L - 1) * perLayer,
  };
}
