// One optimisation step that looks before it leaps: forward with dropout, cross-entropy, backward, clip,
// then read loss and gradient norm, and only apply AdamW when both are finite. A NaN/Inf step leaves the
// weights, the Adam moments and the update count (t) exactly as they were.
// Same maths and dropout seeds as trainStep (./step), so finite steps give bit-identical numbers.
import * as tf from "@tensorflow/tfjs";
import type { BertBatch, BertModel } from "../model";
import type { AdamW } from "./adamw";
import { stepGradients, type StepOptions } from "./step";

export interface GuardedStepResult {
  loss: number;          // mean cross-entropy of the batch (before the update)
  correct: number;       // how many rows argmax(logits) got right
  gradNorm: number;      // global gradient norm before clipping
  applied: boolean;      // false: loss or gradNorm was NaN/Inf and the update was skipped
}

/** Run one step and read its numbers (one sync point); the update is applied only if they are finite. No tensor survives. */
export async function guardedTrainStep(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, opt: AdamW, o: StepOptions): Promise<GuardedStepResult> {
  const g = stepGradients(model, batch, labels, o);
  try {
    const [loss, correct, gradNorm] = (await Promise.all([g.loss.data(), g.correct.data(), g.gradNorm.data()])).map((d) => d[0]);
    const applied = Number.isFinite(loss) && Number.isFinite(gradNorm);
    if (applied) {
      o.onStage?.("adamw");
      opt.apply(g.grads, o.lr);
    }
    return { loss, correct, gradNorm, applied };
  } finally {
    tf.dispose([g.loss, g.correct, g.gradNorm, ...g.grads.values()]);
  }
}
