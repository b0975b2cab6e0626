// lib/explain: word merging, rollout, rank correlation, gradient × input against finite differences (tiny
// config), Integrated Gradients' completeness and a cut long review on the shipped classifier.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { BertForSequenceClassification, makeConfig } from "../../lib/model";
import { loadClassifier } from "../../lib/pipeline";
import { dirReader } from "../../lib/train/node";
import {
  correlations, cutNotice, explain, gradientXInput, headMean, integratedGradients, mergeAttention, mergeScores, ranks,
  rollout, spearman, targetLogit, wordEmbeddings, wordSpans,
} from "../../lib/explain";
import { VOCAB } from "./helpers/synthetic";

tf.env().set("PROD", true);
// WASM: a 128-piece review's explanations take ~5 s here, against minutes on the pure-JS cpu backend.
await tf.setBackend("wasm");

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("wordSpans: ## pieces join the word before them; specials and punctuation stay words of their own", () => {
  const tokens = ["[CLS]", "영화", "##를", "봤", "##는데", "!", "##x", "[UNK]", "[SEP]", "##y"];
  const spans = wordSpans(tokens);
  assert.deepEqual(spans.map((s) => s.text), ["[CLS]", "영화를", "봤는데", "!x", "[UNK]", "[SEP]", "##y"]);
  assert.deepEqual(spans.map((s) => [s.start, s.end]), [[0, 1], [1, 3], [3, 5], [5, 7], [7, 8], [8, 9], [9, 10]]);
  // [UNK] stands for something typed (an emoji): a word, not a special token.
  assert.deepEqual(spans.map((s) => s.special), [true, false, false, false, false, true, false]);
  assert.deepEqual(mergeScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], spans), [1, 5, 9, 13, 8, 9, 10]);
});

test("mergeAttention: to-word is the sum over its pieces, from-word the mean, so every word row sums to 1", () => {
  const tokens = ["[CLS]", "재미", "##없", "##다", "진짜", "[SEP]"];
  const T = tokens.length, L = 2, A = 3;
  // Random rows that sum to 1, as softmax gives.
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const values = new Float32Array(L * A * T * T);
  for (let r = 0; r < L * A * T; r++) {
    const row = Array.from({ length: T }, rand);
    const s = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => (values[r * T + j] = v / s));
  }
  const spans = wordSpans(tokens);
  const W = spans.length;
  assert.equal(W, 4);
  const words = mergeAttention(values, L, A, T, spans);
  assert.equal(words.length, L * A * W * W);
  for (let r = 0; r < L * A * W; r++) close(words.subarray(r * W, (r + 1) * W).reduce((a, b) => a + b, 0), 1, 1e-6, `word row ${r}`);
  // One entry by hand: layer 1, head 2, from 재미없다 (pieces 1..3) to 진짜 (piece 4) = mean over the 3 query pieces.
  const at = (i: number, j: number) => values[((1 * A + 2) * T + i) * T + j];
  close(words[((1 * A + 2) * W + 1) * W + 2], (at(1, 4) + at(2, 4) + at(3, 4)) / 3, 1e-6, "from-mean");
  // …and to 재미없다 from [CLS] = the sum over its 3 key pieces.
  close(words[((1 * A + 2) * W + 0) * W + 1], at(0, 1) + at(0, 2) + at(0, 3), 1e-6, "to-sum");
});

test("rollout on a hand-computed 3-token, 2-layer example (2 heads a layer)", () => {
  // Layer 1's heads average to A1 = [[1,0,0],[.5,.5,0],[0,0,1]]; layer 2's are both the cycle A2 = [[0,1,0],[0,0,1],[1,0,0]].
  const l1h0 = [1, 0, 0, 1, 0, 0, 0, 0, 1], l1h1 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const A2 = [0, 1, 0, 0, 0, 1, 1, 0, 0];
  const values = Float32Array.from([...l1h0, ...l1h1, ...A2, ...A2]);
  assert.deepEqual(Array.from(headMean(values, 2, 2, 3).subarray(0, 9)), [1, 0, 0, 0.5, 0.5, 0, 0, 0, 1]);
  const R = rollout(values, 2, 2, 3);
  // Â1 = (A1 + I) / 2 = [[1,0,0],[.25,.75,0],[0,0,1]]  (rows of A + I sum to 2)
  assert.deepEqual(Array.from(R.subarray(0, 9)), [1, 0, 0, 0.25, 0.75, 0, 0, 0, 1]);
  // Â2 = [[.5,.5,0],[0,.5,.5],[.5,0,.5]];  R2 = Â2 · Â1:
  //   row 0 = .5·[1,0,0] + .5·[.25,.75,0] = [.625,.375,0]
  //   row 1 = .5·[.25,.75,0] + .5·[0,0,1] = [.125,.375,.5]
  //   row 2 = .5·[1,0,0] + .5·[0,0,1]     = [.5,0,.5]
  assert.deepEqual(Array.from(R.subarray(9, 18)), [0.625, 0.375, 0, 0.125, 0.375, 0.5, 0.5, 0, 0.5]);
});

test("spearman: ties get mean ranks; ±1 for (anti-)monotone; NaN when one side is constant", () => {
  assert.deepEqual(ranks([10, 30, 20, 30]), [1, 3.5, 2, 3.5]);
  close(spearman([1, 2, 3, 4], [10, 20, 35, 100]), 1, 1e-12, "monotone");
  close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, 1e-12, "reversed");
  // By hand: ranks a = [1,2,3,4,5], b = [2,1,4,3,5]; Σd² = 4 → ρ = 1 − 6·4/(5·24) = 0.8
  close(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]), 0.8, 1e-12, "one swap each side");
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
  assert.throws(() => spearman([1], [1, 2]), /1 and 2 items/);
});

test("gradient × input matches central finite differences on the tiny config", async () => {
  const cfg = { ...makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 }), initializer_range: 0.2 };
  const m = BertForSequenceClassification.create(cfg, 5);
  const enc = { ids: [2, 5, 13, 9, 16, 3] };       // [CLS] good movie bad … [SEP]
  const T = enc.ids.length;
  const before = tf.memory().numTensors;
  for (const target of [0, 1]) {
    const { scores, fx } = await gradientXInput(m, enc, target);
    assert.equal(scores.length, T);
    const E = wordEmbeddings(m, enc.ids);                                   // [T, H]
    const f = (t: number, scale: number) => tf.tidy(() => {
      const s = tf.tensor1d(enc.ids.map((_, i) => (i === t ? scale : 1)));
      return targetLogit(m, tf.expandDims(tf.mul(E, tf.expandDims(s, 1)), 0), enc, target).dataSync()[0];
    });
    close(f(0, 1), fx, 1e-5, "f(x)");
    // d/dε f(…, (1+ε)·e_t, …) at 0 is ∂f/∂e_t · e_t: exactly the token's gradient × input.
    const eps = 1e-2;
    let checked = 0;
    for (let t = 0; t < T; t++) {
      const numeric = (f(t, 1 + eps) - f(t, 1 - eps)) / (2 * eps);
      const rel = Math.abs(numeric - scores[t]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(scores[t]));
      assert.ok(rel < 2e-2, `target ${target}, token ${t}: analytic ${scores[t]} vs numeric ${numeric}`);
      if (Math.abs(scores[t]) > 1e-3) checked++;
    }
    assert.ok(checked >= T - 1, `most tokens have a gradient big enough to check (${checked}/${T})`);
    E.dispose();
  }
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  await assert.rejects(gradientXInput(m, enc, 2), /클래스는 0…1/);
  m.dispose();
});

const clf = await loadClassifier(dirReader("public/models/classifier"));

test("Integrated Gradients: the attributions sum to f(x) − f(baseline) within 1% (20 steps, shipped classifier)", async () => {
  const enc = clf.tokenizer.encode("배우들 연기가 정말 좋았고 음악도 감동적이었어요", { maxLen: 128 });
  const T = enc.ids.length;
  const before = tf.memory().numTensors;
  const seen: number[] = [];
  const ig = await integratedGradients(clf.model, enc, 1, { steps: 20, chunk: 6, baselineId: clf.tokenizer.padId, keep: [0, T - 1], onProgress: (p) => seen.push(p.done) });
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  assert.deepEqual(seen, [6, 12, 18, 20], "progress once a chunk");
  const gap = ig.fx - ig.fBaseline;
  assert.ok(Math.abs(gap) > 0.5, `the sentence moves the logit (gap ${gap})`);
  assert.ok(Math.abs(ig.error) <= 0.01 * Math.abs(gap), `completeness: Σ = ${ig.sum}, f(x) − f(b) = ${gap}`);
  close(ig.sum, ig.scores.reduce((a, b) => a + b, 0), 1e-5, "sum");
  // The baseline keeps [CLS]/[SEP]: their attributions are exactly 0 (x − b = 0 there).
  assert.equal(ig.scores[0], 0);
  assert.equal(ig.scores[T - 1], 0);
  // One step is the same as 20 only by luck: the quadrature error is real and gets smaller with steps.
  const one = await integratedGradients(clf.model, enc, 1, { steps: 1, baselineId: clf.tokenizer.padId, keep: [0, T - 1] });
  assert.ok(Math.abs(one.error) > Math.abs(ig.error), `1 step error ${one.error} vs 20 steps ${ig.error}`);
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(integratedGradients(clf.model, enc, 1, { baselineId: 0, signal: aborted.signal }));
  assert.equal(tf.memory().numTensors, before, "nothing left behind after an abort either");
});

test("explain: a review past 128 pieces is cut, says so, and every method runs on the cut input", async () => {
  const long = "배우들 연기는 좋았지만 이야기가 너무 길고 지루했다 ".repeat(20);
  const e = await explain(clf, long, { steps: 4 });
  assert.equal(e.tokens.length, 128);
  assert.ok(e.cut > 0 && e.fullLength === 128 + e.cut, `cut ${e.cut} of ${e.fullLength}`);
  assert.match(cutNotice(e)!, new RegExp(`뒷부분 ${e.cut}개를 잘랐습니다`));
  assert.equal(e.attention.length, e.layers * e.heads * 128 * 128);
  assert.equal(e.queries.length, e.layers * e.heads * 128 * e.headDim);
  assert.equal(e.methods!.length, 5);
  for (const m of e.methods!) {
    assert.equal(m.pieces.length, 128, m.id);
    assert.equal(m.words.length, e.words.length, m.id);
    assert.ok(m.pieces.every(Number.isFinite), m.id);
  }
  // The attention method's words are the sums of [CLS]'s row over the word's pieces: all of it is 1.
  close(e.methods![0].words.reduce((a, b) => a + b, 0), 1, 1e-5, "[CLS] row");
  const c = correlations(e, "words");
  assert.equal(c.n, e.words.filter((w) => !w.special).length);
  c.rho.forEach((row, i) => close(row[i], 1, 1e-9, "ρ(m, m)"));
  // Queries and keys reproduce the attention: softmax over j of q_i·k_j/√D for layer 0, head 0, query 0.
  const T = 128, D = e.headDim;
  const q = e.queries.subarray(0, D);
  const s = Array.from({ length: T }, (_, j) => q.reduce((a, v, d) => a + v * e.keys[j * D + d], 0) / Math.sqrt(D));
  const mx = Math.max(...s), ex = s.map((v) => Math.exp(v - mx)), z = ex.reduce((a, b) => a + b, 0);
  for (const j of [0, 5, 127]) close(ex[j] / z, e.attention[j], 1e-4, `neuron view reproduces attention [0][${j}]`);
  assert.equal(cutNotice({ ...e, cut: 0 }), null);
});
