// Chapter 6's "한 스텝 손으로" cell is the engine's training step written out: run the cell's own code for 3 steps
// and engine.trainStep for 3 steps on the same batch, seeds and schedule, from the same initial weights, and the
// losses and every weight agree. Then the whole cell (20 steps) and its loss falls, as the chapter says.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as engine from "../../lib";
import { dirReader } from "../../lib/train/node";
import { cellSource, runCellSource } from "./helpers/chapter-cell";
import { chapter6Setup } from "./helpers/chapter6";

await tf.setBackend("wasm");

const ROOT = path.join(import.meta.dirname, "../..");
const tokenizer = engine.WordPieceTokenizer.fromVocabText(
  fs.readFileSync(path.join(ROOT, "public/models/encoder/vocab.txt"), "utf8"),
);
// The chapter's own config and split (its config and prepare cells).
const { config, trainSet } = await chapter6Setup(tokenizer);
// The cell loads "/models/encoder/" as a page would; here that is the folder on disk.
const nodeEngine = {
  ...engine,
  loadClassifier: (src: string, o?: { seed?: number }) => engine.loadClassifier(dirReader(path.join(ROOT, "public", src)), o),
};

/** Runs the cell with STEPS replaced; returns its losses (from its chart) and its model. */
async function runHandCell(steps: number) {
  const source = cellSource("06-finetune.mdx", "hand-step");
  assert.match(source, /const STEPS = 20,/, "the cell runs 20 steps");
  const losses: number[] = [];
  const show = { lineChart: () => ({ append: (p: { loss: number }) => losses.push(p.loss) }), text() {}, table() {} };
  const { hand, opt } = await runCellSource(source.replace("const STEPS = 20,", `const STEPS = ${steps},`),
    { tf, engine: nodeEngine, show, config, trainSet, tokenizer }, ["hand", "opt"]);
  (opt as engine.AdamW).dispose();
  return { losses, model: hand as engine.BertForSequenceClassification };
}

test("the hand-written step equals engine.trainStep: same losses and weights after 3 steps", { timeout: 300_000 }, async () => {
  const STEPS = 3;
  const hand = await runHandCell(STEPS);

  const { model } = await nodeEngine.loadClassifier("/models/encoder/", { seed: config.seed });
  const rows = trainSet.slice(0, config.batchSize);
  const batch = tokenizer.encodeBatch(rows.map((r) => r.text), { maxLen: config.maxLen });
  const opt = new engine.AdamW(model.params, { weightDecay: 0.01 });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const lr = engine.linearWarmupDecay(step, STEPS, 2, config.lr);
    const r = engine.trainStep(model, batch, rows.map((x) => x.label), opt, { lr, clipNorm: 1.0, seed: step });
    losses.push((await r.loss.data())[0]);
    tf.dispose([r.loss, r.correct, r.gradNorm]);
  }
  opt.dispose();

  assert.equal(hand.losses.length, STEPS);
  for (let i = 0; i < STEPS; i++) assert.ok(Math.abs(hand.losses[i] - losses[i]) <= 1e-6, `step ${i + 1}: hand ${hand.losses[i]} vs engine ${losses[i]}`);
  assert.ok(losses[2] !== losses[0], "the weights moved");
  let worst = 0, worstName = "";
  for (const [name, v] of model.params) {
    const a = await v.data(), b = await hand.model.params.get(name)!.data();
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i] - b[i]);
      if (d > worst) { worst = d; worstName = name; }
    }
  }
  assert.ok(worst <= 1e-6, `largest weight difference ${worst} (${worstName})`);
  model.dispose();
  hand.model.dispose();
});

test("the hand-step cell as written: its loss falls over its 20 steps", { timeout: 600_000 }, async () => {
  const { losses, model } = await runHandCell(20);
  model.dispose();
  assert.equal(losses.length, 20);
  console.log(`# hand step losses: ${losses.map((l) => l.toFixed(3)).join(" ")}`);
  assert.ok(losses.every(Number.isFinite));
  const first = losses.slice(0, 3).reduce((a, b) => a + b) / 3, last = losses.slice(-3).reduce((a, b) => a + b) / 3;
  assert.ok(last < first / 2, `mean of the last 3 (${last}) is under half the first 3 (${first})`);
});
