// Score a labelled set with a sequence classifier: the same code the browser, the CLI and fine-tuning use.
import * as tf from "@tensorflow/tfjs";
import type { BertForSequenceClassification } from "../model";
import type { BatchEncoder, LabeledExample } from "./data";
import { computeMetrics, type ClassificationMetrics } from "./metrics";
import { yieldToEventLoop, type AbortSignalLike } from "./yield";

export interface EvaluateOptions {
  batchSize?: number;      // default 64
  maxLen?: number;         // default 128
  signal?: AbortSignalLike;
  onProgress?: (p: { done: number; total: number; examplesPerSecond: number; etaSeconds: number }) => void;
}

export interface EvaluateResult extends ClassificationMetrics {
  predictions: number[];       // per example, in input order
  examplesPerSecond: number;
  seconds: number;
  cancelled: boolean;
}

/** Predict every example (argmax over the class axis) and compute the metrics. */
export async function evaluateClassifier(model: BertForSequenceClassification, tokenizer: BatchEncoder, examples: LabeledExample[], opts: EvaluateOptions = {}): Promise<EvaluateResult> {
  const batchSize = opts.batchSize ?? 64, maxLen = opts.maxLen ?? 128;
  // Similar lengths in one batch -> less padding. Character length is a cheap proxy for token length.
  const order = examples.map((_, i) => i).sort((a, b) => examples[a].text.length - examples[b].text.length);
  const predictions = new Array<number>(examples.length).fill(-1);
  const t0 = performance.now();
  let done = 0, cancelled = false;
  for (let start = 0; start < order.length; start += batchSize) {
    if (opts.signal?.aborted) { cancelled = true; break; }
    const idx = order.slice(start, start + batchSize);
    const batch = tokenizer.encodeBatch(idx.map((i) => examples[i].text), { maxLen });
    const preds = tf.tidy(() => tf.argMax(model.forward(batch).logits, -1)); // [B], class axis
    const values = await preds.data();
    preds.dispose();
    idx.forEach((ex, j) => { predictions[ex] = values[j]; });
    done += idx.length;
    const secs = (performance.now() - t0) / 1000;
    opts.onProgress?.({ done, total: examples.length, examplesPerSecond: done / secs, etaSeconds: ((examples.length - done) * secs) / done });
    await yieldToEventLoop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const scored = examples.map((e, i) => [predictions[i], e.label]).filter(([p]) => p >= 0);
  const metrics = computeMetrics(scored.map((x) => x[0]), scored.map((x) => x[1]), model.config.num_labels);
  return { ...metrics, predictions, examplesPerSecond: seconds > 0 ? done / seconds : 0, seconds, cancelled };
}
