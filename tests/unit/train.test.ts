// lib/train: optimizer maths, clipping, loss, metrics, the fine-tuning loop, checkpoints, leaks, cancellation.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig } from "../../lib/model";
import {
  AdamW, MemoryStorage, argmaxClass, argmaxRows, checkpointFiles, clipByGlobalNorm, computeMetrics, finetune,
  globalNorm, linearWarmupDecay, loadCheckpoint, restoreCheckpoint, softmaxCrossEntropy, trainStep, TRAIN_STAGES,
} from "../../lib/train";
import { ToyTokenizer, VOCAB, toyDataset } from "./helpers/synthetic";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const tiny = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
const tok = new ToyTokenizer();
const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("linear warm-up then linear decay", () => {
  assert.equal(linearWarmupDecay(0, 100, 10, 1), 0.1);
  assert.equal(linearWarmupDecay(9, 100, 10, 1), 1);
  close(linearWarmupDecay(10, 100, 10, 1), 1);
  close(linearWarmupDecay(55, 100, 10, 1), 0.5);
  close(linearWarmupDecay(99, 100, 10, 1), 1 / 90);
});

test("global norm is summed pairwise (20 tensors, no addN) and clipping scales to maxNorm", () => {
  const gs = Array.from({ length: 20 }, () => tf.fill([3], 2)); // each |g|^2 = 12
  close(globalNorm(gs).dataSync()[0], Math.sqrt(240), 1e-4);
  const { grads, norm } = clipByGlobalNorm(gs, 1);
  close(norm.dataSync()[0], Math.sqrt(240), 1e-4);
  close(globalNorm(grads).dataSync()[0], 1, 1e-5);
  const small = clipByGlobalNorm([tf.tensor1d([0.1])], 1);
  close(small.grads[0].dataSync()[0], 0.1);
});

test("global norm over flattened groups equals the per-tensor sum (groups of 7 numbers, a tensor bigger than a group)", () => {
  const gs = [tf.tensor1d([1, 2]), tf.tensor2d([[3, 4, 5], [6, 7, 8]]), tf.fill([10], 0.5), tf.tensor1d([-1])];
  const expect = Math.sqrt(1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 10 * 0.25 + 1);
  for (const limit of [0, 7, 1 << 20]) close(globalNorm(gs, limit).dataSync()[0], expect, 1e-4);
});

test("AdamW in flattened groups (WebGPU/WebGL's way) gives exactly the per-tensor update; frozen parameters stay", () => {
  const model = BertForSequenceClassification.create(tiny, 5);
  const names = [...model.params.keys()];
  const grads = new Map(names.filter((_, i) => i !== 2).map((n, i) => [n, tf.randomNormal(model.params.get(n)!.shape, 0, 1, "float32", i)]));
  const copy = () => new Map([...model.params].map(([n, p]) => [n, tf.variable(p.clone())]));
  const a = copy(), b = copy();
  const oa = new AdamW(a, { groupElements: 0 }), ob = new AdamW(b, { groupElements: 300 }); // tiny: groups of a few tensors
  for (let i = 0; i < 3; i++) { oa.apply(grads, 1e-2); ob.apply(grads, 1e-2); }
  for (const n of names) assert.deepEqual(b.get(n)!.dataSync(), a.get(n)!.dataSync(), n);
  assert.deepEqual(a.get(names[2])!.dataSync(), model.params.get(names[2])!.dataSync(), "no gradient, no update");
  assert.notDeepEqual(a.get(names[0])!.dataSync(), model.params.get(names[0])!.dataSync());
  const [ma, mb] = [oa.stateTensors(), ob.stateTensors()];
  ma.forEach(([n, t], i) => { assert.equal(mb[i][0], n); assert.deepEqual(mb[i][1].dataSync(), t.dataSync(), n); });
  tf.dispose([...grads.values(), ...a.values(), ...b.values()]);
  oa.dispose(); ob.dispose(); model.dispose();
});

test("softmax cross-entropy over 2 logits matches the formula", () => {
  const logits = tf.tensor2d([[2, 0], [0.5, 1.5], [-1, 3]]);
  const y = tf.tensor1d([0, 1, 0], "int32");
  const want = [[2, 0, 0], [0.5, 1.5, 1], [-1, 3, 0]].map(([a, b, l]) => -((l ? b : a) - Math.log(Math.exp(a) + Math.exp(b))));
  close(softmaxCrossEntropy(logits, y).dataSync()[0], want.reduce((s, x) => s + x, 0) / 3, 1e-6);
  close(softmaxCrossEntropy(logits, y, tf.tensor1d([1, 0, 0])).dataSync()[0], want[0], 1e-6);
});

test("AdamW: bias-corrected step, decoupled decay only where it applies", () => {
  const params = new Map([["w.weight", tf.variable(tf.tensor1d([1, -2]))], ["w.bias", tf.variable(tf.tensor1d([1]))]]);
  const opt = new AdamW(params, { weightDecay: 0.1 });
  opt.apply(new Map([["w.weight", tf.tensor1d([0.5, 0.5])], ["w.bias", tf.tensor1d([-3])]]), 0.01);
  // First step: m_hat = g, v_hat = g^2 -> update = sign(g) (eps aside); decay 0.1 * w on the weight only.
  const w = params.get("w.weight")!.dataSync(), b = params.get("w.bias")!.dataSync();
  close(w[0], 1 - 0.01 * (1 + 0.1 * 1), 1e-6);
  close(w[1], -2 - 0.01 * (1 + 0.1 * -2), 1e-6);
  close(b[0], 1 + 0.01, 1e-6);
  assert.equal(opt.t, 1);
});

test("metrics on hand-made predictions: confusion, per-class P/R/F1, macro F1", () => {
  const labels = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const preds = [0, 0, 0, 1, 1, 1, 1, 1, 0, 0];
  const m = computeMetrics(preds, labels, 2);
  assert.deepEqual(m.confusion, [[3, 1], [2, 4]]);
  close(m.accuracy, 0.7);
  close(m.precision[0], 3 / 5); close(m.recall[0], 3 / 4); close(m.f1[0], (2 * 0.6 * 0.75) / 1.35);
  close(m.precision[1], 4 / 5); close(m.recall[1], 4 / 6); close(m.f1[1], (2 * 0.8 * (2 / 3)) / (0.8 + 2 / 3));
  close(m.macroF1, (m.f1[0] + m.f1[1]) / 2);
  assert.equal(m.n, 10);
  // A class never predicted has precision 0, not NaN.
  assert.deepEqual(computeMetrics([1, 1], [0, 1], 2).precision, [0, 0.5]);
});

test("argmax is over the class axis (-1), not the batch axis", () => {
  // 3 rows, 2 classes: column-wise argmax would give 2 values, row-wise gives 3.
  const logits = [[0.1, 0.9], [5, -5], [0.3, 0.2]];
  assert.deepEqual(Array.from(argmaxClass(tf.tensor2d(logits)).dataSync()), [1, 0, 0]);
  assert.deepEqual(argmaxRows(logits), [1, 0, 0]);
});

test("no tensor leak: numTensors is the same after every training step", () => {
  const model = BertForSequenceClassification.create(tiny, 1);
  const opt = new AdamW(model.params);
  const data = toyDataset(8, 1);
  const batch = tok.encodeBatch(data.map((d) => d.text), { maxLen: 16 });
  const counts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const r = trainStep(model, batch, data.map((d) => d.label), opt, { lr: 1e-3, clipNorm: 1, seed: i });
    tf.dispose([r.loss, r.correct, r.gradNorm]);
    counts.push(tf.memory().numTensors);
  }
  assert.deepEqual(counts.slice(1), [counts[1], counts[1], counts[1]], `numTensors per step: ${counts}`);
  // A step that throws mid-forward (segment id 5 >= type_vocab_size, after the word lookup saved its ids
  // for backward) must not leak either.
  const before = tf.memory().numTensors;
  const broken = { ...batch, tokenTypeIds: new Int32Array(batch.inputIds.length).fill(5) };
  assert.throws(() => trainStep(model, broken, data.map((d) => d.label), opt, { lr: 1e-3, seed: 0 }));
  assert.equal(tf.memory().numTensors, before);
  opt.dispose();
  model.dispose();
});

test("fine-tuning learns a tiny synthetic task to > 95% accuracy", async () => {
  const model = BertForSequenceClassification.create(tiny, 1);
  const events: number[] = [];
  const res = await finetune({
    model, tokenizer: tok, train: toyDataset(256, 1), eval: toyDataset(128, 2),
    epochs: 4, batchSize: 16, lr: 2e-3, maxLen: 16, seed: 1, onProgress: (e) => events.push(e.step),
  });
  assert.equal(events.length, 64);
  assert.equal(res.state.evalHistory.length, 4);
  assert.ok(res.evalMetrics!.accuracy > 0.95, `eval accuracy ${res.evalMetrics!.accuracy}`);
  res.optimizer.dispose();
  model.dispose();
});

test("checkpoint resume continues exactly like an uninterrupted run; cancellation stops between steps", async () => {
  const train = toyDataset(64, 3);
  const common = { tokenizer: tok, train, epochs: 2, batchSize: 16, lr: 1e-3, maxLen: 16, seed: 7 };
  // Uninterrupted: 8 steps.
  const a = BertForSequenceClassification.create(tiny, 2);
  const full = await finetune({ ...common, model: a });
  // Interrupted after 3 steps (abort flag), checkpointed, restored into fresh objects, continued.
  const b = BertForSequenceClassification.create(tiny, 2);
  const storage = new MemoryStorage();
  const signal = { aborted: false };
  const first = await finetune({ ...common, model: b, storage, signal, onProgress: (e) => { if (e.step === 3) signal.aborted = true; } });
  assert.equal(first.cancelled, true);
  assert.equal(first.state.step, 3);
  assert.deepEqual(await storage.list(), ["latest"]);
  const restored = await loadCheckpoint(storage, "latest");
  const rest = await finetune({ ...common, model: restored.model, resume: { optimizer: restored.optimizer, state: restored.state } });
  assert.deepEqual(rest.state.history.map((h) => h.loss), full.state.history.map((h) => h.loss));
  for (const [name, v] of a.params) assert.deepEqual(Array.from(restored.model.params.get(name)!.dataSync()), Array.from(v.dataSync()), name);
  // The checkpoint is also a model folder: config.json + weights.json + shards.
  const files = await checkpointFiles(restored.model, restored.optimizer, rest.state);
  for (const f of ["config.json", "weights.json", "optimizer.json", "trainer_state.json"]) assert.ok(files.has(f), f);
  const again = await restoreCheckpoint(files);
  assert.equal(again.state.step, 8);
  for (const x of [full.optimizer, first.optimizer, rest.optimizer, again.optimizer]) x.dispose();
  for (const m of [a, b, restored.model, again.model]) m.dispose();
});

test("finetune reports each step's stages in order (schedule, batch, forward, loss, backward, clip, adamw), without changing a number", async () => {
  const common = { tokenizer: tok, train: toyDataset(48, 5), epochs: 1, batchSize: 16, lr: 1e-3, maxLen: 16, seed: 3 };
  const a = BertForSequenceClassification.create(tiny, 4);
  const seen: string[] = [];
  const withStages = await finetune({ ...common, model: a, onStage: (s) => seen.push(s) });
  const order = ["schedule", "batch", "forward", "loss", "backward", "clip", "adamw"];
  assert.deepEqual(seen, [...order, ...order, ...order], "three steps, seven stages each");
  // As a cycle it is chapter 6's figure: batch → … → adamw → schedule → the next batch.
  assert.deepEqual([...TRAIN_STAGES], [...order.slice(1), order[0]]);
  const b = BertForSequenceClassification.create(tiny, 4);
  const without = await finetune({ ...common, model: b });
  assert.deepEqual(withStages.state.history.map((h) => h.loss), without.state.history.map((h) => h.loss));
  for (const r of [withStages, without]) r.optimizer.dispose();
  a.dispose();
  b.dispose();
});
