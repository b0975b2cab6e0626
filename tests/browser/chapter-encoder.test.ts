// Chapter 3 (content/03-encoder.mdx): every cell runs in order on the shipped encoder, and each output
// shows the shapes and the "matches the model" checks the prose promises. Values are never asserted
// exactly (the shipped weights are interim); shapes, invariants and differences to the model are.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, outputPath, runInKernel, startSite, type Site } from "./harness";
import { checkPassed, mdxSolutions, runOk, sectionShots } from "./output-helpers";

const CHAPTER = "/learn/encoder";
const CELLS = ["load", "embed-manual", "embed-check", "capture", "qkv", "scores", "mask", "probs", "context", "multihead", "attn-output", "gelu", "ffn", "stack", "cls-finetune"];
let site: Site;

before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

/** Every "…차이: 1.23e-7" number in a cell's output. */
function diffs(out: string): number[] {
  return [...out.matchAll(/차이[^:]*:\s*([0-9.]+e[+-]?\d+)/g)].map((m) => Number(m[1]));
}

function assertSmallDiffs(out: string, count: number, tol = 1e-4) {
  const d = diffs(out);
  assert.equal(d.length, count, `expected ${count} differences in:\n${out}`);
  for (const v of d) assert.ok(Number.isFinite(v) && v < tol, `difference ${v} >= ${tol} in:\n${out}`);
}

test("chapter 3: every cell runs, shapes and model checks hold, solutions work, screenshot", async () => {
  const { page, problems, context } = await openPage(site, CHAPTER);
  const out: Record<string, string> = {};
  for (const id of CELLS) out[id] = await runOk(page, id);
  // The config table and the token chips.
  assert.match(out.load, /256/);
  assert.match(out.load, /\[CLS\]/);
  const T = (await runInKernel(page, "T")).text.trim();
  assert.match(T, /^\d+$/);
  const H = 256, A = 4, D = 64, I = 1024;

  assert.match(out["embed-manual"], new RegExp(`\\[${T},${H}\\]`));
  assert.match(out["embed-manual"], new RegExp(`\\[1,${T},${H}\\]`));
  assert.match(out["embed-manual"], /평균: (-?0\.000 ?)+\n/, "LayerNorm before γ/β: mean 0 per token");
  assert.match(out["embed-manual"], /분산: (1\.000 ?|0\.999 ?)+/);
  assertSmallDiffs(out["embed-check"], 1);

  assert.match(out.capture, new RegExp(`layer\\.0\\.attention\\.query\\s+\\[1, ${A}, ${T}, ${D}\\]`));
  assert.match(out.capture, new RegExp(`layer\\.0\\.attention\\.probs\\s+\\[1, ${A}, ${T}, ${T}\\]`));
  assert.match(out.capture, new RegExp(`layer\\.0\\.intermediate\\s+\\[1, ${T}, ${I}\\]`));

  assert.match(out.qkv, new RegExp(`\\[${H},${D}\\]`));
  assert.match(out.qkv, new RegExp(`\\[${T},${D}\\]`));
  assertSmallDiffs(out.qkv, 1);

  assertSmallDiffs(out.scores, 1);
  const stds = [...out.scores.matchAll(/\]\s+([0-9.]+)/g)].map((m) => Number(m[1]));
  assert.equal(stds.length, 2, out.scores);
  assert.ok(Math.abs(stds[0] / stds[1] - 8) < 0.01, `scaling divides the std by sqrt(D) = 8: ${stds}`);

  assert.match(out.mask, /-10000/);
  assert.match(out.mask, /NaN, NaN, NaN/, "an all -Infinity row gives NaN");
  assert.match(out.mask, /0\.3333, 0\.3333, 0\.3333/, "an all -10000 row stays finite");
  assert.match(out.mask, new RegExp(`\\[1, 1, 1, ${T}\\]`));

  assertSmallDiffs(out.probs, 1);
  assert.match(out.probs, new RegExp(`\\[1,${A},${T},${T}\\]`));
  assert.match(out.probs, /행 합: (1\.000 ?|0\.999 ?)+\n/);
  assert.equal(await page.locator('section.cell[data-cell-id="probs"] [data-testid="cell-output"] svg').count() > 0, true, "heatmap drawn");

  assertSmallDiffs(out.context, 1);
  assert.match(out.context, new RegExp(`\\[1,${T},${H}\\]`));

  assertSmallDiffs(out.multihead, 3);
  assert.match(out.multihead, new RegExp(`splitHeads\\(Q\\)\\s+\\[1,${A},${T},${D}\\]`));
  assert.match(out.multihead, new RegExp(`mergeHeads\\s+\\[1,${T},${H}\\]`));

  assertSmallDiffs(out["attn-output"], 1);
  assert.match(out.gelu, /GELU\(-1\) = -0\.158\d, GELU\(1\) = 0\.841\d/);
  assertSmallDiffs(out.ffn, 2);
  assert.match(out.ffn, new RegExp(`\\[1,${T},${I}\\]`));

  assert.match(out.stack, /은닉 상태 5개/);
  const stackRows = out.stack.split("\n").filter((l) => /^\s*[1-4]\s/.test(l));
  assert.equal(stackRows.length, 4, out.stack);
  for (const row of stackRows) {
    const [diff] = row.match(/\d\.\de[+-]\d+/) ?? [];
    assert.ok(diff !== undefined && Number(diff) < 1e-4, `layer row: ${row}`);
  }

  // cls-finetune: the pretrained encoder's last-layer [CLS] hardly separates the two sentiments; the fine-tuned
  // classifier's does (measured in Node: encoder 0.69 / 0.56, classifier 0.76 / -0.67).
  const cosines = [...out["cls-finetune"].matchAll(/같은 감정끼리 cos (-?[0-9.]+), 다른 감정끼리 cos (-?[0-9.]+)/g)]
    .map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(cosines.length, 2, out["cls-finetune"]);
  const [[encSame, encOther], [clfSame, clfOther]] = cosines;
  assert.ok(clfOther < 0, `fine-tuned: different sentiments point apart (${clfOther})`);
  assert.ok(clfSame - clfOther > 2 * (encSame - encOther), `fine-tuning separates [CLS]: ${cosines}`);

  // The exercises' solutions run in the same kernel; the padding one must agree with the unpadded [CLS].
  const [byHand, heads, padding] = mdxSolutions("content/03-encoder.mdx");
  const r0 = await runInKernel(page, byHand);
  assert.ok(r0.ok && checkPassed(r0.items), r0.text);
  const r1 = await runInKernel(page, heads);
  assert.ok(r1.ok, r1.text);
  assert.equal(r1.items.filter((it) => it.kind === "chart").length, 4, "one heatmap per head");
  assert.ok(checkPassed(r1.items), r1.text);
  const r2 = await runInKernel(page, padding);
  assert.ok(r2.ok, r2.text);
  assert.ok(checkPassed(r2.items), r2.text);
  // With the mask the padded [CLS] equals the unpadded one; without it, it does not.
  const masked = Number(/마스크 0: 차이 ([0-9.e+-]+)/.exec(r2.text)?.[1]);
  const unmasked = Number(/마스크 1: 차이 ([0-9.e+-]+)/.exec(r2.text)?.[1]);
  assert.ok(masked < 1e-4 && unmasked > 1e-2, r2.text);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: outputPath("chapter-encoder.png"), fullPage: true });
  await sectionShots(page, "chapter-encoder");
  assert.deepEqual(problems(), []);
  await context.close();
});
