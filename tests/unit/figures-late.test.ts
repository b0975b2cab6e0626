// The figures of chapters 4–8 (components/figures, registered in ./late): each renders as static SVG with its key
// Korean labels and numbers, every number is the engine's or the chapter's own (parameterCount,
// estimateTrainingMemory, the logits in the chapter's cells, the real files of public/models/hf-tiny), and each is
// used exactly once, in its own chapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import * as late from "../../components/figures/late";
import { SCALE_MODELS, TIMES } from "../../components/figures/ModelScale";
import { MEMORY_PARTS, TEXTBOOK_RUN } from "../../components/figures/MemoryBreakdown";
import { ARGMAX, LOGITS, PROBS } from "../../components/figures/SoftmaxArgmax";
import { ACCURACY, AXIS_BATCH, BY_BATCH_AXIS, BY_CLASS_AXIS } from "../../components/figures/ArgmaxAxis";
import { DEFAULT_STEPS, TRAINING_STAGES } from "../../components/figures/TrainingLoop";
import { HF_FILES, HF_TINY_BYTES, HF_TINY_DTYPE, HF_TINY_VOCAB_LINES } from "../../components/figures/HfFolder";
import { configFromJSON, makeConfig, parameterCount } from "../../lib/model/config";
import { estimateTrainingMemory } from "../../lib/model/memory";

const ROOT = process.cwd();
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");
const html = (name: keyof typeof late) => renderToStaticMarkup(createElement(late[name] as FunctionComponent));
/** The text a reader sees in a rendered figure (tags dropped, entities of the captions decoded). */
const text = (name: keyof typeof late) => html(name).replace(/<[^>]+>/g, " ").replace(/&#x27;|&lsquo;|&rsquo;/g, "'").replace(/\s+/g, " ");

const CHAPTER: Record<keyof typeof late, string> = {
  ModelScale: "content/04-base-vs-large.mdx",
  MemoryBreakdown: "content/04-base-vs-large.mdx",
  SoftmaxArgmax: "content/05-softmax-argmax.mdx",
  ArgmaxAxis: "content/05-softmax-argmax.mdx",
  TrainingLoop: "content/06-finetune.mdx",
  HfFolder: "content/08-bring-your-bert.mdx",
};

test("every figure of chapters 4–8 is used exactly once, in its chapter, and nowhere else", () => {
  const chapters = fs.readdirSync(path.join(ROOT, "content")).filter((f) => /^\d+-.*\.mdx$/.test(f));
  for (const [name, file] of Object.entries(CHAPTER)) {
    for (const ch of chapters) {
      const uses = read(`content/${ch}`).split(`<${name} />`).length - 1;
      assert.equal(uses, `content/${ch}` === file ? 1 : 0, `<${name} /> in ${ch}`);
    }
  }
  assert.deepEqual(Object.keys(late).sort(), Object.keys(CHAPTER).sort(), "late.ts registers exactly these figures");
});

test("each figure renders a Korean title, a description and a caption, with a narrow and a wide drawing", () => {
  for (const name of Object.keys(CHAPTER) as (keyof typeof late)[]) {
    const h = html(name);
    assert.match(h, /<figure[^>]*data-figure="[a-z-]+"/, name);
    assert.equal(h.match(/<svg /g)?.length, 2, `${name}: narrow and wide`);
    assert.match(h, /<title[^>]*>[^<]*[가-힣]/, `${name}: Korean title`);
    assert.match(h, /<figcaption>[^]*[가-힣]/, `${name}: Korean caption`);
    assert.ok(Buffer.byteLength(h) < 16 * 1024, `${name}: ${Buffer.byteLength(h)} bytes`);
    assert.doesNotMatch(h, /NaN|undefined|Infinity/, name);
  }
});

test("chapter 4, to scale: the parameter counts are parameterCount's, and the squares' areas are proportional", () => {
  const ours = configFromJSON(JSON.parse(read("public/models/encoder/config.json")));
  assert.equal(ours.vocab_size, 12000);
  const want = [parameterCount(makeConfig("large", { vocab_size: 30522 })), parameterCount(makeConfig("base", { vocab_size: 30522 })), parameterCount(ours)];
  assert.deepEqual(SCALE_MODELS.map((m) => m.params), want);
  assert.deepEqual(want.slice(0, 2), [335141888, 109482240], "the numbers the chapter's prose quotes");
  assert.deepEqual(TIMES, { large: 53, base: 17 });
  const t = text("ModelScale");
  for (const label of ["BERT-large", "BERT-base", "우리 BERT-mini", "335,141,888개", "109,482,240개", "6,330,624개", "mini의 53배", "mini의 17배"]) {
    assert.ok(t.includes(label), `ModelScale shows ${label}`);
  }
  // Areas: side² of each square in the narrow drawing ∝ parameters.
  const narrow = html("ModelScale").split('class="fig-svg fig-wide"')[0];
  const sides = [...narrow.matchAll(/<rect [^>]*width="([\d.]+)" height="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(sides.length, 3);
  for (let i = 1; i < 3; i++) assert.ok(Math.abs(sides[i] ** 2 / sides[0] ** 2 - want[i] / want[0]) < 1e-9, `square ${i}`);
});

test("chapter 4, the textbook run's memory: estimateTrainingMemory's parts, summing to the 3.13 GiB the chapter prints", () => {
  const e = estimateTrainingMemory(makeConfig("base", { vocab_size: 30522 }), { batchSize: 2, seqLen: 512, optimizer: "adam" });
  assert.deepEqual(TEXTBOOK_RUN, e);
  assert.equal(MEMORY_PARTS.reduce((a, p) => a + p.bytes, 0), e.total);
  const t = text("MemoryBreakdown");
  for (const label of ["가중치", "기울기", "Adam m+v", "활성값: T에 비례", "활성값: 어텐션 T²", "417.65 MiB", "835.29 MiB", "597.76 MiB", "936.00 MiB", "합계 3.13 GiB", "1.63 GiB", "1.50 GiB", "GPU 4.00 GiB", "3.47 GiB", "여유가 0.34 GiB뿐"]) {
    assert.ok(t.includes(label), `MemoryBreakdown shows ${label}`);
  }
  const ch4 = read("content/04-base-vs-large.mdx");
  assert.ok(ch4.includes("4.00 GiB total capacity") && ch4.includes("3.47 GiB reserved"), "the dashed lines are the quoted error message's");
});

test("chapter 5, softmax and argmax: the temperature cell's logits, their softmax, and the position argmax picks", () => {
  const ch5 = read("content/05-softmax-argmax.mdx");
  assert.ok(ch5.includes("tf.tensor1d([2.0, 1.0, 0.2, -1.0])") && ch5.includes('labels={["최고", "좋음", "보통", "별로"]}'));
  assert.deepEqual(LOGITS, [2.0, 1.0, 0.2, -1.0]);
  const e = LOGITS.map(Math.exp), s = e.reduce((a, b) => a + b);
  assert.deepEqual(PROBS.map((p) => p.toFixed(3)), e.map((v) => (v / s).toFixed(3)));
  assert.equal(ARGMAX, 0);
  const t = text("SoftmaxArgmax");
  for (const label of ["① 로짓", "② 소프트맥스", "③ 위치", "최고 2.0", "별로 −1.0", "0.632", "0.232", "0.104", "0.031", "argmax = 0"]) {
    assert.ok(t.includes(label), `SoftmaxArgmax shows ${label}`);
  }
});

test("chapter 5, dim=-1 against dim=0: reviews 0 and 2 of the argmax-axis cell, as the argmax-bug cell's table has them", () => {
  const ch5 = read("content/05-softmax-argmax.mdx");
  for (const [i, row] of [[0, "[-1.8, 2.1]"], [2, "[-0.7, 0.9]"]] as const) {
    assert.ok(ch5.includes(row), `logitsB row ${i}`);
  }
  assert.ok(ch5.includes('"연기도 연출도 최고", "돈이 아깝다", "또 보고 싶어요"') && ch5.includes("const labelsB = [1, 0, 1, 0]"));
  assert.ok(ch5.includes("for (const idx of [[0, 1], [0, 2],"), "the cell runs the batch of reviews 0 and 2");
  assert.deepEqual(AXIS_BATCH.labels, [1, 1]);
  assert.deepEqual(BY_CLASS_AXIS, [1, 1]);
  assert.deepEqual(BY_BATCH_AXIS, [1, 0]);
  // The textbook argmaxes softmax(logits) along dim 0: the same answer here.
  const soft = AXIS_BATCH.logits.map((r) => r.map((z) => Math.exp(z) / r.reduce((a, v) => a + Math.exp(v), 0)));
  assert.deepEqual([0, 1].map((c) => (soft[0][c] >= soft[1][c] ? 0 : 1)), BY_BATCH_AXIS);
  assert.deepEqual(ACCURACY, { classAxis: "1.00", batchAxis: "0.50" });
  const t = text("ArgmaxAxis");
  for (const label of ["dim=-1 (클래스 축)", "dim=0 (배치 축)", "−1.8", "2.1", "−0.7", "0.9", "정확도 1.00", "정확도 0.50", "리뷰 번호"]) {
    assert.ok(t.includes(label), `ArgmaxAxis shows ${label}`);
  }
});

test("chapter 6, the training loop: the hand-step cell's stages in its order, and the default run's 157 steps", () => {
  assert.deepEqual(TRAINING_STAGES.map((s) => s.name), ["배치", "순전파", "손실", "역전파", "기울기 자르기", "AdamW 업데이트", "학습률 스케줄"]);
  const ch6 = read("content/06-finetune.mdx");
  const cell = ch6.slice(ch6.indexOf('<Cell id="hand-step">'));
  const order = ["hand.forward(", "tf.logSoftmax", "tf.variableGrads", "engine.clipByGlobalNorm([...named.values()], 1.0)", "opt.apply("];
  const at = order.map((s) => cell.indexOf(s));
  assert.ok(at.every((i) => i > 0), "the cell has every stage");
  assert.ok(ch6.includes("trainLimit: 5000") && ch6.includes("batchSize: 32") && ch6.includes("epochs: 1,") && ch6.includes("157스텝"));
  assert.equal(DEFAULT_STEPS, 157);
  assert.ok(cell.includes("const STEPS = 20,"), "the hand-step cell's 20 steps on one batch");
  assert.ok(ch6.indexOf("<TrainingLoop />") < ch6.indexOf('<Cell id="hand-step">') && ch6.indexOf("<TrainingLoop />") > ch6.indexOf("## 학습 한 스텝, 손으로"));
  const t = text("TrainingLoop");
  for (const label of ["① 배치", "② 순전파", "교차 엔트로피", "tf.variableGrads", "1.0", "AdamW", "0.01", "학습률 스케줄", "다음 배치", "157바퀴", "같은 배치로 20바퀴"]) {
    assert.ok(t.includes(label), `TrainingLoop shows ${label}`);
  }
});

test("chapter 8, the Hugging Face folder: the sizes and contents are the shipped hf-tiny files'", () => {
  const dir = "public/models/hf-tiny";
  for (const [name, bytes] of Object.entries(HF_TINY_BYTES)) assert.equal(fs.statSync(path.join(ROOT, dir, name)).size, bytes, name);
  assert.deepEqual(fs.readdirSync(path.join(ROOT, dir)).sort(), Object.keys(HF_TINY_BYTES).sort(), "every shipped file is drawn");
  assert.equal(read(`${dir}/vocab.txt`).split("\n").filter(Boolean).length, HF_TINY_VOCAB_LINES);
  const st = fs.readFileSync(path.join(ROOT, dir, "model.safetensors"));
  const header = JSON.parse(st.subarray(8, 8 + Number(st.readBigUInt64LE(0))).toString("utf8")) as Record<string, { dtype?: string }>;
  assert.deepEqual([...new Set(Object.entries(header).filter(([k]) => k !== "__metadata__").map(([, v]) => v.dtype))], [HF_TINY_DTYPE]);
  assert.deepEqual(HF_FILES.filter((f) => f.optional).map((f) => f.name), ["model.safetensors.index.json", "pytorch_model.bin"]);
  const t = text("HfFolder");
  for (const label of ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
    "503 B", "2.6 KiB", "48 B", "112 B", "277.5 KiB", "475줄", "은닉 크기 64", "최대 길이 512", "없어도 됨"]) {
    assert.ok(t.includes(label), `HfFolder shows ${label}`);
  }
});
