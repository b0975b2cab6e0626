// lib/pipeline on the shipped files: the masked LM fills a [MASK], the classifier separates obvious reviews.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { classify, fillMask, loadClassifier, loadMaskedLM } from "../../lib/pipeline";
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
