// The fine-tuning loop's safety nets: the NaN/Inf guard before the update, checkpoints that may fail without
// stopping training, and checkpoints by time.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig, type ModelFiles } from "../../lib/model";
import {
  AdamW, CheckpointQuotaError, MemoryStorage, finetune, guardedTrainStep, loadCheckpoint, trainStep,
  type CheckpointEvent, type SkipEvent,
} from "../../lib/train";
import { ToyTokenizer, VOCAB, toyDataset } from "./helpers/synthetic";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const tiny = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
const tok = new ToyTokenizer();

type Snapshot = Map<string, Float32Array>;
function snapshot(model: BertForSequenceClassification, opt?: AdamW): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, v] of model.params) out.set(name, v.dataSync() as Float32Array);
  if (opt) for (const [name, t] of opt.stateTensors()) out.set(name, t.dataSync() as Float32Array);
  return out;
}
function assertSame(a: Snapshot, b: Snapshot, what: string) {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, v] of a) assert.deepEqual(Array.from(b.get(name)!), Array.from(v), `${what}: ${name}`);
}
const allFinite = (s: Snapshot) => [...s.values()].every((v) => v.every(Number.isFinite));

// lr 1e6 on the tiny model: steps 1-3 are finite (loss 0.69, 1e7, 8e10), steps 4-6 are NaN (checked below).
const diverging = { tokenizer: tok, train: toyDataset(64, 1), epochs: 2, batchSize: 8, lr: 1e6, maxLen: 16, seed: 1, warmupRatio: 0 };

test("guardedTrainStep gives bit-for-bit trainStep's numbers on finite steps, and leaks nothing", async () => {
  const a = BertForSequenceClassification.create(tiny, 3), b = BertForSequenceClassification.create(tiny, 3);
  const optA = new AdamW(a.params), optB = new AdamW(b.params);
  const data = toyDataset(8, 4);
  const batch = tok.encodeBatch(data.map((d) => d.text), { maxLen: 16 });
  const labels = data.map((d) => d.label);
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const clipNorm of [1, 0]) {
      const r = trainStep(a, batch, labels, optA, { lr: 1e-3, clipNorm, seed: i });
      const [loss, correct, gradNorm] = [r.loss.dataSync()[0], r.correct.dataSync()[0], r.gradNorm.dataSync()[0]];
      tf.dispose([r.loss, r.correct, r.gradNorm]);
      const g = await guardedTrainStep(b, batch, labels, optB, { lr: 1e-3, clipNorm, seed: i });
      assert.deepEqual(g, { loss, correct, gradNorm, applied: true });
    }
    counts.push(tf.memory().numTensors);
  }
  assert.equal(optB.t, optA.t);
  assertSame(snapshot(a, optA), snapshot(b, optB), "after 6 steps");
  assert.deepEqual(counts, [counts[0], counts[0], counts[0]], `numTensors per step: ${counts}`);
  for (const x of [optA, optB, a, b]) x.dispose();
});

test("a diverging learning rate: NaN steps leave weights and Adam state untouched, 3 in a row stop the run", async () => {
  const model = BertForSequenceClassification.create(tiny, 1);
  const after = new Map<number, Snapshot>();   // step -> parameters and moments after it
  const skips: SkipEvent[] = [];
  const progress: { step: number; skipped: boolean }[] = [];
  const res = await finetune({
    ...diverging, model,
    onProgress: (e) => { progress.push({ step: e.step, skipped: e.skipped }); if (!e.skipped) after.set(e.step, snapshot(model)); },
    onSkip: (e) => {
      skips.push(e);
      // (a) At the skipped step, the weights are still those after the last applied step (3).
      assertSame(after.get(3)!, snapshot(model), `at skipped step ${e.step}`);
    },
    onCheckpoint: () => assert.fail("no storage, no checkpoints"),
  });
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6].map((step) => ({ step, skipped: step > 3 })));
  // (b) onSkip for each NaN step, counting the run.
  assert.deepEqual(skips.map((s) => [s.step, s.consecutive]), [[4, 1], [5, 2], [6, 3]]);
  for (const s of skips) assert.ok(!Number.isFinite(s.loss) || !Number.isFinite(s.gradNorm), `step ${s.step}: ${s.loss}, ${s.gradNorm}`);
  assert.equal(skips[0].lr, (1e6 * 13) / 16);   // linear decay, no warm-up: step index 3 of 16
  // (c) Stopped as diverged; the remaining weights are finite, those after step 3; the update count is 3.
  assert.equal(res.stoppedBy, "diverged");
  assert.equal(res.cancelled, true);
  assert.deepEqual(res.skippedSteps, [4, 5, 6]);
  assert.equal(res.state.step, 6);
  assert.equal(res.optimizer.t, 3);
  assert.equal(res.state.optimizerT, 3);
  assert.deepEqual(res.state.history.map((h) => h.skipped ?? false), [false, false, false, true, true, true]);
  assert.ok(res.diverged);
  assert.equal(res.diverged.step, 6);
  assert.deepEqual(res.diverged.skippedSteps, [4, 5, 6]);
  assert.equal(res.diverged.restoredStep, undefined);
  assert.match(res.diverged.message, /Lower the learning rate/);
  assert.match(res.diverged.message, /step 6/);
  const final = snapshot(model, res.optimizer);
  assert.ok(allFinite(final));
  for (const [name, v] of after.get(3)!) assert.deepEqual(Array.from(final.get(name)!), Array.from(v), name);
  // One more step by hand on these weights: NaN again, and neither weights nor moments nor t move.
  const data = toyDataset(8, 9);
  const before = tf.memory().numTensors;
  const g = await guardedTrainStep(model, tok.encodeBatch(data.map((d) => d.text), { maxLen: 16 }), data.map((d) => d.label), res.optimizer, { lr: 1e-3, clipNorm: 1, seed: 0 });
  assert.equal(g.applied, false);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(res.optimizer.t, 3);
  assertSame(final, snapshot(model, res.optimizer), "after a skipped guardedTrainStep");
  res.optimizer.dispose();
  model.dispose();
});

/** A storage whose saves fail on the given calls (1-based), with a quota error. */
class FlakyStorage extends MemoryStorage {
  calls = 0;
  constructor(private failOn: Set<number>) { super(); }
  override async save(key: string, files: ModelFiles) {
    this.calls++;
    if (this.failOn.has(this.calls)) throw new CheckpointQuotaError({ key, bytes: 123, free: 1, quota: 100, when: "write" });
    return super.save(key, files);
  }
}

test("after divergence the model and optimizer are restored in place to this run's last checkpoint", async () => {
  const model = BertForSequenceClassification.create(tiny, 1);
  const storage = new FlakyStorage(new Set([2]));   // the save of step 4 fails: step 2's checkpoint stays
  const after = new Map<number, Snapshot>();
  const saves: CheckpointEvent[] = [];
  const res = await finetune({
    ...diverging, model, storage, checkpointKey: "guard", checkpointEvery: 2,
    onProgress: (e) => { if (!e.skipped) after.set(e.step, snapshot(model)); },
    onCheckpoint: (e) => saves.push(e),
  });
  assert.equal(res.stoppedBy, "diverged");
  assert.deepEqual(saves.map((s) => [s.step, s.ok, s.reason, s.key]), [[2, true, "interval", "guard"], [4, false, "interval", "guard"]]);
  assert.ok(saves.every((s) => s.bytes! > 0 && s.seconds! >= 0));
  assert.equal(res.lastCheckpointStep, 2);
  assert.equal(res.diverged?.restoredStep, 2);
  assert.match(res.diverged!.message, /restored to the checkpoint of step 2/);
  assert.equal(res.state.step, 2);
  assert.equal(res.state.history.length, 2);
  assert.equal(res.optimizer.t, 2);
  const now = snapshot(model);
  assert.ok(allFinite(now));
  assertSame(after.get(2)!, now, "restored weights");
  assert.notDeepEqual(Array.from(after.get(3)!.get("classifier.weight")!), Array.from(now.get("classifier.weight")!));
  // Moments too, and the checkpoint itself is still step 2's (the divergence saved nothing).
  const ck = await loadCheckpoint(storage, "guard");
  assert.equal(ck.state.step, 2);
  const moments = (o: AdamW) => new Map(o.stateTensors().map(([n, t]) => [n, t.dataSync() as Float32Array]));
  assertSame(moments(ck.optimizer), moments(res.optimizer), "restored moments");
  ck.optimizer.dispose();
  ck.model.dispose();
  res.optimizer.dispose();
  model.dispose();
});

test("a failed checkpoint save is reported and training goes on; checkpoints by time; a cancel saves once", async () => {
  const common = { tokenizer: tok, train: toyDataset(48, 5), epochs: 2, batchSize: 8, lr: 1e-3, maxLen: 16, seed: 2 };
  // 12 steps, 6 per epoch; checkpointEverySeconds tiny: every step saves ("epoch" at 6 and 12, else "time").
  const storage = new FlakyStorage(new Set([3, 4]));
  const saves: CheckpointEvent[] = [];
  const m1 = BertForSequenceClassification.create(tiny, 6);
  const r1 = await finetune({ ...common, model: m1, storage, checkpointEverySeconds: 1e-9, onCheckpoint: (e) => saves.push(e) });
  assert.equal(r1.stoppedBy, "done");
  assert.equal(r1.cancelled, false);
  assert.equal(r1.state.step, 12);
  assert.deepEqual(saves.map((s) => s.step), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.deepEqual(saves.map((s) => s.reason), ["time", "time", "time", "time", "time", "epoch", "time", "time", "time", "time", "time", "epoch"]);
  assert.deepEqual(saves.map((s) => s.ok), [true, true, false, false, true, true, true, true, true, true, true, true]);
  assert.ok(saves[2].error instanceof CheckpointQuotaError);
  assert.equal(saves[2].error.bytes, 123);
  assert.equal(r1.lastCheckpointStep, 12);
  // Same numbers as a run without any checkpoints.
  const m2 = BertForSequenceClassification.create(tiny, 6);
  const r2 = await finetune({ ...common, model: m2 });
  assert.deepEqual(r1.state.history.map((h) => h.loss), r2.state.history.map((h) => h.loss));
  assert.equal(r2.lastCheckpointStep, undefined);
  assert.deepEqual(r2.skippedSteps, []);

  // Long interval: no time saves. A cancel right after a step-interval save does not save again; one elsewhere does.
  const m3 = BertForSequenceClassification.create(tiny, 6);
  const saves3: CheckpointEvent[] = [];
  const r3 = await finetune({ ...common, model: m3, storage: new MemoryStorage(), checkpointEvery: 4, checkpointEverySeconds: 3600, maxSteps: 4, onCheckpoint: (e) => saves3.push(e) });
  assert.equal(r3.stoppedBy, "maxSteps");
  assert.deepEqual(saves3.map((s) => [s.step, s.reason]), [[4, "interval"]]);
  const saves4: CheckpointEvent[] = [];
  const failing = new FlakyStorage(new Set([1]));
  const signal = { aborted: false };
  const r4 = await finetune({
    ...common, model: m3, resume: { optimizer: r3.optimizer, state: r3.state }, storage: failing, signal,
    onProgress: (e) => { if (e.step === 5) signal.aborted = true; }, onCheckpoint: (e) => saves4.push(e),
  });
  assert.equal(r4.stoppedBy, "cancelled");
  assert.deepEqual(saves4.map((s) => [s.step, s.reason, s.ok]), [[5, "cancel", false]]);
  assert.equal(r4.lastCheckpointStep, undefined);
  for (const x of [r1.optimizer, r2.optimizer, r4.optimizer, m1, m2, m3]) x.dispose();
});
