// Chapter 6's honest baseline, held to its measurements:
//   - the learning-curve data the chapter draws (public/data/learning-curve.json) is the research script's record
//     (research/results/learning-curve.json): same evaluation set, same sizes and seeds, same accuracies;
//   - every number the prose quotes from it (<Q of="method:size">…%</Q>) is the data's mean, to one decimal;
//   - the chapter's TF-IDF cell, run here on the chapter's own trainSet/testSet (its config and prepare cells, run),
//     prints the accuracy the prose quotes (<Q of="cell:tfidf">), within 1.5 points of the script's 5,000 point.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as engine from "../../lib";
import { cellSource, runCellSource } from "./helpers/chapter-cell";
import { chapter6Setup } from "./helpers/chapter6";

const ROOT = path.join(import.meta.dirname, "../..");
const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, "public/data/learning-curve.json"), "utf8"));
const record = JSON.parse(fs.readFileSync(path.join(ROOT, "research/results/learning-curve.json"), "utf8"));
const chapter = fs.readFileSync(path.join(ROOT, "content/06-finetune.mdx"), "utf8");

interface Point { n: number; mean: number; min: number; max: number; seeds: number[] }
const points = (method: string): Point[] => shipped.methods[method].points;

test("the drawn data is the research record: one evaluation set, every size, 3 seeds up to 5,000", () => {
  assert.equal(shipped.evalSet.idsSha256, record.eval_set.ids_sha256);
  assert.equal(shipped.evalSet.n, 2000);
  const ids = fs.readFileSync(path.join(ROOT, "research/results/learning-curve-eval-ids.txt"));
  const hash = createHash("sha256").update(ids).digest("hex");
  assert.equal(hash, record.eval_set.ids_sha256, "the stored evaluation ids hash to the recorded hash");
  const sizes = [500, 1000, 2000, 5000, 10000, 20000, 50000, shipped.trainSetSize];
  for (const method of ["bert", "tfidf"]) {
    assert.deepEqual(points(method).map((p) => p.n), sizes, method);
    for (const p of points(method)) {
      assert.ok(p.min <= p.mean && p.mean <= p.max, `${method}@${p.n}: min ≤ mean ≤ max`);
      assert.equal(p.seeds.length, p.n <= 5000 ? 3 : 1, `${method}@${p.n}: seeds`);
      // The mean is the mean of the record's runs of this method, size and seeds.
      const runs = (record.runs as { method: string; size: number | string; n: number; seed: number; accuracy: number }[])
        .filter((r) => r.method === method && (r.n === p.n || (p.n === shipped.trainSetSize && r.size === "all")));
      assert.deepEqual(runs.map((r) => r.seed).sort(), [...p.seeds].sort(), `${method}@${p.n}: runs in the record`);
      const mean = runs.reduce((a, r) => a + r.accuracy, 0) / runs.length;
      assert.ok(Math.abs(mean - p.mean) < 1e-4, `${method}@${p.n}: ${mean} vs ${p.mean}`);
    }
  }
});

test("every number the prose quotes from the curve is the data's mean", () => {
  const quotes = [...chapter.matchAll(/<Q of="(bert|tfidf):(\d+|all)">([\d.]+)%<\/Q>/g)];
  assert.ok(quotes.length >= 6, `the baseline section quotes the curve (${quotes.length} quotes)`);
  for (const [, method, size, text] of quotes) {
    const n = size === "all" ? shipped.trainSetSize : Number(size);
    const p = points(method).find((x) => x.n === n);
    assert.ok(p, `${method}:${size} is in the data`);
    assert.equal(text, (p.mean * 100).toFixed(1), `${method}:${size}`);
  }
  for (const r of shipped.references ?? []) assert.ok(r.accuracy > 0.5 && r.accuracy < 1, r.name);
  // The shipped classifier's line: measured on the same 2,000 reviews (it has n), quoted as it is.
  const ref = (shipped.references as { n?: number; accuracy: number }[]).find((r) => r.n === shipped.evalSet.n);
  const quotedRef = chapter.match(/<Q of="ref:shipped">([\d.]+)%<\/Q>/);
  assert.ok(ref && quotedRef, "the prose quotes the shipped classifier on the same reviews");
  assert.equal(quotedRef[1], (ref.accuracy * 100).toFixed(1));
});

test("the chapter's TF-IDF cell prints the accuracy the prose quotes, within 1.5 points of the script's 5,000 point", { timeout: 120_000 }, async () => {
  // The reviews the chapter's prepare cell gives the TF-IDF cell (its own code, run in Node).
  const { trainSet, testSet } = await chapter6Setup();

  const printed: string[] = [];
  const show = { text: (...a: unknown[]) => printed.push(a.join(" ")) };
  await runCellSource(cellSource("06-finetune.mdx", "tfidf"), { engine, show, trainSet, testSet });
  const got = printed.join("\n").match(/정확도 ([\d.]+)%/);
  assert.ok(got, printed.join("\n"));
  const quoted = chapter.match(/<Q of="cell:tfidf">([\d.]+)%<\/Q>/);
  assert.ok(quoted, "the prose quotes the cell's accuracy");
  assert.equal(got[1], quoted[1], "the cell prints what the prose says");
  const script = points("tfidf").find((p) => p.n === 5000)!;
  assert.ok(Math.abs(Number(got[1]) - script.mean * 100) <= 1.5, `cell ${got[1]}% vs script ${(script.mean * 100).toFixed(1)}%`);
});
