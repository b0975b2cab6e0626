// Parity: the TypeScript model must compute what the PyTorch model (scripts/pretrain/bert.py) computes.
// The fixtures were written by scripts/pretrain/parity.py from the exported weight files, so CI needs no torch.
// Rebuild the shipped-classifier fixture after exporting a new classifier:
//   npx tsx scripts/parity-input.ts && node scripts/py.mjs scripts/pretrain/parity.py --model public/models/classifier \
//     --input tests/fixtures/parity-input.json --out tests/fixtures/parity-classifier.json
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, loadModelFiles } from "../../lib/model";
import { dirReader } from "../../lib/train/node";
import { WordPieceTokenizer } from "../../lib/tokenizer";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

interface Fixture {
  input_ids: number[][];
  attention_mask: number[][];
  logits: number[][];
  attentions: number[][][][][]; // L x [B, A, T, T]
  sentences?: string[];
}

function maxAbsDiff(a: ArrayLike<number>, b: number[]): number {
  assert.equal(a.length, b.length, "size mismatch");
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function checkParity(modelDir: string, fixture: Fixture) {
  const { config, params, missing } = await loadModelFiles(dirReader(modelDir), { head: "classifier" });
  assert.deepEqual(missing, [], "every weight comes from the file");
  const model = new BertForSequenceClassification(config, params);
  const B = fixture.input_ids.length;
  const T = fixture.input_ids[0].length;
  const out = model.forward(
    { inputIds: fixture.input_ids.flat(), attentionMask: fixture.attention_mask.flat(), batchSize: B, seqLen: T },
    { outputAttentions: true },
  );
  const logitDiff = maxAbsDiff(await out.logits.data(), fixture.logits.flat());
  assert.ok(logitDiff < 1e-4, `logits differ by ${logitDiff}`);
  assert.equal(out.attentions!.length, fixture.attentions.length);
  for (let l = 0; l < fixture.attentions.length; l++) {
    const d = maxAbsDiff(await out.attentions![l].data(), fixture.attentions[l].flat(3));
    assert.ok(d < 1e-4, `layer ${l} attention probabilities differ by ${d}`);
  }
  tf.dispose([out.logits, ...(out.attentions ?? []), out.pooled!]);
  model.dispose();
}

test("parity with PyTorch: tiny random classifier (peaky attention, padded rows)", async () => {
  const dir = "tests/fixtures/parity-tiny";
  const fixture = JSON.parse(readFileSync(`${dir}/expected.json`, "utf8")) as Fixture;
  // The fixture must exercise padding, or masking bugs would pass unseen.
  assert.ok(fixture.attention_mask.some((row) => row.includes(0)));
  await checkParity(dir, fixture);
});

test("parity with PyTorch: the shipped NSMC classifier on Korean sentences the TypeScript tokenizer encoded", async () => {
  const fixture = JSON.parse(readFileSync("tests/fixtures/parity-classifier.json", "utf8")) as Fixture;
  // The ids are the tokenizer's: if the tokenizer or the vocabulary changes, the fixture must be rebuilt.
  const tok = WordPieceTokenizer.fromVocabText(readFileSync("public/models/classifier/vocab.txt", "utf8"));
  fixture.sentences!.forEach((s, i) => {
    const ids = tok.encode(s).ids;
    assert.deepEqual(fixture.input_ids[i].slice(0, ids.length), ids, `tokenizer drifted on "${s}"`);
  });
  await checkParity("public/models/classifier", fixture);
});
