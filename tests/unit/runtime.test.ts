// lib/runtime in Node: the chooser records why WebGPU/WebGL are skipped; WASM trains and agrees with CPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig } from "../../lib/model";
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
