// The memory preflight: chapter 4's estimator's numbers, checked against a backend's limits, with plans that fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { estimateTrainingMemory, makeConfig } from "../../lib/model";
import { GiB, MiB } from "../../lib/format";
import { preflight, explainOutOfMemory } from "../../lib/train";

const base = makeConfig("base");                                   // bert-base-uncased's shape, vocabulary 30,522
const mbert = makeConfig("base", { vocab_size: 119547 });          // bert-base-multilingual-cased

test("the preflight's numbers are chapter 4's estimator's", () => {
  const p = preflight(base, { batchSize: 32, seqLen: 128 }, { backend: "wasm", memoryBytes: 4 * GiB, memorySource: "the heap" });
  assert.deepEqual(p.estimate, estimateTrainingMemory(base, { batchSize: 32, seqLen: 128, head: "classifier" }));
  assert.equal(p.trainable, p.estimate.parameters);
});

test("the textbook's batch 2 x 512 on a 4 GiB budget fits; batch 32 x 512 does not, and smaller plans are offered", () => {
  const limits = { backend: "wasm", memoryBytes: 4 * GiB, memorySource: "the WebAssembly heap limit" };
  const small = preflight(base, { batchSize: 2, seqLen: 512 }, limits);
  assert.equal(small.fits, true, small.lines.join("\n"));
  const big = preflight(base, { batchSize: 32, seqLen: 512 }, limits);
  assert.equal(big.fits, false);
  assert.match(big.problems[0], /a training step needs about [\d.]+ GiB, more than the 4\.00 GiB of the WebAssembly heap limit/);
  assert.ok(big.alternatives.length > 0);
  for (const a of big.alternatives) assert.ok(a.fits && a.estimate.total <= 4 * GiB);
  assert.equal(big.alternatives[0].seqLen, 512, "nearest first: the same length with a smaller batch");
  assert.ok(big.alternatives[0].batchSize < 32);
  assert.match(big.lines.join(" "), /These fit: batch \d+ x length 512/);
});

test("mBERT's 119,547 x 768 embedding table is over a 128 MiB WebGPU binding limit: no batch helps, and the preflight says so", () => {
  const limits = { backend: "webgpu", maxTensorBytes: 128 * MiB, maxTensorSource: "WebGPU maxStorageBufferBindingSize" };
  const p = preflight(mbert, { batchSize: 8, seqLen: 128 }, limits);
  assert.equal(p.fits, false);
  assert.equal(p.largest.bytes, 119547 * 768 * 4);
  assert.match(p.problems[0], /the word-embedding table \[119547, 768\] is 350\.24 MiB, more than one tensor may be here \(WebGPU maxStorageBufferBindingSize: 128\.00 MiB\)/);
  assert.deepEqual(p.alternatives, []);
  assert.match(p.lines.join(" "), /Nothing nearby fits: the word-embedding table alone is over WebGPU maxStorageBufferBindingSize/);
  // With the adapter's full limit (tfjs requests the adapter's maximum), it fits.
  assert.equal(preflight(mbert, { batchSize: 8, seqLen: 128 }, { ...limits, maxTensorBytes: 2 * GiB }).fits, true);
  assert.match(explainOutOfMemory(new Error("Out of memory\nmore"), p), /^Training ran out of memory \(Out of memory\)\. .*The last checkpoint is kept/);
});

test("freezing is offered when it is what fits, and counts: frozen embeddings save 3 x their size", () => {
  const e = preflight(mbert, { batchSize: 1, seqLen: 64 }, { backend: "wasm" });
  const f = preflight(mbert, { batchSize: 1, seqLen: 64, freeze: { embeddings: true } }, { backend: "wasm" });
  const emb = (119547 + 512 + 2) * 768 + 2 * 768;
  assert.equal(e.estimate.total - f.estimate.total, 3 * 4 * emb);
  // A budget between the two: only freezing fits.
  const budget = { backend: "wasm", memoryBytes: (e.estimate.total + f.estimate.total) / 2, memorySource: "a test budget" };
  const p = preflight(mbert, { batchSize: 1, seqLen: 64 }, budget);
  assert.equal(p.fits, false);
  assert.deepEqual(p.alternatives[0].freeze, { embeddings: true });
  assert.throws(() => preflight(base, { batchSize: 1, seqLen: 1024 }, budget), /longer than the model's 512 positions/);
});

test("a step's time is measured on 1- and 2-layer copies and extrapolated; nothing is left allocated", async () => {
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  const { estimateStepTime } = await import("../../lib/train");
  const config = makeConfig("mini", { vocab_size: 300, hidden_size: 32, intermediate_size: 64, num_attention_heads: 2, num_hidden_layers: 6 });
  const before = tf.memory().numTensors;
  const stages: number[] = [];
  const t = await estimateStepTime(config, { batchSize: 2, seqLen: 8 }, { warmup: 0, onStage: (l) => stages.push(l) });
  assert.deepEqual(stages, [1, 2]);
  assert.equal(tf.memory().numTensors, before, "the copies and their optimizers are disposed");
  assert.equal(t.backend, "cpu");
  assert.equal(t.layers, 6);
  assert.ok(t.oneLayerSeconds > 0 && t.twoLayerSeconds > 0);
  assert.equal(t.perLayerSeconds, Math.max(0, t.twoLayerSeconds - t.oneLayerSeconds));
  assert.ok(Math.abs(t.stepSeconds - (t.oneLayerSeconds + 5 * t.perLayerSeconds)) < 1e-12);
});
