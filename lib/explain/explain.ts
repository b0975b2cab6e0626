// One sentence, every view's data: prediction, attention [L, A, T, T], queries and keys for the neuron view, and
// five per-token explanations of the predicted (or chosen) class, at the level of pieces and of words. Runs on
// any tfjs backend, in a worker: the kernel worker for chapter cells, the explorer's engine worker
// (components/explorer/engine.worker.ts). It yields between chunks, so a Stop message gets through.
import * as tf from "@tensorflow/tfjs";
import type { BertForSequenceClassification } from "../model";
import type { WordPieceTokenizer } from "../tokenizer";
import { yieldToEventLoop } from "../train/yield";
import { gradientXInput, integratedGradients, occlusion, type Progress } from "./attribution";
import { headMean, rollout } from "./summary";
import type { Explanation, MethodScores } from "./report";
import { mergeScores, specialPositions, wordSpans } from "./words";

export * from "./report";

export interface Classifier {
  model: BertForSequenceClassification;
  tokenizer: WordPieceTokenizer;
  labels: string[];
}

export interface ExplainOptions {
  /** Class to explain (default: the predicted one). */
  target?: number;
  /** Integrated Gradients steps (default 32). */
  steps?: number;
  /** Skip the gradient and occlusion methods (attention views only). */
  attentionOnly?: boolean;
  onProgress?(stage: "forward" | "gxi" | "ig" | "occlusion", p: Progress): void;
  signal?: AbortSignal;
}

export async function explain(clf: Classifier, text: string, opts: ExplainOptions = {}): Promise<Explanation> {
  const t0 = performance.now();
  if (!text.trim()) throw new Error("빈 문장입니다. 분석할 문장을 넣어 주세요.");
  const { model, tokenizer } = clf;
  const maxLength = model.config.max_position_embeddings;
  const fullLength = tokenizer.tokenize(text).length + 2;
  const enc = tokenizer.encode(text, { maxLen: maxLength });
  const T = enc.ids.length;
  const L = model.config.num_hidden_layers, A = model.config.num_attention_heads, D = model.config.hidden_size / A;

  const [probsT, attT, qT, kT] = tf.tidy(() => {
    const qs: tf.Tensor[] = [], ks: tf.Tensor[] = [];
    const out = model.forward(
      { inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T },
      {
        outputAttentions: true,
        onTensor: (name, t) => {
          if (/^layer\.\d+\.attention\.query$/.test(name)) qs.push(tf.squeeze(t, [0]));   // [A, T, D]
          else if (/^layer\.\d+\.attention\.key$/.test(name)) ks.push(tf.squeeze(t, [0]));
        },
      },
    );
    return [tf.softmax(out.logits), tf.stack(out.attentions!.map((a) => tf.squeeze(a, [0]))), tf.stack(qs), tf.stack(ks)];   // [1, C], [L, A, T, T], [L, A, T, D] ×2
  });
  let probs: number[], attention: Float32Array, queries: Float32Array, keys: Float32Array;
  try {
    const d = await Promise.all([probsT.data(), attT.data(), qT.data(), kT.data()]);
    probs = Array.from(d[0]);
    [attention, queries, keys] = [Float32Array.from(d[1]), Float32Array.from(d[2]), Float32Array.from(d[3])];
  } finally {
    tf.dispose([probsT, attT, qT, kT]);
  }
  opts.onProgress?.("forward", { done: 1, total: 1 });
  await yieldToEventLoop();
  const target = opts.target ?? probs.indexOf(Math.max(...probs));
  const words = wordSpans(enc.tokens);
  const base: Explanation = {
    text, tokens: enc.tokens, ids: enc.ids, offsets: enc.offsets, words, fullLength, maxLength, cut: Math.max(0, fullLength - maxLength),
    labels: clf.labels, probs, target, layers: L, heads: A, headDim: D, attention, queries, keys, ms: 0,
  };
  const cls = (m: Float32Array) => Array.from(m.subarray((L - 1) * T * T, (L - 1) * T * T + T));   // last layer, [CLS] row
  const attnPieces = cls(headMean(attention, L, A, T));
  const rollPieces = cls(rollout(attention, L, A, T));
  const methods: MethodScores[] = [
    { id: "attention", pieces: attnPieces, words: mergeScores(attnPieces, words) },
    { id: "rollout", pieces: rollPieces, words: mergeScores(rollPieces, words) },
  ];
  if (opts.attentionOnly) return { ...base, ms: performance.now() - t0 };

  const encoded = { ids: enc.ids, tokenTypeIds: enc.tokenTypeIds };
  const keep = [...specialPositions(words)];
  const gxi = await gradientXInput(model, encoded, target);
  opts.onProgress?.("gxi", { done: 1, total: 1 });
  await yieldToEventLoop();
  opts.signal?.throwIfAborted();
  methods.push({ id: "gxi", pieces: gxi.scores, words: mergeScores(gxi.scores, words) });
  const ig = await integratedGradients(model, encoded, target, {
    steps: opts.steps ?? 32, baselineId: tokenizer.padId, keep, signal: opts.signal, onProgress: (p) => opts.onProgress?.("ig", p),
  });
  methods.push({ id: "ig", pieces: ig.scores, words: mergeScores(ig.scores, words) });
  // Occlusion deletes one content word at a time (a special token never: score 0). Deleting single pieces
  // of a word would feed the model non-words, and it would cost T forward passes instead of W; in the piece
  // view every piece shows its word's score.
  const wordGroups = words.map((w) => (w.special ? null : Array.from({ length: w.end - w.start }, (_, k) => w.start + k)));
  const occ = await occlusion(model, encoded, wordGroups.filter((g): g is number[] => g !== null), target, { padId: tokenizer.padId, signal: opts.signal, onProgress: (p) => opts.onProgress?.("occlusion", p) });
  let k = 0;
  const occWords = wordGroups.map((g) => (g ? occ.logit[k++] : 0));
  const occPieces = enc.tokens.map((_, i) => occWords[words.findIndex((w) => i >= w.start && i < w.end)]);
  methods.push({ id: "occlusion", pieces: occPieces, words: occWords });
  const { scores: _s, ...igRest } = ig;
  return { ...base, methods, ig: igRest, ms: performance.now() - t0 };
}

