// Freezing the embeddings and bottom layers: frozen weights do not move, they get no Adam state, the count the
// memory estimate uses is the real one, and a resumed frozen run continues exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, countParams, estimateTrainingMemory, makeConfig } from "../../lib/model";
import { MemoryStorage, finetune, frozenParameterCount, isFrozen, loadCheckpoint, trainableParams } from "../../lib/train";
import { ToyTokenizer, VOCAB, toyDataset } from "./helpers/synthetic";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const tiny = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
const snapshot = (m: BertForSequenceClassification) => new Map([...m.params].map(([n, v]) => [n, Array.from(v.dataSync())]));

test("frozen embeddings and layer 0 stay as they were; everything else trains; Adam holds state only for what trains", async () => {
  const model = BertForSequenceClassification.create(tiny, 3);
  const before = snapshot(model);
  const freeze = { embeddings: true, layers: 1 };
  const r = await finetune({ model, tokenizer: new ToyTokenizer(), train: toyDataset(64, 1), epochs: 1, batchSize: 16, lr: 1e-3, maxLen: 16, freeze });
  const after = snapshot(model);
  for (const [name, v] of before) {
    const moved = v.some((x, i) => x !== after.get(name)![i]);
    if (isFrozen(name, freeze)) assert.equal(moved, false, `${name} is frozen but moved`);
  }
  for (const n of ["classifier.weight", "bert.pooler.dense.weight", "bert.encoder.layer.1.attention.self.query.weight", "bert.encoder.layer.1.output.dense.weight"]) {
    assert.ok(before.get(n)!.some((x, i) => x !== after.get(n)![i]), `${n} trains`);
  }
  assert.equal(r.optimizer.m.size, trainableParams(model.params, freeze).size);
  assert.ok(![...r.optimizer.m.keys()].some((n) => n.startsWith("bert.embeddings.") || n.startsWith("bert.encoder.layer.0.")));
  // The count the preflight uses equals what the model holds.
  const frozen = [...model.params].filter(([n]) => isFrozen(n, freeze)).reduce((s, [, v]) => s + v.size, 0);
  assert.equal(frozenParameterCount(tiny, freeze), frozen);
  const full = estimateTrainingMemory(tiny, { batchSize: 2, seqLen: 16 });
  const part = estimateTrainingMemory(tiny, { batchSize: 2, seqLen: 16, trainableParameters: countParams(model.params) - frozen });
  assert.equal(full.total - part.total, 3 * 4 * frozen, "a frozen parameter saves its gradient and two Adam moments");
  r.optimizer.dispose();
  model.dispose();
});

test("a frozen run checkpoints and resumes to the same weights as an uninterrupted one", async () => {
  const data = toyDataset(64, 2);
  const opts = { tokenizer: new ToyTokenizer(), train: data, epochs: 1, batchSize: 16, lr: 1e-3, maxLen: 16, seed: 5, freeze: { embeddings: true } };
  const a = BertForSequenceClassification.create(tiny, 4);
  const ra = await finetune({ ...opts, model: a });
  const storage = new MemoryStorage();
  const b = BertForSequenceClassification.create(tiny, 4);
  const rb = await finetune({ ...opts, model: b, storage, maxSteps: 2 });
  rb.optimizer.dispose();
  b.dispose();
  const restored = await loadCheckpoint(storage, "latest");
  assert.deepEqual(restored.state.hyper.freeze, { embeddings: true });
  const rc = await finetune({ ...opts, model: restored.model, resume: { optimizer: restored.optimizer, state: restored.state } });
  const [sa, sc] = [snapshot(a), snapshot(restored.model)];
  for (const [n, v] of sa) assert.deepEqual(sc.get(n), v, n);
  ra.optimizer.dispose(); rc.optimizer.dispose(); a.dispose(); restored.model.dispose();
});
