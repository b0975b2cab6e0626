// One optimisation step of the classifier: forward with dropout, cross-entropy, backward, clip, AdamW.
import * as tf from "@tensorflow/tfjs";
import type { BertBatch, BertModel } from "../model";
import type { AdamW } from "./adamw";
import { clipByGlobalNorm, globalNorm } from "./clip";
import { byParamName, safeVariableGrads } from "./grads";
import { softmaxCrossEntropy } from "./loss";

export interface StepOptions {
  lr: number;
  clipNorm?: number;     // global-norm clipping threshold; 0/undefined = off
  seed: number;          // this step's dropout seed (derive it from the run seed + step for exact resumes)
  training?: boolean;    // dropout on (default true)
}

export interface StepResult {
  loss: tf.Scalar;       // mean cross-entropy of the batch (before the update)
  correct: tf.Scalar;    // how many rows argmax(logits) got right
  gradNorm: tf.Scalar;   // global gradient norm before clipping
}

/** Run one update. The caller owns (and must dispose) the three returned scalars; nothing else survives. */
export function trainStep(model: BertModel, batch: BertBatch, labels: ArrayLike<number>, opt: AdamW, o: StepOptions): StepResult {
  let preds: tf.Tensor | undefined;
  try {
    return tf.tidy(() => {
      const y = tf.tensor1d(Int32Array.from(labels), "int32");        // [B]
      const { value, grads } = safeVariableGrads(() => {
        const { logits } = model.forward(batch, { training: o.training ?? true, seed: o.seed }); // [B, C]
        preds = tf.keep(tf.argMax(logits, -1));                       // class axis; kept past the inner tidy
        return softmaxCrossEntropy(logits, y);
      }, model.variables());
      const named = byParamName(model.params, grads);
      const names = [...named.keys()];
      let gradNorm: tf.Scalar;
      if (o.clipNorm && o.clipNorm > 0) {
        const clipped = clipByGlobalNorm(names.map((n) => named.get(n)!), o.clipNorm);
        names.forEach((n, i) => named.set(n, clipped.grads[i]));
        gradNorm = clipped.norm;
      } else {
        gradNorm = globalNorm(names.map((n) => named.get(n)!));
      }
      opt.apply(named, o.lr);
      const correct = tf.sum(tf.cast(tf.equal(preds!, y), "float32")) as tf.Scalar;
      return { loss: value, correct, gradNorm };
    });
  } finally {
    preds?.dispose();
  }
}
