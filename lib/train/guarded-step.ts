// One optimisation step that looks before it leaps: forward with dropout, cross-entropy, backward, clip,
// then read loss and gradient norm, and only apply AdamW when both are finite. A NaN/Inf step leaves the
// weights, the Adam moments and the update count (t) exactly as they were.
// Same maths and dropout seeds as trainStep (./step), so finite steps give bit-identical numbers.
import * as tf from "@tensorflow/tfjs";
import type { BertBatch, BertModel } from "../model";
import type { AdamW } from "./adamw";
import { clipByGlobalNorm, globalNorm } from "./clip";
import { byParamName, safeVariableGrads } from "./grads";
import { softmaxCrossEntropy } from "./loss";
import type { StepOptions } from "./step";

export interface GuardedStepResult {
  loss: number;          // mean cross-entropy of the batch (before the update)
  correct: number;       // how many rows argmax(logits) got right
  gradNorm: number;      // global gradient norm before clipping
  applied: boolean;      // false: loss or gradNorm was NaN/Inf and the update was skipped
}

/** Loss, gradients (clipped) and counts of one batch, before any update. The caller disposes every tensor in it. */
export interface StepGradients {
  loss: tf.Scalar;                  // mean cross-entropy of the batch
  correct: tf.Scalar;               // how many rows argmax(logits) got right
  gradNorm: tf.Scalar;              // global gradient norm before clipping
  grads: Map<string, tf.Tensor>;    // parameter name -> gradient, clipped to clipNorm when set
}

/** Forward with dropout (o.seed), cross-entropy, backward, global-norm clipping; no update. Nothing else survives. */
export function stepGradients(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, o: StepOptions): StepGradients {
  let preds: tf.Tensor | undefined;
  try {
    const r = tf.tidy(() => {
      const y = tf.tensor1d(Int32Array.from(labels), "int32");        // [B]
      const { value, grads } = safeVariableGrads(() => {
        const { logits } = model.forward(batch, { training: o.training ?? true, seed: o.seed }); // [B, C]
        preds = tf.keep(tf.argMax(logits, -1));                       // class axis; kept past the inner tidy
        return softmaxCrossEntropy(logits, y);
      }, model.variables());
      const named = byParamName(model.params, grads);
      const names = [...named.keys()];
      const raw = names.map((n) => named.get(n)!);
      const clipped = o.clipNorm && o.clipNorm > 0 ? clipByGlobalNorm(raw, o.clipNorm) : { grads: raw, norm: globalNorm(raw) };
      const correct = tf.sum(tf.cast(tf.equal(preds!, y), "float32")) as tf.Scalar;
      // Arrays, not a Map: tidy keeps the tensors it finds in arrays and plain objects only.
      return { loss: value, correct, gradNorm: clipped.norm, names, grads: clipped.grads };
    });
    return { loss: r.loss, correct: r.correct, gradNorm: r.gradNorm, grads: new Map(r.names.map((n, i) => [n, r.grads[i]])) };
  } finally {
    preds?.dispose();
  }
}

/** Run one step and read its numbers (one sync point); the update is applied only if they are finite. No tensor survives. */
export async function guardedTrainStep(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, opt: AdamW, o: StepOptions): Promise<GuardedStepResult> {
  const g = stepGradients(model, batch, labels, o);
  try {
    const [loss, correct, gradNorm] = (await Promise.all([g.loss.data(), g.correct.data(), g.gradNorm.data()])).map((d) => d[0]);
    const applied = Number.isFinite(loss) && Number.isFinite(gradNorm);
    if (applied) opt.apply(g.grads, o.lr);
    return { loss, correct, gradNorm, applied };
  } finally {
    tf.dispose([g.loss, g.correct, g.gradNorm, ...g.grads.values()]);
  }
}
