// "BERT 해부도" (components/anatomy): the trace it draws is the engine's own forward pass, block by block; the
// example shown before the reader types is current; every block links to a cell that exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { loadClassifier } from "../../lib/pipeline";
import { dirReader } from "../../lib/train/node";
import { traceSentence, TRACE_DIMS, type Trace } from "../../lib/explain/trace";
import { blockText } from "../../components/anatomy/blocks";
import { extractCells } from "../../scripts/cells/extract";
import { EXAMPLE_FILE, EXAMPLE_TEXT } from "../../scripts/anatomy-example";
import { setupNodeBackend } from "../../scripts/node-backend";

await setupNodeBackend("cpu");
const clf = await loadClassifier(dirReader("public/models/classifier"));
const TOL = 1e-4;

function near(a: number[], b: number[], what: string) {
  assert.equal(a.length, b.length, `${what}: length`);
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) <= TOL, `${what}[${i}]: ${x} vs ${b[i]}`));
}

test("every block's numbers are the engine's hidden states, pooled vector, logits and probabilities (1e-4)", async () => {
  const text = "배우들 연기는 좋았는데 이야기가 너무 지루했다";
  const t = await traceSentence(clf, text);
  const enc = clf.tokenizer.encode(text);
  const T = enc.ids.length, H = clf.model.config.hidden_size, L = clf.model.config.num_hidden_layers;
  assert.deepEqual(t.tokens, enc.tokens);
  assert.deepEqual(t.blocks.map((b) => b.id), ["tokens", "embeddings", ...Array.from({ length: L }, (_, l) => [`layer${l + 1}.attention`, `layer${l + 1}.ffn`]).flat(), "cls", "pooler", "classifier", "softmax"]);

  // An independent path: forward() with outputHidden gives the embeddings and every layer's output.
  const out = tf.tidy(() => {
    const o = clf.model.forward({ inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T }, { outputHidden: true });
    return [...o.hidden!, o.pooled!, o.logits];
  });
  const arrays = (await Promise.all(out.map((x) => x.array()))) as number[][][][];
  tf.dispose(out);
  const hidden = arrays.slice(0, L + 1).map((h) => h[0]);      // [T][H] each
  const pooled = (arrays[L + 1] as unknown as number[][])[0], logits = (arrays[L + 2] as unknown as number[][])[0];
  const first = (rows: number[][]) => rows.map((r) => r.slice(0, TRACE_DIMS));
  const block = (id: string) => t.blocks.find((b) => b.id === id)!;
  first(hidden[0]).forEach((r, i) => near(block("embeddings").rows[i], r, `embeddings row ${i}`));
  for (let l = 1; l <= L; l++) first(hidden[l]).forEach((r, i) => near(block(`layer${l}.ffn`).rows[i], r, `layer ${l} row ${i}`));
  near(block("cls").rows[0], hidden[L][0].slice(0, TRACE_DIMS), "[CLS]");
  near(block("pooler").rows[0], pooled.slice(0, TRACE_DIMS), "pooler");
  near(block("classifier").rows[0], logits, "logits");
  const probs = (await clf.model.predictProba({ inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T }))[0];
  near(t.probs, probs, "probabilities");
  assert.equal(t.prediction, probs.indexOf(Math.max(...probs)));
  for (const b of t.blocks) if (b.kind === "attention") {
    assert.deepEqual(b.shape, [T, H]);
    b.heads!.forEach((h, a) => h.forEach((row, q) => assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 5e-3, `${b.id} head ${a} row ${q} sums to 1`)));
    // The attention block's output is after add & norm, not the FFN's: it differs from the layer's output.
    assert.notDeepEqual(b.rows, block(`layer${b.layer}.ffn`).rows);
  }
});

test(`the example shown before the reader types is current (else: npm run anatomy-example)`, async () => {
  const shipped = JSON.parse(fs.readFileSync(EXAMPLE_FILE, "utf8")) as Trace;
  assert.equal(shipped.text, EXAMPLE_TEXT);
  const fresh = await traceSentence(clf, EXAMPLE_TEXT);
  const stale = `${EXAMPLE_FILE} is stale (the model or the trace changed): run npm run anatomy-example`;
  assert.deepEqual(shipped.tokens, fresh.tokens, stale);
  assert.deepEqual(shipped.blocks.map((b) => b.id), fresh.blocks.map((b) => b.id), stale);
  shipped.blocks.forEach((b, k) => b.rows.forEach((r, i) => near(r, fresh.blocks[k].rows[i], `${stale}: ${b.id} row ${i}`)));
  near(shipped.probs, fresh.probs, stale);
  assert.ok(shipped.made?.date, "the example says when it was computed");
  // It ships in the home page's HTML: keep it small.
  assert.ok(fs.statSync(EXAMPLE_FILE).size < 20_000, `${EXAMPLE_FILE} is ${fs.statSync(EXAMPLE_FILE).size} bytes`);
});

test("every block links to a cell that exists in its chapter", () => {
  const shipped = JSON.parse(fs.readFileSync(EXAMPLE_FILE, "utf8")) as Trace;
  const files = fs.readdirSync("content").filter((f) => f.endsWith(".mdx"));
  for (const b of shipped.blocks) {
    const { href } = blockText(b.kind, shipped, b.layer).link;
    const m = /^\/learn\/([a-z-]+)#cell-(.+)$/.exec(href);
    assert.ok(m, `${b.id}: ${href}`);
    const file = files.find((f) => f.replace(/^\d+-/, "").replace(/\.mdx$/, "") === m[1]);
    assert.ok(file, `${b.id}: no chapter ${m[1]}`);
    const ids = extractCells(fs.readFileSync(`content/${file}`, "utf8"), file).map((c) => c.id);
    assert.ok(ids.includes(m[2]), `${b.id}: ${file} has no cell ${m[2]}`);
  }
});

test("a piece the vocabulary lacks ([UNK]) is labelled with what the reader typed", async () => {
  const t = await traceSentence(clf, "최고 😂 영화");
  const enc = clf.tokenizer.encode("최고 😂 영화");
  assert.ok(enc.tokens.includes(clf.tokenizer.specials.unk), `the emoji is [UNK]: ${enc.tokens.join(" ")}`);
  assert.deepEqual(t.tokens, enc.tokens.map((s) => (s === clf.tokenizer.specials.unk ? "😂" : s)));
});
