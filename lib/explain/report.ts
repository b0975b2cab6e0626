// What an explanation is, and what views do with one, with no tfjs: the method names, the Explanation record, the
// cut notice and the rank correlations between methods. Pages import this (via ./view) without pulling tfjs into
// the main thread; `explain()` itself lives in ./explain and runs in a worker.
import type { IntegratedGradients } from "./attribution";
import { spearman } from "./rank";
import { specialPositions, type WordSpan } from "./words";

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

export interface Explanation {
  text: string;
  tokens: string[];
  ids: number[];
  /** Per token, the [start, end) of `text` it came from (the tokenizer's offsets; [0, 0] for [CLS]/[SEP]). */
  offsets: [number, number][];
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
