// Classification metrics from predicted and true class ids: accuracy, per-class precision/recall/F1, macro F1,
// confusion matrix. Predictions come from argmax over the CLASS axis (the last one), never over the batch.
import * as tf from "@tensorflow/tfjs";

/** Predicted class per row: argmax over the last (class) axis. logits [N, C] -> int32 [N]. */
export function argmaxClass(logits: tf.Tensor): tf.Tensor {
  return tf.argMax(logits, -1);
}

/** Same, on plain arrays (rows of class scores). */
export function argmaxRows(rows: ArrayLike<number>[]): number[] {
  return Array.from(rows, (r) => {
    let best = 0;
    for (let c = 1; c < r.length; c++) if (r[c] > r[best]) best = c;
    return best;
  });
}

export interface ClassificationMetrics {
  n: number;
  accuracy: number;
  precision: number[];   // per class: TP / (TP + FP); 0 when the class was never predicted
  recall: number[];      // per class: TP / (TP + FN); 0 when the class never occurs
  f1: number[];          // per class: harmonic mean of the two
  macroF1: number;       // unweighted mean of per-class F1
  confusion: number[][]; // confusion[true][predicted]
}

export function computeMetrics(predictions: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number): ClassificationMetrics {
  if (predictions.length !== labels.length) throw new Error(`${predictions.length} predictions for ${labels.length} labels`);
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const isClass = (v: number) => Number.isInteger(v) && v >= 0 && v < numClasses;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i], p = predictions[i];
    // A label from a file with other classes (or a model with more outputs) would otherwise fail deep inside
    // the confusion matrix ("Cannot read properties of undefined"): say which row and what value.
    if (!isClass(y)) throw new Error(`computeMetrics: label ${y} at row ${i} is not a class id (0..${numClasses - 1} for ${numClasses} classes)`);
    if (!isClass(p)) throw new Error(`computeMetrics: prediction ${p} at row ${i} is not a class id (0..${numClasses - 1} for ${numClasses} classes)`);
    confusion[y][p] += 1;
    if (y === p) correct += 1;
  }
  const precision: number[] = [], recall: number[] = [], f1: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const tp = confusion[c][c];
    const predicted = confusion.reduce((s, row) => s + row[c], 0);
    const actual = confusion[c].reduce((s, x) => s + x, 0);
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    precision.push(p);
    recall.push(r);
    f1.push(p + r ? (2 * p * r) / (p + r) : 0);
  }
  const n = labels.length;
  return { n, accuracy: n ? correct / n : 0, precision, recall, f1, macroF1: f1.reduce((a, b) => a + b, 0) / numClasses, confusion };
}
