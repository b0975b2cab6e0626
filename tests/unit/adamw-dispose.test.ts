// AdamW.dispose() frees everything its constructor allocated (it used to keep the zerosLike tensors
// behind its m/v variables alive: 2 tensors per parameter, model-sized, per optimizer).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig } from "../../lib/model";
import { AdamW } from "../../lib/train";

test("AdamW: constructing and disposing an optimizer leaves no tensors behind", async () => {
  await tf.setBackend("cpu");
  const model = BertForSequenceClassification.create(makeConfig("tiny", { vocab_size: 20, max_position_embeddings: 8 }), 1);
  const before = tf.memory().numTensors;
  const opt = new AdamW(model.params);
  assert.equal(tf.memory().numTensors, before + 2 * model.params.size, "one m and one v per parameter");
  opt.dispose();
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
