// lib/pipeline on the shipped files: the masked LM fills a [MASK], the classifier separates obvious reviews.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { classify, fillMask, loadClassifier, loadMaskedLM, maskWindow } from "../../lib/pipeline";
import { dirReader } from "../../lib/train/node";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

test("fillMask: top-k tokens with probabilities for each [MASK], sorted, and a clear error without one", async () => {
  const lm = await loadMaskedLM(dirReader("public/models/encoder"));
  const before = tf.memory().numTensors;
  const [fill] = await fillMask(lm, "이 영화 정말 [MASK] 있어요", 5);
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  assert.equal(fill.predictions.length, 5);
  const probs = fill.predictions.map((p) => p.prob);
  assert.deepEqual([...probs].sort((a, b) => b - a), probs);
  assert.ok(probs[0] > 0 && probs[0] <= 1);
  for (const p of fill.predictions) assert.equal(lm.tokenizer.idToToken(p.id), p.token);
  await assert.rejects(fillMask(lm, "마스크가 없는 문장"), /no \[MASK\]/);
  lm.model.dispose();
});

test("fillMask: a text longer than the model's positions is cut around the [MASK], not past it", async () => {
  const lm = await loadMaskedLM(dirReader("public/models/encoder"));
  const long = "영화 ".repeat(200) + "정말 [MASK] 있어요";   // the mask is near piece 200; the model reads 128
  assert.ok(lm.tokenizer.tokenize(long).length > lm.model.config.max_position_embeddings);
  const [fill] = await fillMask(lm, long, 3);
  assert.equal(fill.predictions.length, 3);
  assert.ok(fill.position > 0 && fill.position < lm.model.config.max_position_embeddings - 1);
  // Two masks further apart than one window: said plainly, with where they are.
  const apart = "[MASK] " + "영화 ".repeat(300) + "[MASK]";
  await assert.rejects(fillMask(lm, apart), /302 word pieces, the model reads 126 at a time.*pieces 1, 302.*do not fit in one window/);
  lm.model.dispose();
});

test("maskWindow: all pieces when they fit, else a window with the masks in the middle", () => {
  const p = (n: number, masks: number[]) => Array.from({ length: n }, (_, i) => (masks.includes(i) ? "[MASK]" : "x"));
  assert.deepEqual(maskWindow(p(5, [4]), 10), { start: 0, end: 5 });
  assert.deepEqual(maskWindow(p(100, [50]), 10), { start: 46, end: 56 });
  assert.deepEqual(maskWindow(p(100, [2]), 10), { start: 0, end: 10 });
  assert.deepEqual(maskWindow(p(100, [99]), 10), { start: 90, end: 100 });
  assert.deepEqual(maskWindow(p(100, [40, 49]), 10), { start: 40, end: 50 });
  assert.throws(() => maskWindow(p(100, [40, 50]), 10), /pieces 41, 51\) are 11 pieces apart/);
});

test("classify: the shipped classifier gets obvious reviews right and names the labels", async () => {
  const clf = await loadClassifier(dirReader("public/models/classifier"));
  assert.deepEqual(clf.missing, []);
  assert.deepEqual(clf.labels, ["부정", "긍정"]);
  const [pos, neg] = await classify(clf, ["정말 최고의 영화! 배우들 연기도 훌륭하고 감동적이에요", "최악이다 돈 아깝고 시간 아깝다 지루해"]);
  assert.equal(pos.name, "긍정");
  assert.equal(neg.name, "부정");
  assert.ok(Math.abs(pos.probs[0] + pos.probs[1] - 1) < 1e-5);
  clf.model.dispose();
});
