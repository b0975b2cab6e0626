// lib/runtime in Node: the chooser records why WebGPU/WebGL are skipped; WASM trains and agrees with CPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, bmmDepthwise, dense, makeConfig, matmul, matmulBT } from "../../lib/model";
import { chooseBackend } from "../../lib/runtime";
import { AdamW, gatherRows, gradientsFor, trainStep } from "../../lib";
import { nodeWasmDir, setupNodeBackend } from "../../scripts/node-backend";
import { ToyTokenizer, VOCAB, toyDataset } from "./helpers/synthetic";

tf.env().set("PROD", true);
const tiny = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
const data = toyDataset(8, 4);
const batch = new ToyTokenizer().encodeBatch(data.map((d) => d.text), { maxLen: 16 });
const labels = data.map((d) => d.label);

test("chooser: skips webgpu and webgl in Node with reasons, lands on wasm; forcing works", async () => {
  const choice = await chooseBackend({ wasmPaths: nodeWasmDir() });
  assert.equal(choice.backend, "wasm");
  assert.deepEqual(choice.tried.map((t) => [t.name, t.ok]), [["webgpu", false], ["webgl", false], ["wasm", true]]);
  assert.match(choice.tried[0].error!, /navigator\.gpu/);
  assert.match(choice.reason, /skipped webgpu/);
  const cpu = await chooseBackend({ force: "cpu" });
  assert.equal(cpu.backend, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  await assert.rejects(chooseBackend({ force: "webgpu" }), /webgpu/);
});

test("scatterND sums duplicate ids on cpu and wasm (the embedding gradient relies on it)", async () => {
  for (const b of ["cpu", "wasm"] as const) {
    await setupNodeBackend(b);
    const g = tf.grad((t: tf.Tensor) => tf.sum(gatherRows(t, tf.tensor1d([1, 1, 2], "int32"))))(tf.zeros([3, 2]));
    assert.deepEqual(g.arraySync(), [[0, 0], [2, 2], [1, 1]], b);
  }
});

test("wasm in Node: gradients and a training step match cpu (loss to 1e-4)", async () => {
  const out: Record<string, { loss: number; grads: Map<string, Float32Array>; stepLoss: number[] }> = {};
  for (const b of ["cpu", "wasm"] as const) {
    await setupNodeBackend(b);
    const model = BertForSequenceClassification.create(tiny, 11);
    const g = await gradientsFor(model, batch, labels, { training: true, seed: 3 });
    const opt = new AdamW(model.params);
    const stepLoss: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = trainStep(model, batch, labels, opt, { lr: 1e-3, clipNorm: 1, seed: i });
      stepLoss.push(r.loss.dataSync()[0]);
      tf.dispose([r.loss, r.correct, r.gradNorm]);
    }
    out[b] = { ...g, stepLoss };
    opt.dispose();
    model.dispose();
  }
  assert.ok(Math.abs(out.cpu.loss - out.wasm.loss) < 1e-4);
  out.cpu.stepLoss.forEach((l, i) => assert.ok(Math.abs(l - out.wasm.stepLoss[i]) < 1e-4, `step ${i}: ${l} vs ${out.wasm.stepLoss[i]}`));
  for (const [name, g] of out.cpu.grads) {
    const w = out.wasm.grads.get(name)!;
    let worst = 0;
    for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - w[i]));
    assert.ok(worst < 1e-5, `${name}: max |cpu - wasm| = ${worst}`);
  }
});

test("wasm's fast routes (batched products as depthwise convolutions, column sums as GEMMs) equal tf.matMul and tf.sum, gradients too", async () => {
  await setupNodeBackend("wasm");
  const a = tf.randomNormal([2, 3, 5, 4], 0, 1, "float32", 1), b = tf.randomNormal([2, 3, 4, 6], 0, 1, "float32", 2);
  const bt = tf.randomNormal([2, 3, 6, 4], 0, 1, "float32", 3), r = tf.randomNormal([2, 3, 5, 6], 0, 1, "float32", 4);
  const worst = (x: tf.Tensor, y: tf.Tensor) => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0];
  // the primitive, in all four transpose combinations, against tfjs-wasm's own BatchMatMul
  const a3 = tf.reshape(a, [6, 5, 4]) as tf.Tensor3D, b3 = tf.reshape(b, [6, 4, 6]) as tf.Tensor3D;
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    const x = ta ? tf.transpose(a3, [0, 2, 1]) as tf.Tensor3D : a3, y = tb ? tf.transpose(b3, [0, 2, 1]) as tf.Tensor3D : b3;
    assert.ok(worst(bmmDepthwise(x, y, ta, tb), tf.matMul(a3, b3)) < 1e-5, `ta=${ta} tb=${tb}`);
  }
  // the model's matmul / matmulBT, values and both gradients, against tf.matMul's
  const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), r));
  for (const [mine, ref, y] of [
    [matmul, (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y), b],
    [matmulBT, (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, false, true), bt],
  ] as const) {
    assert.ok(worst(mine(a, y), ref(a, y)) < 1e-5);
    const gm = tf.grads(loss(mine))([a, y]), gr = tf.grads(loss(ref))([a, y]);
    gm.forEach((g, i) => assert.ok(worst(g, gr[i]) < 1e-5, `gradient ${i}`));
  }
  // dense's bias gradient (a ones-row GEMM on wasm) equals the column sum
  const x = tf.randomNormal([7, 4], 0, 1, "float32", 5), w = tf.randomNormal([4, 3], 0, 1, "float32", 6), bias = tf.zeros([3]);
  const dy = tf.randomNormal([7, 3], 0, 1, "float32", 7);
  const [, , db] = tf.grads((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(dense(x, w, b), dy)))([x, w, bias]);
  assert.ok(worst(db, tf.sum(dy, 0)) < 1e-5);
});
