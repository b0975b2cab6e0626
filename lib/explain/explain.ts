// One sentence, every view's data: prediction, attention [L, A, T, T], queries and keys for the neuron view, and
// five per-token explanations of the predicted (or chosen) class, at the level of pieces and of words. Runs on
// any tfjs backend: in the kernel worker for chapter cells, on the explorer's main thread (it yields between
// chunks, so the page paints and Stop works).
import * as tf from "@tensorflow/tfjs";
import type { BertForSequenceClassification } from "../model";
import type { WordPieceTokenizer } from "../tokenizer";
import { yieldToEventLoop } from "../train/yield";
import { gradientXInput, integratedGradients, occlusion, type IntegratedGradients, type Progress } from "./attribution";
import { spearman } from "./rank";
import { headMean, rollout } from "./summary";
import { mergeScores, specialPositions, wordSpans, type WordSpan } from "./words";

export type MethodId = "attention" | "rollout" | "gxi" | "ig" | "occlusion";

export const METHODS: { id: MethodId; name: string; signed: boolean; about: string }[] = [
  { id: "attention", name: "어텐션 ([CLS], 마지막 층)", signed: false, about: "마지막 층에서 [CLS]가 준 어텐션, 헤드 평균" },
  { id: "rollout", name: "롤아웃", signed: false, about: "모든 층의 (헤드 평균 + I)를 곱한 [CLS] 행" },
  { id: "gxi", name: "기울기 × 입력", signed: true, about: "∂logit/∂임베딩 · 임베딩" },
  { id: "ig", name: "통합 기울기 (IG)", signed: true, about: "[PAD] 기준선에서 입력까지 기울기 적분 × (입력 − 기준선)" },
  { id: "occlusion", name: "지워 보기", signed: true, about: "logit(원문) − logit(그 단어를 지운 문장), 단어 단위" },
];

export interface MethodScores {
  id: MethodId;
  /** One score per piece / per word (specials included, as 0 for the output-tied methods' deleted-nothing cases). */
  pieces: number[];
  words: number[];
}

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

export interface Explanation {
  text: string;
  tokens: string[];
  ids: number[];
  words: WordSpan[];
  /** Pieces incl. [CLS]/[SEP] before cutting, the model's limit, and how many were cut off the end. */
  fullLength: number;
  maxLength: number;
  cut: number;
  labels: string[];
  probs: number[];
  target: number;
  layers: number;
  heads: number;
  headDim: number;
  /** [L, A, T, T] attention probabilities. */
  attention: Float32Array;
  /** [L, A, T, D] query and key vectors (after the projections, before the 1/√D scaling). */
  queries: Float32Array;
  keys: Float32Array;
  /** Absent with attentionOnly. */
  methods?: MethodScores[];
  ig?: Omit<IntegratedGradients, "scores">;
  ms: number;
}

/** The Korean line saying that (and how much of) the input was cut, or null. */
export function cutNotice(e: Pick<Explanation, "fullLength" | "maxLength" | "cut">): string | null {
  return e.cut > 0
    ? `입력이 ${e.fullLength}개 토큰이라 모델이 받을 수 있는 ${e.maxLength}개([CLS], [SEP] 포함)에 맞춰 뒷부분 ${e.cut}개를 잘랐습니다. 예측과 그림, 설명은 모두 잘린 문장 기준입니다.`
    : null;
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
    text, tokens: enc.tokens, ids: enc.ids, words, fullLength, maxLength, cut: Math.max(0, fullLength - maxLength),
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

export interface Correlations {
  methods: MethodId[];
  /** Spearman ρ over the content units (specials left out), on |score| so that signed and unsigned methods compare. */
  rho: number[][];
  n: number;
}

/** Rank correlation between every pair of methods, over pieces or words. */
export function correlations(e: Pick<Explanation, "methods" | "words" | "tokens">, unit: "pieces" | "words"): Correlations {
  const methods = e.methods ?? [];
  const specials = specialPositions(e.words);
  const content = unit === "words"
    ? e.words.flatMap((w, i) => (w.special ? [] : [i]))
    : e.tokens.flatMap((_, i) => (specials.has(i) ? [] : [i]));
  const vec = (m: MethodScores) => content.map((i) => Math.abs(m[unit][i]));
  return {
    methods: methods.map((m) => m.id),
    rho: methods.map((a) => methods.map((b) => spearman(vec(a), vec(b)))),
    n: content.length,
  };
}
