// One optimisation step of the classifier: forward with dropout, cross-entropy, backward, clip (stepGradients),
// then AdamW (trainStep; guarded-step.ts applies it only when the numbers are finite).
import * as tf from "@tensorflow/tfjs";
import type { BertBatch, BertModel, Params } from "../model";
import type { AdamW } from "./adamw";
import { clipByGlobalNorm, globalNorm } from "./clip";
import { byParamName, safeVariableGrads } from "./grads";
import { softmaxCrossEntropy } from "./loss";
import type { TrainStage } from "./stages";

export interface StepOptions {
  lr: number;
  clipNorm?: number;     // global-norm clipping threshold; 0/undefined = off
  seed: number;          // this step's dropout seed (derive it from the run seed + step for exact resumes)
  training?: boolean;    // dropout on (default true)
  trainable?: Params;    // the parameters that get gradients (default all; see freeze.ts)
  onStage?: (stage: TrainStage) => void;   // told as each stage starts (./stages)
}

export interface StepResult {
  loss: tf.Scalar;       // mean cross-entropy of the batch (before the update)
  correct: tf.Scalar;    // how many rows argmax(logits) got right
  gradNorm: tf.Scalar;   // global gradient norm before clipping
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
    // The tidy holds the forward pass and the tape until backward is done; only loss, counts and raw grads leave it.
    const r = tf.tidy(() => {
      // #region chapter-6-step: chapter 6 shows this part of the step (scripts/mdx/remark-excerpt.mjs)
      const y = tf.tensor1d(Int32Array.from(labels), "int32");        // [B]
      const { value, grads } = safeVariableGrads(() => {
        o.onStage?.("forward");                                       // #omit
        const { logits } = model.forward(batch, { training: o.training ?? true, seed: o.seed }); // [B, C]
        preds = tf.keep(tf.argMax(logits, -1));                       // class axis; kept past the inner tidy
        o.onStage?.("loss");                                          // #omit
        const loss = softmaxCrossEntropy(logits, y);                  // mean of -log softmax(logits)[label]
        o.onStage?.("backward");                                      // #omit
        return loss;                                                  // variableGrads now runs backward
      }, o.trainable ? [...o.trainable.values()] : model.variables());
      // #endregion chapter-6-step
      const named = byParamName(o.trainable ?? model.params, grads);
      const names = [...named.keys()];
      const correct = tf.sum(tf.cast(tf.equal(preds!, y), "float32")) as tf.Scalar;
      // Arrays, not a Map: tidy keeps the tensors it finds in arrays and plain objects only.
      return { loss: value, correct, names, grads: names.map((n) => named.get(n)!) };
    });
    // Clipped outside the tidy, consuming the raw gradients one by one: a second full copy would never be alive.
    o.onStage?.("clip");
    const clipped = o.clipNorm && o.clipNorm > 0 ? clipByGlobalNorm(r.grads, o.clipNorm, { consume: true }) : { grads: r.grads, norm: globalNorm(r.grads) };
    return { loss: r.loss, correct: r.correct, gradNorm: clipped.norm, grads: new Map(r.names.map((n, i) => [n, clipped.grads[i]])) };
  } finally {
    preds?.dispose();
  }
}

/** Run one update. The caller owns (and must dispose) the three returned scalars; nothing else survives. */
export function trainStep(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, opt: AdamW, o: StepOptions): StepResult {
  const g = stepGradients(model, batch, labels, o);
  try {
    o.onStage?.("adamw");
    opt.apply(g.grads, o.lr);
  } finally {
    tf.dispose([...g.grads.values()]);
  }
  return { loss: g.loss, correct: g.correct, gradNorm: g.gradNorm };
}
