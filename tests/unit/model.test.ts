// lib/model: sizes, attention, gradients (custom vs reference, and vs finite differences), save/load.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  BertForMaskedLM, BertForSequenceClassification, BertModel, countParams, decodeWeights, dense, packWeights, filesReader, float16ToFloat32,
  float32ToFloat16, fromHalfBits, gatherRows, loadModelFiles, makeConfig, paramSpecs, parameterCount, saveModelFiles,
  toHalfBits, type BertBatch,
} from "../../lib/model";
import { softmaxCrossEntropy } from "../../lib/train";
import { ToyTokenizer, VOCAB } from "./helpers/synthetic";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const tiny = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
const tok = new ToyTokenizer();
// Two rows of different length: row 1 is padded, so masking is exercised.
const batch: BertBatch = tok.encodeBatch(["good movie and the plot was fine", "bad actor"], { maxLen: 16 });
const labels = [1, 0];

test("parameter counts: base 109,482,240 and large 335,141,888 (vocab 30,522, with pooler)", () => {
  assert.equal(parameterCount(makeConfig("base", { vocab_size: 30522 })), 109_482_240);
  assert.equal(parameterCount(makeConfig("large", { vocab_size: 30522 })), 335_141_888);
  // The spec list agrees with the formula, heads included.
  for (const head of ["none", "classifier", "mlm"] as const) {
    const c = makeConfig("base", { vocab_size: 30522 });
    const fromSpecs = paramSpecs(c, head).reduce((n, s) => n + s.fileShape.reduce((a, b) => a * b, 1), 0);
    assert.equal(fromSpecs, parameterCount(c, { head }));
  }
});

test("a created model holds exactly parameterCount scalars; dense kernels are [in, out] in memory", () => {
  const m = BertForSequenceClassification.create(tiny, 0);
  assert.equal(countParams(m.params), parameterCount(tiny, { head: "classifier" }));
  assert.deepEqual(m.params.get("bert.encoder.layer.0.intermediate.dense.weight")!.shape, [32, 64]);
  assert.deepEqual(m.params.get("classifier.weight")!.shape, [32, 2]);
  m.dispose();
});

test("attention probabilities: every row sums to 1, padded keys get ~0", () => {
  const m = BertModel.create(tiny, 1);
  const atts = tf.tidy(() => m.forward(batch, { outputAttentions: true }).attentions!);
  assert.equal(atts.length, tiny.num_hidden_layers);
  const T = batch.seqLen;
  const mask = Array.from(batch.attentionMask!);
  for (const a of atts) {
    assert.deepEqual(a.shape, [2, tiny.num_attention_heads, T, T]);
    const p = a.arraySync() as number[][][][];
    for (let b = 0; b < 2; b++) for (const head of p[b]) for (const row of head) {
      assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-5);
      row.forEach((x, t) => { if (mask[b * T + t] === 0) assert.ok(x < 1e-6, `padded key got ${x}`); });
    }
  }
  tf.dispose(atts);
  m.dispose();
});

test("padding does not change the logits of a row", () => {
  const m = BertForSequenceClassification.create(tiny, 2);
  const alone = tok.encodeBatch(["bad actor"], { maxLen: 16 });
  const a = tf.tidy(() => m.forward(alone).logits.arraySync()) as number[][];
  const b = tf.tidy(() => m.forward(batch).logits.arraySync()) as number[][];
  a[0].forEach((x, i) => assert.ok(Math.abs(x - b[1][i]) < 1e-5));
  m.dispose();
});

test("gatherRows' scatter gradient equals tf.gather's gradient (duplicate ids sum)", () => {
  const table = tf.randomNormal([7, 5], 0, 1, "float32", 1);
  const ids = tf.tensor1d([3, 1, 3, 0, 6, 3], "int32");
  const r = tf.randomNormal([6, 5], 0, 1, "float32", 2);
  const mine = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t, ids), r)))(table);
  const ref = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), r)))(table);
  assert.ok(tf.max(tf.abs(tf.sub(mine, ref))).dataSync()[0] < 1e-6);
});

test("dense's explicit-transpose gradient equals matMul's", () => {
  const x = tf.randomNormal([2, 3, 4], 0, 1, "float32", 3), w = tf.randomNormal([4, 6], 0, 1, "float32", 4);
  const b = tf.randomNormal([6], 0, 1, "float32", 5), r = tf.randomNormal([2, 3, 6], 0, 1, "float32", 6);
  const f = (fn: (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) => tf.grads((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(fn(x, w, b), r)))([x, w, b]);
  const mine = f(dense);
  const ref = f((x, w, b) => tf.add(tf.matMul(x.reshape([6, 4]), w).reshape([2, 3, 6]), b));
  mine.forEach((g, i) => assert.ok(tf.max(tf.abs(tf.sub(g, ref[i]))).dataSync()[0] < 1e-5));
});

test("numeric gradient check (central differences) on the tiny config", async () => {
  // Larger init -> larger gradients, so float32 finite differences resolve them.
  const cfg = { ...tiny, initializer_range: 0.2 };
  const m = BertForSequenceClassification.create(cfg, 3);
  const y = tf.tensor1d(labels, "int32");
  const lossOf = () => tf.tidy(() => softmaxCrossEntropy(m.forward(batch).logits, y).dataSync()[0]);
  const { grads } = tf.variableGrads(() => softmaxCrossEntropy(m.forward(batch).logits, y), m.variables());
  const names = [
    "classifier.weight", "bert.pooler.dense.weight", "bert.encoder.layer.0.attention.self.query.weight",
    "bert.encoder.layer.1.intermediate.dense.bias", "bert.encoder.layer.0.attention.output.LayerNorm.weight",
    "bert.embeddings.word_embeddings.weight", "bert.embeddings.position_embeddings.weight",
  ];
  const eps = 1e-2;
  for (const name of names) {
    const v = m.params.get(name)!;
    const g = grads[v.name].dataSync();
    let k = 0;
    for (let i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[k])) k = i; // the entry with the largest gradient
    const base = v.dataSync().slice();
    const at = (delta: number) => { const vals = base.slice(); vals[k] += delta; v.assign(tf.tensor(vals, v.shape)); return lossOf(); };
    const numeric = (at(eps) - at(-eps)) / (2 * eps);
    v.assign(tf.tensor(base, v.shape));
    const rel = Math.abs(numeric - g[k]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[k]));
    assert.ok(Math.abs(g[k]) > 1e-4, `${name}: gradient too small to check (${g[k]})`);
    assert.ok(rel < 2e-2, `${name}[${k}]: analytic ${g[k]} vs numeric ${numeric} (rel ${rel})`);
  }
  tf.dispose(grads);
  m.dispose();
});

test("float16 conversion: exact for representable values, close otherwise", () => {
  for (const x of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8]) assert.equal(fromHalfBits(toHalfBits(x)), x);
  assert.equal(fromHalfBits(toHalfBits(1e6)), Infinity);
  const xs = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
  const back = float16ToFloat32(float32ToFloat16(xs));
  xs.forEach((x, i) => assert.ok(Math.abs(back[i] - x) <= Math.abs(x) * 1e-3 + 1e-7));
  // tfjs's own decoder reads our float16 bytes the same way.
  const decoded = tf.io.decodeWeights(float32ToFloat16(xs).buffer as ArrayBuffer, [{ name: "w", shape: [1000], dtype: "float32", quantization: { dtype: "float16" } }]);
  assert.deepEqual(Array.from(decoded.w.dataSync()), Array.from(back));
});

test("save -> load round trip: identical logits (float32), close logits (float16), sharding, file layout", async () => {
  const m = BertForSequenceClassification.create(tiny, 4);
  const want = tf.tidy(() => m.forward(batch).logits.dataSync());
  const files = await saveModelFiles(m.params, m.config, { shardBytes: 20_000 });
  const manifest = JSON.parse(files.get("weights.json") as string);
  assert.equal(manifest.format, "bert-lab-weights");
  const paths: string[] = manifest.weightsManifest[0].paths;
  assert.ok(paths.length > 1 && paths.every((p, i) => p === `group1-shard${i + 1}of${paths.length}.bin`));
  for (const p of paths) assert.ok((files.get(p) as Uint8Array).byteLength <= 20_000);
  const q = manifest.weightsManifest[0].weights.find((w: { name: string }) => w.name === "bert.encoder.layer.0.intermediate.dense.weight");
  assert.deepEqual(q.shape, [64, 32]); // PyTorch [out, in] in files

  const loaded = await loadModelFiles(filesReader(files));
  assert.deepEqual(loaded.missing, []);
  assert.deepEqual(loaded.unexpected, []);
  const m2 = new BertForSequenceClassification(loaded.config, loaded.params);
  const got = tf.tidy(() => m2.forward(batch).logits.dataSync());
  assert.deepEqual(Array.from(got), Array.from(want));

  const half = await saveModelFiles(m.params, m.config, { quantize: "float16" });
  const binBytes = (f: Map<string, Uint8Array | string>) => [...f].filter(([k]) => k.endsWith(".bin")).reduce((n, [, v]) => n + (v as Uint8Array).byteLength, 0);
  assert.equal(binBytes(half) * 2, binBytes(files));
  const l16 = await loadModelFiles(filesReader(half));
  const m3 = new BertForSequenceClassification(l16.config, l16.params);
  const got16 = tf.tidy(() => m3.forward(batch).logits.dataSync());
  got16.forEach((x, i) => assert.ok(Math.abs(x - want[i]) < 1e-2, `float16 logit ${x} vs ${want[i]}`));
  [m, m2, m3].forEach((x) => x.dispose());
});

test("loading a pretrained encoder into a classifier: pooler + classifier missing (seeded init), MLM/NSP extras reported", async () => {
  const mlm = BertForMaskedLM.create(tiny, 5);
  const saved = await saveModelFiles(mlm.params, mlm.config);
  // Rewrite it as a PyTorch BertForPreTraining export would look: tied decoder copy, NSP head, TF-style gamma/beta.
  const stored = decodeWeights(JSON.parse(saved.get("weights.json") as string), [saved.get("group1-shard1of1.bin") as Uint8Array]);
  const H = tiny.hidden_size;
  const entries = [...stored].map(([name, w]) => ({ name: name.replace("embeddings.LayerNorm.weight", "embeddings.LayerNorm.gamma"), ...w }));
  entries.push({ name: "cls.predictions.decoder.weight", ...stored.get("bert.embeddings.word_embeddings.weight")! });
  entries.push({ name: "cls.seq_relationship.weight", shape: [2, H], values: new Float32Array(2 * H) });
  const packed = packWeights(entries, { shardPrefix: "group1-shard" });
  const files = new Map([...packed.files, ["weights.json", JSON.stringify(packed.manifest)], ["config.json", saved.get("config.json")!]]);
  const a = await loadModelFiles(filesReader(files), { head: "classifier", seed: 9 });
  const b = await loadModelFiles(filesReader(files), { head: "classifier", seed: 9 });
  // A masked-LM model has no pooler (as Hugging Face's BertForMaskedLM), so the classifier gets a fresh one too.
  assert.deepEqual(a.missing, ["bert.pooler.dense.weight", "bert.pooler.dense.bias", "classifier.weight", "classifier.bias"]);
  // As Hugging Face reports: the NSP head is unused; the tied decoder is not listed as unused.
  assert.deepEqual(a.unexpected.sort(), ["cls.predictions.bias", "cls.predictions.transform.LayerNorm.bias", "cls.predictions.transform.LayerNorm.weight", "cls.predictions.transform.dense.bias", "cls.predictions.transform.dense.weight", "cls.seq_relationship.weight"]);
  assert.deepEqual(a.ignored, ["cls.predictions.decoder.weight"]);
  assert.deepEqual(Array.from(a.params.get("bert.embeddings.LayerNorm.weight")!.dataSync()), new Array(H).fill(1));
  assert.deepEqual(Array.from(a.params.get("classifier.weight")!.dataSync()), Array.from(b.params.get("classifier.weight")!.dataSync()));
  // The MLM head loads back into an MLM model and predicts at chosen positions.
  const c = await loadModelFiles(filesReader(files), { head: "mlm" });
  assert.deepEqual(c.missing, []);
  const m = new BertForMaskedLM(c.config, c.params);
  const logits = tf.tidy(() => m.forward(batch, { positions: [1, 3] }).logits);
  assert.deepEqual(logits.shape, [2, VOCAB.length]);
  logits.dispose();
  for (const r of [a, b]) for (const v of r.params.values()) v.dispose();
  m.dispose();
  mlm.dispose();
});
