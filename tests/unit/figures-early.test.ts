// The figures of chapters 1–3 (components/figures/early.ts): each renders to static SVG with its key Korean labels
// and numbers, each is used exactly once and only in its own chapter, and every token, id and chosen place a figure
// draws is what the real tokenizer (public/models/encoder/vocab.txt) and the chapters' own cells give.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import * as early from "../../components/figures/early";
import { GLANCE_IDS, GLANCE_SENTENCE, GLANCE_TOKENS } from "../../components/figures/BertAtAGlance";
import { PIPELINE_IDS, PIPELINE_MASK, PIPELINE_PARTNER, PIPELINE_PIECES, PIPELINE_TEXT, PIPELINE_TOKENS, PIPELINE_WORDS } from "../../components/figures/TokenizerPipeline";
import { ENCODER_IDS, ENCODER_SENTENCE } from "../../components/figures/EmbeddingSum";
import { MLM_CHOSEN, MLM_REVIEW, MLM_SEED, MLM_TOKENS } from "../../components/figures/MlmMasking";
import { finetuneCounts } from "../../components/figures/PretrainFinetune";
import { FIG_MASK_NEGATIVE } from "../../components/figures/AttentionMask";
import { WordPieceTokenizer } from "../../lib/tokenizer";
import { mulberry32 } from "../../lib/data/prng";
import { makeConfig, parameterCount } from "../../lib/model/config";

// tsx compiles JSX with the classic runtime here, which looks React up at render time.
(globalThis as { React?: typeof React }).React = React;

const ROOT = process.cwd();
const chapter = (file: string) => fs.readFileSync(path.join(ROOT, "content", file), "utf8");
const tok = WordPieceTokenizer.fromVocabText(fs.readFileSync(path.join(ROOT, "public/models/encoder/vocab.txt"), "utf8"));
const html = (name: keyof typeof early) => renderToStaticMarkup(React.createElement(early[name]));
/** Text a reader sees: tags dropped, entities decoded. */
const text = (h: string) => h.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

const WHERE: Record<keyof typeof early, { file: string; labels: string[] }> = {
  BertAtAGlance: { file: "01-bert-overview.mdx", labels: ["인코더 층 × 4", "헤드 A = 4", "I = 1,024", "pooler", "256 → 256, tanh", "분류층", "MLM 헤드", "어휘 12,000개", "BERT-base: L = 12, H = 768, A = 12, I = 3,072, 어휘 30,522개"] },
  TransformerFamilies: { file: "01-bert-overview.mdx", labels: ["BERT", "GPT", "원래 트랜스포머", "인코더만", "디코더만", "인코더-디코더", "우리 L = 4", "양쪽 모두 봄", "왼쪽만 봄"] },
  TokenizerPipeline: { file: "02-tokenization.mdx", labels: ["NFC 정규화", "기본 분리", "WordPiece", "교재 (틀림)", "고##", "#양#", "##이", "어텐션 마스크"] },
  EmbeddingSum: { file: "03-encoder.mdx", labels: ["[12,000, 256]", "[128, 256]", "[2, 256]", "[9, 256]", "LayerNorm", "[1, 9, 256]", "단어 임베딩", "위치 임베딩", "세그먼트 임베딩"] },
  EncoderLayer: { file: "03-encoder.mdx", labels: ["셀프 어텐션 (헤드 4개)", "출력 투영", "LayerNorm", "256 → 1,024", "1,024 → 256", "[1, T, 1,024]", "[1, T, 256]", "post-LN", "잔"] },
  MultiHead: { file: "03-encoder.mdx", labels: ["splitHeads: 256열 → 64열 × 4", "[1, 4, T, 64]", "[1, 4, T, T]", "√64", "mergeHeads → [1, T, 256]", "헤드 3"] },
  MlmMasking: { file: "01-bert-overview.mdx", labels: ["15%", "80% [MASK]로", "10% 아무 토큰으로", "10% 그대로", "시드 90", "토큰 17개 중 4개", "배우들", "끝까지", "룸", "다시", "영화예요"] },
  AttentionMask: { file: "03-encoder.mdx", labels: ["열: 보이는 토큰(키)", "행: 쿼리", "[PAD]", "−10⁴", "+ (−10000)", "계산되지만 쓰이지 않음"] },
  PretrainFinetune: { file: "01-bert-overview.mdx", labels: ["1단계: 사전 학습", "2단계: 미세 조정", "6,264,832개", "65,792", "514", "78,304개", "새로 1.05%", "전이 학습"] },
};

test("every figure in early.ts is listed here (chapter and labels)", () => {
  assert.deepEqual(Object.keys(early).sort(), Object.keys(WHERE).sort());
});

for (const [name, { file, labels }] of Object.entries(WHERE) as [keyof typeof early, { file: string; labels: string[] }][]) {
  test(`${name}: renders its labels and numbers, a Korean title, desc and caption`, () => {
    const h = html(name);
    const t = text(h);
    for (const label of labels) assert.ok(t.includes(label), `${name}: "${label}" is not in the figure`);
    assert.match(h, /<title[^>]*>[^<]*[가-힣]/);
    assert.match(h, /<desc[^>]*>[^<]*[가-힣]/);
    assert.match(h, /<figcaption>[\s\S]*[가-힣]/);
    assert.ok(Buffer.byteLength(h) < 16 * 1024, `${name}: ${Buffer.byteLength(h)} bytes`);
    assert.doesNotMatch(t, /NaN|undefined/);
  });

  test(`${name}: used exactly once, in ${file} only`, () => {
    const tag = new RegExp(`<${name}\\s*/>`, "g");
    for (const f of fs.readdirSync(path.join(ROOT, "content")).filter((x) => x.endsWith(".mdx"))) {
      assert.equal((chapter(f).match(tag) ?? []).length, f === file ? 1 : 0, `${name} in ${f}`);
    }
  });
}

test("BertAtAGlance: chapter 1's fill-mask sentence, cut by the real tokenizer", () => {
  assert.ok(chapter("01-bert-overview.mdx").includes(`const sentence = "${GLANCE_SENTENCE}";`));
  const enc = tok.encode(GLANCE_SENTENCE);
  assert.deepEqual(enc.tokens, GLANCE_TOKENS);
  assert.deepEqual(enc.ids, GLANCE_IDS);
});

test("TokenizerPipeline: basic split, WordPiece, ids, padding and mask are the tokenizer's", () => {
  const ch2 = chapter("02-tokenization.mdx");
  assert.ok(ch2.includes(`"${PIPELINE_TEXT}"`) && ch2.includes(`"${PIPELINE_PARTNER}"`), "both sentences are chapter 2's goyangi cell's");
  assert.equal(PIPELINE_TEXT.normalize("NFC"), PIPELINE_TEXT);
  assert.deepEqual(tok.basicTokenize(PIPELINE_TEXT), PIPELINE_WORDS);
  assert.deepEqual(PIPELINE_WORDS.flatMap((w) => tok.wordPieces(w)), PIPELINE_PIECES);
  const batch = tok.encodeBatch([PIPELINE_TEXT, PIPELINE_PARTNER], { maxLen: 128 });
  const T = batch.seqLen;
  assert.equal(T, PIPELINE_TOKENS.length);
  assert.deepEqual(Array.from(batch.inputIds.slice(0, T)), PIPELINE_IDS);
  assert.deepEqual(Array.from(batch.attentionMask.slice(0, T)), PIPELINE_MASK);
  assert.deepEqual(PIPELINE_IDS.map((id) => tok.idToToken(id)), PIPELINE_TOKENS);
  // the textbook's pieces: not WordPiece shapes, and not in the vocabulary
  for (const bad of ["고##", "#양#"]) assert.equal(tok.tokenToId(bad), tok.unkId);
});

test("EmbeddingSum: chapter 3's sentence and its ids", () => {
  assert.ok(chapter("03-encoder.mdx").includes(`const sentence = "${ENCODER_SENTENCE}";`));
  assert.deepEqual(tok.encode(ENCODER_SENTENCE).ids, ENCODER_IDS);
});

test("MlmMasking: the mlm-data cell's loop with its seed chooses exactly the drawn places, all three rules among them", () => {
  const ch1 = chapter("01-bert-overview.mdx");
  assert.ok(ch1.includes(`const review = "${MLM_REVIEW}";`));
  assert.ok(ch1.includes(`engine.mulberry32(${MLM_SEED})`));
  const enc = tok.encode(MLM_REVIEW);
  assert.deepEqual(enc.tokens, MLM_TOKENS);
  const rand = mulberry32(MLM_SEED);
  const chosen: Record<number, string> = {};
  for (let i = 1; i < enc.ids.length - 1; i++) {
    if (rand() >= 0.15) continue;
    const r = rand();
    let id = enc.ids[i];
    if (r < 0.8) id = tok.maskId;
    else if (r < 0.9) id = 5 + Math.floor(rand() * (tok.vocabSize - 5));
    chosen[i] = tok.idToToken(id);
  }
  assert.deepEqual(chosen, MLM_CHOSEN);
  const rules = Object.entries(chosen).map(([i, t]) => (t === "[MASK]" ? "mask" : t === enc.tokens[+i] ? "keep" : "random"));
  assert.deepEqual([...new Set(rules)].sort(), ["keep", "mask", "random"]);
  // the prose above the cell says the same
  assert.ok(ch1.includes(`시드 ${MLM_SEED}이면 토큰 ${enc.ids.length - 2}개 가운데 ${Object.keys(chosen).length}개가 골라지고`));
});

test("PretrainFinetune: the split the head-size cell prints, and the parameter totals chapter 1 quotes", () => {
  const { c, total, pooler, head, encoder, mlmHead, percent } = finetuneCounts();
  assert.equal(parameterCount(c), 6_330_624);   // 정리: 인코더와 pooler를 합쳐 6,330,624개
  assert.equal(encoder + mlmHead, 6_343_136);    // the loaded lm file (countParams)
  assert.equal(total, encoder + pooler + head);
  assert.equal(percent, "1.05");
  assert.equal(parameterCount(makeConfig("base")), 109_482_240);
});

test("AttentionMask: the engine's mask value (read from the source: the module loads TensorFlow.js)", () => {
  const src = fs.readFileSync(path.join(ROOT, "lib/model/attention.ts"), "utf8");
  assert.equal(Number(/export const MASK_NEGATIVE = (-?\d+);/.exec(src)?.[1]), FIG_MASK_NEGATIVE);
});
