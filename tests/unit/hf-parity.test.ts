// Hugging Face folders in, as they occur in the wild, with PyTorch's outputs to 1e-4; and folders out that a
// reader written from the safetensors spec (scripts/pretrain/safetensors_io.py) loads into PyTorch with the
// same logits. Fixtures: scripts/pretrain/hf_fixtures.py (tests/fixtures/hf/*).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { memorySource, writeSafetensors, type BertForMaskedLM, type BertForSequenceClassification } from "../../lib/model";
import { exportHuggingFace, loadClassifier, loadHuggingFace } from "../../lib/pipeline";
import { dirReader, dirSource, writeFiles } from "../../lib/train/node";
import { findPython } from "../../scripts/py.mjs";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const FIX = "tests/fixtures/hf";
interface Expected {
  input_ids: number[][]; attention_mask: number[][]; token_type_ids: number[][];
  hidden: number[][][]; pooled?: number[][]; logits?: number[][]; mlm_logits?: number[][];
}
const expected = (v: string) => JSON.parse(readFileSync(`${FIX}/${v}/expected.json`, "utf8")) as Expected;

function batchOf(e: Expected) {
  return { inputIds: e.input_ids.flat(), attentionMask: e.attention_mask.flat(), tokenTypeIds: e.token_type_ids.flat(), batchSize: e.input_ids.length, seqLen: e.input_ids[0].length };
}

function maxDiff(got: ArrayLike<number>, want: number[]): number {
  assert.equal(got.length, want.length, "size mismatch");
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
  return m;
}

/** Hidden states of the real (unpadded) positions only: padded rows' values are not defined by the model. */
function realHidden(h: Float32Array | number[], e: Expected): { got: number[]; want: number[] } {
  const H = e.hidden[0][0].length, T = e.input_ids[0].length;
  const got: number[] = [], want: number[] = [];
  e.attention_mask.forEach((row, b) => row.forEach((m, t) => {
    if (!m) return;
    for (let k = 0; k < H; k++) { got.push(h[(b * T + t) * H + k]); want.push(e.hidden[b][t][k]); }
  }));
  return { got, want };
}

async function checkEncoder(model: BertForSequenceClassification | BertForMaskedLM, e: Expected) {
  const out = model.encode(batchOf(e), {});
  const { got, want } = realHidden(await out.sequence.data() as Float32Array, e);
  const d = maxDiff(got, want);
  assert.ok(d < 1e-4, `last hidden state differs by ${d}`);
  if (e.pooled && out.pooled) {
    const dp = maxDiff(await out.pooled.data(), e.pooled.flat());
    assert.ok(dp < 1e-4, `pooled output differs by ${dp}`);
  }
  tf.dispose([out.sequence, out.pooled!].filter(Boolean));
}

async function logitsOf(model: BertForSequenceClassification, e: Expected): Promise<Float32Array> {
  const logits = tf.tidy(() => model.forward(batchOf(e)).logits);
  const v = await logits.data() as Float32Array;
  logits.dispose();
  return v;
}

for (const variant of ["cls-f32", "cls-f16", "cls-bf16", "sharded"]) {
  test(`HF parity: ${variant} loads as BertForSequenceClassification and its logits equal PyTorch's to 1e-4`, async () => {
    const e = expected(variant);
    const m = await loadHuggingFace(dirSource(`${FIX}/${variant}`));
    assert.deepEqual(m.report.missing, []);
    assert.deepEqual(m.report.unexpected, []);
    assert.deepEqual(m.labels, ["negative", "positive"], "labels from id2label");
    assert.equal(m.maxLength, 32);
    const d = maxDiff(await logitsOf(m.model, e), e.logits!.flat());
    assert.ok(d < 1e-4, `logits differ by ${d}`);
    await checkEncoder(m.model, e);
    const stored = variant === "cls-f16" ? "F16" : variant === "cls-bf16" ? "BF16" : "F32";
    assert.deepEqual(Object.keys(m.report.dtypes), [stored]);
    if (variant === "sharded") assert.equal(m.report.lines[0].includes("model-00001-of-00002.safetensors, model-00002-of-00002.safetensors"), true);
    m.model.dispose();
  });
}

test("HF parity: a BertForPreTraining checkpoint with gamma/beta names, as a masked LM and as a classifier", async () => {
  const e = expected("pretraining-legacy");
  const lm = await loadHuggingFace(dirSource(`${FIX}/pretraining-legacy`), { head: "mlm" });
  assert.equal(lm.report.architecture, "BertForPreTraining");
  assert.deepEqual(lm.report.missing, []);
  // As transformers reports for BertForMaskedLM from a pretraining checkpoint: the pooler and NSP head go unused.
  assert.deepEqual(lm.report.unexpected.sort(), ["bert.pooler.dense.bias", "bert.pooler.dense.weight", "cls.seq_relationship.bias", "cls.seq_relationship.weight"]);
  const T = e.input_ids[0].length;
  const logits = tf.tidy(() => lm.model.forward(batchOf(e), { positions: Array.from({ length: T }, (_, i) => i) }).logits);
  const d = maxDiff(await logits.data(), e.mlm_logits!.flat());
  assert.ok(d < 1e-4, `MLM logits differ by ${d}`);
  logits.dispose();
  lm.model.dispose();

  const cls = await loadHuggingFace(dirSource(`${FIX}/pretraining-legacy`), { seed: 3 });
  assert.deepEqual(cls.report.missing, ["classifier.weight", "classifier.bias"]);
  assert.ok(cls.report.lines.some((l) => l.startsWith("Some weights of BertForSequenceClassification were not in the checkpoint and are newly initialised: classifier.weight, classifier.bias")));
  await checkEncoder(cls.model, e);
  cls.model.dispose();
});

test("HF parity: a BertModel checkpoint without the bert. prefix; no tokenizer_config.json means HF's defaults, reported", async () => {
  const e = expected("bertmodel");
  const m = await loadHuggingFace(dirSource(`${FIX}/bertmodel`));
  assert.deepEqual(m.report.missing, ["classifier.weight", "classifier.bias"]);
  assert.deepEqual(m.report.unexpected, []);
  assert.ok(m.report.tokenizerDefaults.includes("do_lower_case=true"));
  await checkEncoder(m.model, e);
  m.model.dispose();
});

test("HF parity: a BertForMaskedLM checkpoint as a classifier gets a fresh pooler and head (reported), and as an MLM matches", async () => {
  const e = expected("mlm");
  const cls = await loadHuggingFace(dirSource(`${FIX}/mlm`));
  assert.deepEqual(cls.report.missing, ["bert.pooler.dense.weight", "bert.pooler.dense.bias", "classifier.weight", "classifier.bias"]);
  assert.deepEqual(cls.report.unexpected.sort(), ["cls.predictions.bias", "cls.predictions.transform.LayerNorm.bias", "cls.predictions.transform.LayerNorm.weight", "cls.predictions.transform.dense.bias", "cls.predictions.transform.dense.weight"]);
  await checkEncoder(cls.model, e);
  cls.model.dispose();
  const lm = await loadHuggingFace(dirSource(`${FIX}/mlm`), { head: "mlm" });
  assert.deepEqual(lm.report.missing, []);
  const T = e.input_ids[0].length;
  const logits = tf.tidy(() => lm.model.forward(batchOf(e), { positions: Array.from({ length: T }, (_, i) => i) }).logits);
  assert.ok(maxDiff(await logits.data(), e.mlm_logits!.flat()) < 1e-4);
  logits.dispose();
  lm.model.dispose();
});

const VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
const files = (config: object, extra: [string, Uint8Array | string][] = []) =>
  memorySource(new Map<string, Uint8Array | string>([["config.json", JSON.stringify(config)], ["vocab.txt", VOCAB], ...extra]), "my-model");

test("what is not a BERT is refused with a message that names what was found", async () => {
  await assert.rejects(loadHuggingFace(files({ model_type: "roberta", architectures: ["RobertaForMaskedLM"] })), /model_type is "roberta" \(architectures: RobertaForMaskedLM\), not "bert"/);
  await assert.rejects(loadHuggingFace(files({ model_type: "electra" })), /model_type is "electra"/);
  await assert.rejects(loadHuggingFace(files({ model_type: "bert", position_embedding_type: "relative_key" })), /position_embedding_type is "relative_key"/);
  await assert.rejects(loadHuggingFace(files({ model_type: "bert", hidden_act: "gelu_new" })), /hidden_act is "gelu_new"/);
  await assert.rejects(loadHuggingFace(files({ model_type: "bert" }, [["pytorch_model.bin", new Uint8Array(8)]])), /has pytorch_model\.bin, a PyTorch pickle.*save_pretrained\(dir, safe_serialization=True\)/);
  await assert.rejects(loadHuggingFace(files({ model_type: "bert" })), /my-model has no weights: expected model\.safetensors/);
  await assert.rejects(loadHuggingFace(memorySource(new Map([["vocab.txt", VOCAB]]), "my-model")), /my-model has no config\.json/);
});

test("a cut-short or mismatched safetensors file fails with the reason, before the model is built", async () => {
  const cfg = readFileSync(`${FIX}/cls-f32/config.json`, "utf8");
  const vocab = readFileSync(`${FIX}/cls-f32/vocab.txt`, "utf8");
  const full = readFileSync(`${FIX}/cls-f32/model.safetensors`);
  const cut = memorySource(new Map<string, Uint8Array | string>([["config.json", cfg], ["vocab.txt", vocab], ["model.safetensors", full.subarray(0, full.byteLength - 100)]]), "cut");
  await assert.rejects(loadHuggingFace(cut), /past the file's \d+: the file is cut short/);
  const wrong = memorySource(new Map<string, Uint8Array | string>([
    ["config.json", JSON.stringify({ ...JSON.parse(cfg), hidden_size: 32 })], ["vocab.txt", vocab], ["model.safetensors", full],
  ]), "wrong");
  await assert.rejects(loadHuggingFace(wrong), /file shape \[200,16\] != expected \[200,32\]/);
  const junk = memorySource(new Map<string, Uint8Array | string>([["config.json", cfg], ["vocab.txt", vocab], ["model.safetensors", writeSafetensors([]).subarray(0, 4)]]), "junk");
  await assert.rejects(loadHuggingFace(junk), /too short for a safetensors file/);
});

/** PyTorch's outputs for a folder, through the spec-written Python reader. */
function pytorchRun(folder: string, rows: number[][]): Expected {
  const input = path.join(folder, "..", "input.json");
  writeFileSync(input, JSON.stringify({ input_ids: rows }));
  const out = execFileSync(findPython(["torch", "numpy"]), ["scripts/pretrain/hf_fixtures.py", "--run", folder, "--input", input], { encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!) as Expected;
}

test("export round trip: an imported model, and our own BERT-mini, exported to HF files load in PyTorch with the same logits", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hf-export-"));
  try {
    // An imported HF classifier, exported as F32.
    const m = await loadHuggingFace(dirSource(`${FIX}/cls-f32`));
    const rows = [m.tokenizer.encode("the movie was great").ids, m.tokenizer.encode("영화 최고").ids];
    await writeFiles(`${dir}/imported`, await exportHuggingFace(m));
    const want = pytorchRun(`${dir}/imported`, rows);
    const got = await logitsOf(m.model, want);
    assert.ok(maxDiff(got, want.logits!.flat()) < 1e-4);
    const cfg = JSON.parse(readFileSync(`${dir}/imported/config.json`, "utf8"));
    assert.deepEqual(cfg.architectures, ["BertForSequenceClassification"]);
    assert.deepEqual(cfg.id2label, { 0: "negative", 1: "positive" });
    assert.deepEqual(cfg.label2id, { negative: 0, positive: 1 });
    // Reimported by our loader, the export is the same model.
    const back = await loadHuggingFace(dirSource(`${dir}/imported`));
    assert.deepEqual(back.report.missing, []);
    assert.ok(maxDiff(await logitsOf(back.model, want), Array.from(got)) < 1e-6);
    m.model.dispose();
    back.model.dispose();

    // The shipped NSMC classifier (our format, our tokenizer) on Korean reviews.
    const ours = await loadClassifier(dirReader("public/models/classifier"));
    await writeFiles(`${dir}/mini`, await exportHuggingFace({ model: ours.model, tokenizer: ours.tokenizer, labels: ours.labels }, { dtype: "F16" }));
    const koRows = ["이 영화 정말 재밌어요", "시간 아까운 최악의 영화", "배우 연기는 좋았는데 스토리가 별로"].map((s) => ours.tokenizer.encode(s).ids);
    const wantKo = pytorchRun(`${dir}/mini`, koRows);
    const back16 = await loadHuggingFace(dirSource(`${dir}/mini`));
    assert.deepEqual(Object.keys(back16.report.dtypes), ["F16"]);
    assert.ok(maxDiff(await logitsOf(back16.model, wantKo), wantKo.logits!.flat()) < 1e-4, "the F16 export in TypeScript and PyTorch agree");
    assert.ok(maxDiff(await logitsOf(ours.model, wantKo), wantKo.logits!.flat()) < 2e-2, "F16 storage moves the logits by little");
    ours.model.dispose();
    back16.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
