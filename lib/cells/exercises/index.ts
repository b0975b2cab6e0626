// Every exercise's check, by the id its <Exercise id> and its scratch cell's show.check(id, …) use. Each check
// recomputes the right answer from the chapter's own globals with the engine; a hint names the likely mistake.
// tests/unit/exercises.test.ts holds the chapters and this table together; tests/browser/exercises.test.ts runs
// every check on the starter, the solution and a wrong answer.
import * as tf from "@tensorflow/tfjs";
import * as engine from "../../index";
import { describe, Miss, near, need, no, num, ok, pct, type ExerciseCheck, type Verdict } from "./check";

export { Miss, type ExerciseCheck, type Verdict } from "./check";

type Row = { text: string; label: number };
type Tok = engine.WordPieceTokenizer;
type Classifier = { model: engine.BertForSequenceClassification; tokenizer: Tok; labels: string[] };
type Analysis = { tokens: string[]; probs: number[]; att: number[][][][] };

const GiB = 2 ** 30;

/** P(긍정) of each text with one batch through the classifier (as chapter 5's classify-batch cell does). */
async function positiveProbs(clf: Classifier, texts: string[]): Promise<number[]> {
  const enc = clf.tokenizer.encodeBatch(texts, { maxLen: 128 });
  const probs = tf.tidy(() => tf.softmax(clf.model.forward(enc).logits, -1));
  const p = (await probs.array()) as number[][];
  probs.dispose();
  const pos = Math.max(0, clf.labels.indexOf("긍정"));
  return p.map((r) => r[pos]);
}

/** Chapter 4's `base` (BERT-base with the English vocabulary), or the same config when that cell has not run. */
const baseConfig = (g: Record<string, unknown>) =>
  (g.base as engine.BertConfig | undefined) ?? engine.makeConfig("base", { vocab_size: 30522 });

/** The longest T (a multiple of 8, at most 512) whose training estimate fits `limit` bytes. */
function longestFitting(config: engine.BertConfig, batchSize: number, limit: number): number {
  let best = 0;
  for (let T = 8; T <= 512; T += 8) if (engine.estimateTrainingMemory(config, { batchSize, seqLen: T }).total <= limit) best = T;
  return best;
}

/** For attention att[layer][head][query][key]: the (1-based) layer and head whose column `col` gets the largest mean. */
function headByColumn(att: number[][][][], col: (T: number) => number): { 층: number; 헤드: number } {
  let best = { 층: 0, 헤드: 0, share: -1 };
  att.forEach((layer, l) =>
    layer.forEach((m, h) => {
      const c = col(m.length);
      const share = m.reduce((s, row) => s + row[c], 0) / m.length;
      if (share > best.share) best = { 층: l + 1, 헤드: h + 1, share };
    }),
  );
  return { 층: best.층, 헤드: best.헤드 };
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

export const EXERCISES: Record<string, ExerciseCheck> = {
  // ---------------------------------------------------------------- 0. cells
  "sum-squares": {
    chapter: "cells",
    answer: "sumOfSquares",
    async check(answer) {
      const v = await num(answer, "sumOfSquares");
      if (v === 385) return ok("1² + 2² + … + 10² = 385");
      if (v === 285) return no("285는 1²부터 9²까지의 합입니다. `tf.range(1, 10)`은 끝 값 10을 넣지 않으니 `tf.range(1, 11)`로 만드세요.");
      if (v === 55) return no("55는 제곱하지 않은 1 + 2 + … + 10입니다. 더하기 전에 `.square()`를 하세요.");
      if (v === 0) return no("`sumOfSquares`가 아직 0입니다. 계산한 값을 넣으세요. 텐서의 값은 `(await t.data())[0]`으로 꺼냅니다.");
      return no(`지금 값(${v})은 1² + 2² + … + 10²이 아닙니다. \`tf.range(1, 11).square().sum()\`의 값을 넣어 보세요.`);
    },
  },

  // ---------------------------------------------------------------- 1. BERT overview
  "fill-two": {
    chapter: "bert-overview",
    answer: "fills",
    check(answer) {
      if (!Array.isArray(answer)) return no(`\`fills\`에는 \`engine.fillMask\`가 돌려준 배열을 넣으세요 (지금: ${describe(answer)}).`);
      if (answer.length !== 2) return no(`[MASK] 자리가 ${answer.length}개입니다. 문장에 [MASK]를 정확히 두 개 넣으세요.`);
      const fills = answer as engine.MaskFill[];
      const k = fills.map((f) => f.predictions?.length ?? 0);
      if (k.some((n) => n !== 3)) return no(`자리마다 후보가 ${k.join(", ")}개입니다. 상위 3개만 보려면 \`engine.fillMask\`의 세 번째 인자를 3으로 주세요 (기본값은 5).`);
      const sorted = fills.every((f) => f.predictions.every((p, i) => i === 0 || p.prob <= f.predictions[i - 1].prob));
      if (!sorted) return no("후보가 확률이 큰 순서가 아닙니다. `engine.fillMask`가 돌려준 그대로 넣으세요.");
      return ok(fills.map((f) => `자리 ${f.position}: ${f.predictions.map((p) => p.token).join(", ")}`).join(" · "));
    },
  },
  "large-size": {
    chapter: "bert-overview",
    answer: "largeParams",
    async check(answer, g) {
      const v = await num(answer, "largeParams");
      const large = engine.parameterCount(engine.makeConfig("large", { vocab_size: 30522 }));
      const base = engine.parameterCount(engine.makeConfig("base", { vocab_size: 30522 }));
      const ours = g.c ? engine.parameterCount(g.c as engine.BertConfig) : NaN;
      if (v === large) return ok(`BERT-large ${large.toLocaleString("ko")}개${ours ? `, 우리 모델의 ${(large / ours).toFixed(0)}배` : ""}`);
      if (v === base) return no("BERT-base의 수입니다. `engine.makeConfig(\"large\", …)`로 만드세요.");
      if (v === ours) return no("우리 BERT-mini(`c`)의 수입니다. BERT-large의 설정을 만들어 세세요.");
      if (v === engine.parameterCount(engine.makeConfig("large"))) return ok(`BERT-large ${v.toLocaleString("ko")}개`);
      return no(`${v.toLocaleString("ko")}개는 BERT-large(24층, 은닉 크기 1024, 어휘 30,522개)의 파라미터 수가 아닙니다. \`engine.parameterCount(engine.makeConfig("large", { vocab_size: 30522 }))\`를 보세요.`);
    },
  },

  // ---------------------------------------------------------------- 2. tokenization
  longest: {
    chapter: "tokenization",
    answer: "longestText",
    check(answer, g) {
      const sample = need<Row[]>(g, "sample", "nsmc-lengths");
      const lengths = need<number[]>(g, "lengths", "nsmc-lengths");
      const tok = need<Tok>(g, "tok", "load-vocab");
      if (typeof answer !== "string" || !answer) return no("`longestText`에 `sample`에서 찾은 리뷰의 글(`.text`)을 넣으세요.");
      const i = sample.findIndex((r) => r.text === answer);
      if (i < 0) return no("`sample`에 없는 글입니다. `sample[i].text`를 그대로 넣으세요.");
      const max = Math.max(...lengths), min = Math.min(...lengths);
      const n = tok.encode(answer, { maxLen: 512 }).ids.length;
      if (n === max) return ok(`${n}토큰: "${answer.slice(0, 30)}…" (리뷰 ${sample.length.toLocaleString("ko")}개 가운데 가장 깁니다)`);
      if (n === min) return no(`${n}토큰으로 가장 짧은 리뷰입니다. \`Math.min\` 대신 \`Math.max\`로 찾으세요.`);
      return no(`이 리뷰는 ${n}토큰이고, 가장 긴 리뷰는 ${max}토큰입니다. \`lengths\`에서 가장 큰 값의 위치를 찾으세요.`);
    },
  },
  "batch-padding": {
    chapter: "tokenization",
    answer: "randomAt128",
    async check(answer, g) {
      const lengths = need<number[]>(g, "lengths", "nsmc-lengths");
      const v = await num(answer, "randomAt128");
      const eff = (bucketSize: number, seed: number) =>
        engine.paddingEfficiency(lengths, engine.makeBatches(lengths, 128, { seed, bucketSize })).efficiency;
      const random = eff(1, 1);
      // Another seed shuffles differently: the ratio moves a little, not the lesson.
      if (Math.abs(v - random) <= 0.03) return ok(`B = 128의 무작위 배치: 진짜 토큰 ${pct(v)} (길이 버킷은 ${pct(eff(50, 1))})`);
      if (Math.abs(v - eff(50, 1)) <= 0.01) return no("길이 버킷(`bucketSize` 기본값 50)의 비율입니다. 무작위 배치는 `bucketSize: 1`로 만드세요.");
      if (v > 1 || v <= 0) return no("비율은 0과 1 사이입니다. `engine.paddingEfficiency(…).efficiency`를 넣으세요.");
      return no(`지금 값(${v.toFixed(3)})은 B = 128인 무작위 배치의 비율이 아닙니다. \`engine.makeBatches(lengths, 128, { seed: 1, bucketSize: 1 })\`로 배치를 만들어 재세요.`);
    },
  },

  // ---------------------------------------------------------------- 3. encoder
  "cls-share": {
    chapter: "encoder",
    answer: "clsShare",
    async check(answer, g) {
      const seen = need<Map<string, tf.Tensor>>(g, "seen", "capture");
      const probs = seen.get("layer.0.attention.probs");
      if (!probs) throw new Miss("`seen`에 0번 층의 어텐션 확률이 없습니다. `capture` 셀을 다시 실행하세요.");
      const [, A, T] = probs.shape;
      const p = (await probs.array()) as number[][][][];
      const want = p[0].map((m) => m.reduce((s, row) => s + row[0], 0) / T);   // column 0, mean over queries
      if (!Array.isArray(answer) || answer.length !== A) return no(`\`clsShare\`에는 헤드마다 하나씩 ${A}개의 숫자를 넣으세요 (지금: ${describe(answer)}).`);
      const got = answer.map(Number);
      if (got.every((v, h) => near(v, want[h], 1e-4))) return ok(`헤드별로 [CLS]가 받는 평균 어텐션: ${got.map((v) => v.toFixed(3)).join(", ")}`);
      if (got.every((v) => near(v, 1 / T, 1e-4))) return no(`모두 1/T(= ${(1 / T).toFixed(3)})입니다. 행 0의 평균을 냈네요. 행은 합이 1이라 늘 1/T입니다. [CLS]가 받는 어텐션은 0번 열입니다.`);
      return no(`헤드 ${got.findIndex((v, h) => !near(v, want[h], 1e-4))}의 값이 다릅니다. 헤드 행렬 [T, T]에서 0번 열(모든 쿼리가 [CLS]에 준 가중치)의 평균을 넣으세요.`);
    },
  },
  "head-by-hand": {
    chapter: "encoder",
    answer: "myProbs",
    async check(answer, g) {
      const seen = need<Map<string, tf.Tensor>>(g, "seen", "capture");
      const enc = need<engine.Encoding>(g, "enc", "load");
      const probs = seen.get("layer.0.attention.probs"), query = seen.get("layer.0.attention.query"), key = seen.get("layer.0.attention.key");
      if (!probs || !query || !key) throw new Miss("`seen`에 0번 층의 텐서가 없습니다. `capture` 셀을 다시 실행하세요.");
      const [, , T, D] = query.shape;
      let got: tf.Tensor;
      if (answer instanceof tf.Tensor) got = answer.reshape([-1, answer.shape[answer.rank - 1] ?? 0]);
      else if (Array.isArray(answer)) got = tf.tensor2d(answer as number[][]);
      else return no(`\`myProbs\`에는 [T, T] 텐서를 넣으세요 (지금: ${describe(answer)}).`);
      if (got.shape[0] !== T || got.shape[1] !== T) return no(`모양이 [${got.shape}]입니다. 쿼리 T개 × 키 T개, 곧 [${T}, ${T}]여야 합니다.`);
      const headOf = (t: tf.Tensor, h: number, cols: number) => tf.slice(t, [0, h, 0, 0], [1, 1, T, cols]).reshape([T, cols]);
      const mask = engine.additiveMask(tf.tensor2d([Array.from(enc.attentionMask)], [1, T])).reshape([1, T]);
      // The model's head 2, head 0 (the chapter cells' default), and head 2 without the ÷ √D.
      const want = headOf(probs, 2, T), head0 = headOf(probs, 0, T);
      const unscaled = tf.tidy(() => tf.softmax(headOf(query, 2, D).matMul(headOf(key, 2, D), false, true).add(mask)));
      const [dWant, dHead0, dUnscaled] = [await maxAbsDiff(got, want), await maxAbsDiff(got, head0), await maxAbsDiff(got, unscaled)];
      tf.dispose([want, head0, unscaled, mask]);
      if (dWant <= 1e-4) return ok(`헤드 2의 어텐션 확률과 같습니다 (최대 차이 ${dWant.toExponential(1)})`);
      if (dHead0 <= 1e-4) return no("헤드 0의 확률입니다. 헤드 2는 W_Q, W_K의 출력 열 중 2·D부터 D개를 씁니다.");
      if (dUnscaled <= 1e-4) return no("점수를 √D로 나누기를 빠뜨렸습니다. softmax 전에 `q·kᵀ / √D`를 하세요.");
      return no(`모델의 헤드 2와 최대 ${dWant.toFixed(3)}만큼 다릅니다. q·kᵀ ÷ √D에 마스크를 더하고 마지막 축(키)으로 softmax를 하세요.`);
    },
  },
  "padding-mask": {
    chapter: "encoder",
    answer: "padDiff",
    async check(answer, g) {
      const model = need<engine.BertModel>(g, "model", "load");
      const enc = need<engine.Encoding>(g, "enc", "load");
      const tokenizer = need<Tok>(g, "tokenizer", "load");
      const L = need<number>(g, "L", "load");
      if (!answer || typeof answer !== "object" || !("masked" in answer) || !("unmasked" in answer))
        return no("`padDiff`에는 `{ masked, unmasked }` 두 숫자를 넣으세요.");
      const a = answer as { masked: unknown; unmasked: unknown };
      if (typeof a.masked !== "number" || typeof a.unmasked !== "number" || Number.isNaN(a.masked) || Number.isNaN(a.unmasked))
        return no("`masked`와 `unmasked`가 아직 숫자가 아닙니다. 두 경우의 [CLS] 최대 차이를 재서 넣으세요.");
      // Recompute both: the sentence alone, and with three [PAD] whose mask is 0 or 1.
      const T = enc.ids.length;
      const cls = (mask: number | null) =>
        tf.tidy(() => {
          const pad = mask === null ? 0 : 3;
          const batch = {
            inputIds: [...enc.ids, ...Array(pad).fill(tokenizer.padId)],
            tokenTypeIds: [...enc.tokenTypeIds, ...Array(pad).fill(0)],
            attentionMask: [...enc.attentionMask, ...Array(pad).fill(mask ?? 0)],
            batchSize: 1,
            seqLen: T + pad,
          };
          const hidden = model.forward(batch, { outputHidden: true }).hidden![L];
          return tf.slice(hidden, [0, 0, 0], [1, 1, -1]).reshape([-1]);
        });
      const plain = cls(null), withMask = cls(0), noMask = cls(1);
      const masked = await maxAbsDiff(withMask, plain), unmasked = await maxAbsDiff(noMask, plain);
      tf.dispose([plain, withMask, noMask]);
      const close = (x: number, y: number) => Math.abs(x - y) <= Math.max(1e-4, 0.02 * Math.abs(y));
      if (close(a.masked, masked) && close(a.unmasked, unmasked))
        return ok(`마스크 0: 차이 ${a.masked.toExponential(1)} (패딩이 보이지 않음) · 마스크 1: 차이 ${a.unmasked.toFixed(3)} (패딩이 [CLS]를 바꿈)`);
      if (close(a.masked, unmasked) && close(a.unmasked, masked)) return no("두 값이 뒤바뀌었습니다. `masked`는 패딩 자리의 마스크가 0일 때, `unmasked`는 1일 때입니다.");
      if (close(a.masked, masked)) return no(`\`masked\`는 맞습니다. \`unmasked\`는 패딩 자리의 마스크를 1로 두고 잰 차이여야 합니다 (이 문장에서는 ${unmasked.toFixed(3)} 근처).`);
      return no(`\`masked\`가 다릅니다 (${a.masked.toExponential(1)}). [PAD] 3개를 붙이고 그 자리의 \`attentionMask\`를 0으로 두면 차이는 10⁻⁵ 안팎이어야 합니다.`);
    },
  },

  // ---------------------------------------------------------------- 4. base vs large
  "longest-t": {
    chapter: "base-vs-large",
    answer: "longestT",
    async check(answer, g) {
      const base = baseConfig(g);
      const v = await num(answer, "longestT");
      const want = longestFitting(base, 8, 3.4 * GiB);
      if (v === want) return ok(`배치 8이면 T = ${want}까지 들어갑니다 (${engine.formatBytes(engine.estimateTrainingMemory(base, { batchSize: 8, seqLen: want }).total)})`);
      if (v === longestFitting(base, 8, 4 * GiB)) return no("한도를 4 GiB로 잡았습니다. 드라이버와 CUDA가 쓰는 몫을 빼고 3.4 GiB로 재세요.");
      if (v === longestFitting(base, 2, 3.4 * GiB)) return no("배치 2일 때의 답입니다. `batchSize: 8`로 재세요.");
      if (v === want + 8) return no(`T = ${v}에서는 ${engine.formatBytes(engine.estimateTrainingMemory(base, { batchSize: 8, seqLen: v }).total)}로 한도를 넘습니다. \`<=\`로 비교해 들어가는 마지막 T를 넣으세요.`);
      return no(`지금 값(T = ${v})은 답이 아닙니다. T = 8, 16, …, 512마다 \`engine.estimateTrainingMemory(base, { batchSize: 8, seqLen: T }).total\`이 3.4 GiB 이하인 가장 큰 T를 찾으세요.`);
    },
  },
  "half-precision": {
    chapter: "base-vs-large",
    answer: "activationRatio",
    async check(answer, g) {
      const base = baseConfig(g);
      const v = await num(answer, "activationRatio");
      const f32 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512 });
      const f16 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512, bytesPerValue: 2 });
      const want = f16.activations / f32.activations;
      if (near(v, want, 1e-6)) return ok(`활성값은 ${want.toFixed(3)}배: 절반보다 조금 큽니다 (드롭아웃 마스크는 1바이트 그대로). 가중치·기울기·Adam은 정확히 0.5배`);
      if (near(v, 0.5, 1e-9)) return no("정확히 0.5는 아닙니다. 어림하지 말고 두 추정치의 `activations`를 나눠서 넣으세요.");
      if (near(v, 1 / want, 1e-6)) return no("거꾸로 나눴습니다. 16비트 값을 32비트 값으로 나누세요.");
      if (near(v, f16.total / f32.total, 1e-6)) return no("합계(`total`)의 비율입니다. 활성값(`activations`)의 비율을 넣으세요.");
      return no(`지금 값(${v})은 답이 아닙니다. \`bytesPerValue: 2\`의 \`activations\`를 기본값(4바이트)의 \`activations\`로 나누세요.`);
    },
  },

  // ---------------------------------------------------------------- 5. softmax & argmax
  unsure: {
    chapter: "softmax-argmax",
    answer: "mostUnsure",
    async check(answer, g) {
      const clf = need<Classifier>(g, "clf", "load-classifier");
      const texts = need<string[]>(g, "unsureTexts", "ex-unsure");
      if (!Array.isArray(texts) || texts.length < 2) return no("`unsureTexts`에 리뷰를 두 개 이상 넣으세요.");
      if (typeof answer !== "string" || !texts.includes(answer)) return no("`mostUnsure`에는 `unsureTexts` 가운데 한 리뷰를 그대로 넣으세요.");
      const p = await positiveProbs(clf, texts);
      const dist = p.map((x) => Math.abs(x - 0.5));
      const best = dist.indexOf(Math.min(...dist)), worst = dist.indexOf(Math.max(...dist));
      const i = texts.indexOf(answer);
      if (i === best) return ok(`"${answer}": P(긍정) = ${p[i].toFixed(3)}, 0.5에서 ${dist[i].toFixed(3)}`);
      if (i === worst) return no(`모델이 가장 확신하는 리뷰를 골랐습니다: "${answer}" (P(긍정) = ${p[i].toFixed(3)}). |P(긍정) − 0.5|가 가장 작은 리뷰를 고르세요.`);
      return no(`"${answer}"의 P(긍정)은 ${p[i].toFixed(3)}입니다. 0.5에 더 가까운 리뷰가 있습니다. 확률은 클래스 축(\`-1\`)으로 소프트맥스해서 구하세요.`);
    },
  },
  unflatten: {
    chapter: "softmax-argmax",
    answer: "rowCol",
    async check(answer, g) {
      const x = need<tf.Tensor>(g, "x", "ex-unflatten");
      if (!(x instanceof tf.Tensor) || x.rank !== 2) return no("`x`는 2차원 텐서여야 합니다.");
      const [rows, cols] = x.shape;
      const data = await x.data();
      let flat = 0;
      for (let i = 1; i < data.length; i++) if (data[i] > data[flat]) flat = i;
      const want = [Math.floor(flat / cols), flat % cols];
      if (!Array.isArray(answer) || answer.length !== 2) return no("`rowCol`에는 `[행, 열]` 두 숫자를 넣으세요.");
      const [r, c] = answer.map(Number);
      if (r === want[0] && c === want[1]) return ok(`평평한 위치 ${flat} = ${want[0]}행 × ${cols} + ${want[1]}열`);
      if (r === want[1] && c === want[0]) return no("행과 열이 뒤바뀌었습니다. 행 = ⌊i / 열 수⌋, 열 = i % 열 수입니다.");
      if (r === Math.floor(flat / rows) && c === flat % rows) return no(`열 수(${cols})가 아니라 행 수(${rows})로 나눴습니다. 한 행에 ${cols}개가 있으니 ${cols}로 나눕니다.`);
      return no(`지금 값([${r}, ${c}])은 답이 아닙니다. \`tf.argMax(x.flatten())\`가 준 위치 i를 열 수로 나눈 몫과 나머지를 넣으세요.`);
    },
  },

  // ---------------------------------------------------------------- 6. fine-tuning
  "fixed-padding": {
    chapter: "finetune",
    answer: "fixedShare",
    async check(answer, g) {
      const lengths = need<number[]>(g, "lengths", "tokenize");
      const config = need<{ maxLen: number }>(g, "config", "config");
      const v = await num(answer, "fixedShare");
      const T = config.maxLen;
      const real = lengths.reduce((s, n) => s + Math.min(n, T), 0);
      const want = real / (lengths.length * T);
      if (near(v, want, 1e-6)) return ok(`모든 배치를 ${T}까지 채우면 칸의 ${pct(want)}만 진짜 토큰입니다 (버킷은 95% 안팎)`);
      const untruncated = lengths.reduce((s, n) => s + n, 0) / (lengths.length * T);
      if (near(v, untruncated, 1e-6)) return no(`${T}보다 긴 리뷰는 잘리므로, 리뷰마다 진짜 토큰은 min(길이, ${T})개입니다.`);
      if (near(v, real / (lengths.length * 512), 1e-6) || near(v, lengths.reduce((s, n) => s + n, 0) / (lengths.length * 512), 1e-6))
        return no(`512가 아니라 이 장의 \`config.maxLen\`(${T})까지 채운다고 보고 재세요.`);
      return no(`지금 값(${v.toFixed(4)})은 답이 아닙니다. (리뷰마다 min(길이, ${T})의 합) ÷ (리뷰 수 × ${T})입니다.`);
    },
  },
  "lr-schedule": {
    chapter: "finetune",
    answer: "lrAtStep100",
    async check(answer, g) {
      const config = need<{ batchSize: number; epochs: number; lr: number }>(g, "config", "config");
      const trainSet = need<unknown[]>(g, "trainSet", "prepare");
      const v = await num(answer, "lrAtStep100");
      const total = Math.ceil(trainSet.length / config.batchSize) * config.epochs;
      const warmup = Math.round(0.1 * total);
      if (total <= 100) return no(`이 설정은 전체 ${total}스텝이라 100번째 스텝이 없습니다. \`config\`를 기본값으로 돌리고 다시 실행하세요.`);
      const want = engine.linearWarmupDecay(100, total, warmup, config.lr);
      if (near(v, want, 1e-9)) return ok(`전체 ${total}스텝, 워밍업 ${warmup}스텝: 스텝 100의 학습률은 ${want.toExponential(3)} (최댓값의 ${pct(want / config.lr, 0)})`);
      if (near(v, config.lr, 1e-9)) return no("최대 학습률 그대로입니다. 워밍업 뒤에는 마지막 스텝에서 0이 되도록 곧게 줄어듭니다.");
      if (near(v, engine.linearWarmupDecay(100, total, 0, config.lr), 1e-9)) return no(`워밍업을 빠뜨렸습니다. 엔진은 전체 스텝의 10%(여기서는 ${warmup}스텝)를 워밍업에 씁니다.`);
      if (near(v, engine.linearWarmupDecay(100, trainSet.length * config.epochs, Math.round(0.1 * trainSet.length * config.epochs), config.lr), 1e-9))
        return no("스텝은 리뷰 하나가 아니라 배치 하나입니다. 전체 스텝 = ⌈훈련 리뷰 수 ÷ 배치 크기⌉ × 에포크입니다.");
      return no(`지금 값(${v})은 답이 아닙니다. 전체 스텝(⌈${trainSet.length} ÷ ${config.batchSize}⌉ × ${config.epochs})과 워밍업 스텝(그 10%, 반올림)을 구해 \`engine.linearWarmupDecay(100, …)\`에 넣으세요.`);
    },
  },

  // ---------------------------------------------------------------- 7. attention
  "sep-head": {
    chapter: "attention",
    answer: "sepHeads",
    async check(answer, g) {
      const analyze = need<(t: string) => Promise<Analysis>>(g, "analyze", "analyze");
      if (!Array.isArray(answer) || answer.length < 3) return no(`\`sepHeads\`에 문장 세 개의 결과를 \`{ 문장, 층, 헤드 }\`로 넣으세요 (지금: ${describe(answer)}).`);
      const rows = answer as { 문장?: unknown; 층?: unknown; 헤드?: unknown }[];
      if (new Set(rows.map((r) => r.문장)).size < 3) return no("서로 다른 문장 세 개가 필요합니다.");
      for (const r of rows) {
        if (typeof r.문장 !== "string") return no("행마다 `문장`에 넣은 문장을 그대로 적으세요.");
        const a = await analyze(r.문장);
        const sep = headByColumn(a.att, (T) => T - 1);
        if (Number(r.층) === sep.층 && Number(r.헤드) === sep.헤드) continue;
        if (Number(r.층) === sep.층 - 1 && Number(r.헤드) === sep.헤드 - 1) return no("층과 헤드 번호는 1부터 셉니다 (지도의 번호와 같게). 배열 번호에 1을 더하세요.");
        const cls = headByColumn(a.att, () => 0);
        if (Number(r.층) === cls.층 && Number(r.헤드) === cls.헤드) return no(`"${r.문장}": [CLS](0번 열)를 본 헤드입니다. [SEP]은 마지막 토큰, 곧 열 T − 1입니다.`);
        return no(`"${r.문장}"에서 [SEP] 열의 평균이 가장 큰 헤드를 다시 찾으세요 (지금: 층 ${r.층}, 헤드 ${r.헤드}). 헤드 행렬 [T, T]마다 마지막 열의 평균을 내서 비교하세요.`);
      }
      const same = new Set(rows.map((r) => `${r.층}-${r.헤드}`)).size === 1;
      return ok(`${rows.map((r) => `층 ${r.층} 헤드 ${r.헤드}`).join(", ")}${same ? ": 세 문장 모두 같은 헤드입니다" : ""}`);
    },
  },
  "one-word": {
    chapter: "attention",
    answer: "changedProb",
    async check(answer, g) {
      const analyze = need<(t: string) => Promise<Analysis>>(g, "analyze", "analyze");
      const clf = need<Classifier>(g, "clf", "load");
      const sentence = need<string>(g, "sentence", "my-sentence");
      const changed = need<string>(g, "changed", "ex-one-word");
      const v = await num(answer, "changedProb");
      if (typeof changed !== "string" || changed === sentence) return no("`changed`가 `sentence`와 같습니다. `replace`가 찾는 단어가 문장에 있는지 보세요.");
      const pos = Math.max(0, clf.labels.indexOf("긍정"));
      const before = (await analyze(sentence)).probs[pos], after = (await analyze(changed)).probs[pos];
      if (near(v, after, 1e-5)) return ok(`P(긍정): ${pct(before)} → ${pct(after)} (${after < before ? "" : "+"}${((after - before) * 100).toFixed(1)}%p)`);
      if (near(v, before, 1e-5)) return no("원래 문장의 확률입니다. `analyze(changed)`의 확률을 넣으세요.");
      if (near(v, 1 - after, 1e-5)) return no("P(부정)입니다. `clf.labels.indexOf(\"긍정\")` 자리의 확률을 넣으세요.");
      return no(`지금 값(${v.toFixed(4)})은 답이 아닙니다. \`(await analyze(changed)).probs\`에서 긍정 자리의 값을 넣으세요.`);
    },
  },

  // ---------------------------------------------------------------- 8. bring your BERT
  scratch: {
    chapter: "bring-your-bert",
    answer: "scratchResult",
    check(answer, g) {
      const pretrained = need<engine.EvaluateResult>(g, "encoderResult", "hf-compare");
      const testSet = need<unknown[]>(g, "testSet", "hf-prepare");
      const r = answer as Partial<engine.EvaluateResult> | undefined;
      if (!r || typeof r.accuracy !== "number" || !Array.isArray(r.predictions))
        return no("`scratchResult`에는 `engine.evaluateClassifier`가 돌려준 결과를 넣으세요.");
      if (r.predictions.length !== testSet.length) return no(`테스트 리뷰 ${testSet.length}개 전부로 재세요 (지금 ${r.predictions.length}개).`);
      const small = g.hfResult as engine.EvaluateResult | undefined;
      // Identity only: both untrained-from-scratch models may answer "긍정" to every review, so equal predictions are fine.
      if (small && r === small)
        return no("작은 HF 모델(`hf`, 자모 어휘)의 결과입니다. 우리 BERT-mini와 같은 모양(`encoder.model.config`)에 무작위 가중치를 넣어 학습하세요.");
      if (r === pretrained || near(r.accuracy, pretrained.accuracy, 1e-9))
        return no(`사전 학습한 인코더의 정확도(${pct(pretrained.accuracy)})와 같습니다. \`engine.initParams(cfg, "classifier", 42)\`로 만든 무작위 가중치에서 학습하세요.`);
      if (r.accuracy >= pretrained.accuracy) return no(`무작위 가중치가 사전 학습한 인코더(${pct(pretrained.accuracy)})보다 낫게 나왔습니다(${pct(r.accuracy)}). 같은 리뷰 1,000개, 1 에포크, 학습률 2e-4로 학습했는지 보세요.`);
      return ok(`무작위 가중치 ${pct(r.accuracy)} vs 사전 학습 ${pct(pretrained.accuracy)}: 이 예산에서 사전 학습의 몫은 ${((pretrained.accuracy - r.accuracy) * 100).toFixed(1)}%p`);
    },
  },
  roundtrip: {
    chapter: "bring-your-bert",
    answer: "roundtrip",
    async check(answer, g) {
      const hf = need<Classifier>(g, "hf", "hf-load");
      const back = answer as Partial<Classifier> | undefined;
      if (!back?.model || !back.tokenizer) return no("`roundtrip`에는 `engine.loadHuggingFace`가 돌려준 결과를 넣으세요.");
      if (back === hf || back.model === hf.model) return no("`hf` 자신입니다. 내보낸 파일(`engine.exportHuggingFace`의 결과)을 `engine.memorySource`로 감싸 다시 읽으세요.");
      const text = "이 영화 정말 재밌어요";
      const logits = (m: Classifier) => tf.tidy(() => m.model.forward(m.tokenizer.encodeBatch([text], { maxLen: 128 })).logits);
      const a = logits(hf), b = logits(back as Classifier);
      const d = a.shape.join() === b.shape.join() ? await maxAbsDiff(a, b) : Infinity;
      tf.dispose([a, b]);
      if (d <= 1e-5) return ok(`"${text}"의 로짓이 같습니다 (최대 차이 ${d.toExponential(1)})`);
      return no(`로짓이 ${d.toFixed(3)}만큼 다릅니다. 학습한 \`hf.model\`을 내보낸 파일을 읽었나요? \`/models/hf-tiny/\`는 학습 전 가중치입니다.`);
    },
  },
};

/** Runs the check of exercise `id` on the reader's answer; a Miss (a global not there yet, a wrong type) is a ✘. */
export async function runCheck(id: string, answer: unknown, g: Record<string, unknown>): Promise<Verdict> {
  const ex = EXERCISES[id];
  if (!ex) throw new Error(`'${id}'라는 연습 문제는 없습니다. 연습 셀의 \`show.check\` 첫 인자를 원래대로 두세요.`);
  try {
    return await ex.check(answer, g);
  } catch (e) {
    if (e instanceof Miss) return no(e.message);
    throw e;
  }
}
