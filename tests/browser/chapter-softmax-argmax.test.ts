// Chapter 5 (content/05-softmax-argmax.mdx) in a real browser: every cell in order with an assertion on
// each output, the temperature slider driven by the keyboard, no console errors, a full-page screenshot.
// The classifier's weights are interim: only obvious reviews and ranges are asserted. Needs `npm run build`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { cellSel, openPage, outputPath, runInKernel, startSite, type Site } from "./harness";
import { chartRects, checkPassed, kernelTable, numberAfter, runOk, solutionCodes, tableRows } from "./output-helpers";

const CHAPTER = "/learn/softmax-argmax";
let site: Site;

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const sliderProbs = (page: Page) =>
  page.locator('[data-testid="temperature-slider"] g[data-prob]').evaluateAll((gs) => gs.map((g) => Number((g as HTMLElement).dataset.prob)));
const sliderT = async (page: Page) => Number(await page.locator('[data-testid="temperature-slider"]').getAttribute("data-temperature"));

describe("chapter 5: 소프트맥스와 argmax", () => {
  test("every cell runs, in order, and shows what the prose says; the slider works from the keyboard", { timeout: 10 * 60_000 }, async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    const cells = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    assert.deepEqual(cells, ["argmax-flat", "argmax-axis", "argmax-bug", "softmax-monotonic", "temperature", "cross-entropy", "load-classifier", "classify-review", "classify-batch", "ex-unsure", "ex-unflatten"]);

    // The slider is server-rendered and works before any cell runs: keyboard only.
    const slider = page.locator('[data-testid="temperature-slider"] input[type="range"]');
    await slider.scrollIntoViewIfNeeded();
    assert.equal(await sliderT(page), 1);
    const atOne = await sliderProbs(page);
    assert.equal(atOne.length, 4);
    assert.ok(Math.abs(atOne.reduce((a, b) => a + b, 0) - 1) < 1e-3);
    await slider.focus();
    await page.keyboard.press("Home");
    assert.equal(await sliderT(page), 0.1);
    const sharp = await sliderProbs(page);
    assert.ok(sharp[0] > 0.99, `T=0.1 puts almost everything on the largest logit: ${sharp}`);
    await page.keyboard.press("End");
    assert.equal(await sliderT(page), 5);
    const flat = await sliderProbs(page);
    assert.ok(flat[0] < atOne[0] && flat[0] < 0.45 && flat[3] > atOne[3], `T=5 flattens: ${flat}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
    assert.equal(await sliderT(page), 4.7);
    await page.locator('[data-testid="temperature-slider"] button', { hasText: "T=1" }).click();
    assert.equal(await sliderT(page), 1);

    // argmax-flat: the flat index 13 and its row/column.
    const flatOut = await runOk(page, "argmax-flat");
    assert.equal(numberAfter(flatOut, "펼친 텐서의 argmax ="), 13);
    assert.match(flatOut, /행 = floor\(13 \/ 4\) = 3, 열 = 13 % 4 = 1/);
    assert.match(flatOut, /axis 0[\s\S]*?shape=\[4\][\s\S]*?\[1, 3, 0, 1\]/);

    // argmax-axis: axis 1 gives one label per review, axis 0 one review per class.
    const axisOut = await runOk(page, "argmax-axis");
    assert.match(axisOut, /argMax\(축 1\) 모양 \[4\]: \[1, 0, 1, 0\]/);
    assert.match(axisOut, /argMax\(축 0\) 모양 \[2\]: \[1, 0\]/);
    assert.deepEqual((await tableRows(page, "argmax-axis")).map((r) => r[1] === r[2]), [true, true, true, true]);

    // argmax-bug: dim=0 "accuracy" changes with the batch; the class axis is always right here.
    await runOk(page, "argmax-bug");
    const bug = await tableRows(page, "argmax-bug");
    assert.equal(bug.length, 4);
    assert.deepEqual(bug.map((r) => r[3]), ["1.00", "0.50", "0.50", "비교 불가 (예측 2개, 정답 4개)"]);
    assert.deepEqual(bug.map((r) => r[5]), ["1.00", "1.00", "1.00", "1.00"]);

    // softmax-monotonic: never changes the argmax; naive exp overflows, the stable one does not.
    const monoOut = await runOk(page, "softmax-monotonic");
    assert.match(monoOut, /다른 행: 0 \/ 10000/);
    const soft = await tableRows(page, "softmax-monotonic");
    assert.match(soft[0][1], /NaN/);
    assert.equal(soft[1][1], "0.8808, 0.1192");
    assert.equal(soft[2][1], "0.8808, 0.1192");

    // temperature: same argmax at every T, sharper below 1, flatter above.
    await runOk(page, "temperature");
    const temps = await tableRows(page, "temperature");
    assert.deepEqual(temps.map((r) => r[0]), ["0.1", "0.5", "1", "2", "5"]);
    assert.deepEqual(temps.map((r) => r[5]), ["0", "0", "0", "0", "0"]);
    const topProb = temps.map((r) => Number(r[1]));
    for (let i = 1; i < topProb.length; i++) assert.ok(topProb[i] < topProb[i - 1], `${topProb}`);
    assert.ok(topProb[0] > 0.99);
    assert.ok((await chartRects(page, "temperature")) >= 20, "5 × 4 heatmap");

    // cross-entropy: 2 logits + softmax + CE = 1 logit (z1 - z0) + sigmoid + BCE, row by row and in the loss.
    const ceOut = await runOk(page, "cross-entropy");
    const pRows = await tableRows(page, "cross-entropy");
    assert.equal(pRows.length, 3);
    for (const [, viaSoftmax, viaSigmoid] of pRows) assert.equal(viaSoftmax, viaSigmoid);
    const losses = /교차 엔트로피 ([\d.]+) = 이진 교차 엔트로피 ([\d.]+)/.exec(ceOut);
    assert.ok(losses, ceOut);
    assert.equal(losses[1], losses[2]);
    assert.ok(Math.abs(Number(losses[1]) - 0.475549) < 1e-5, `mean CE ${losses[1]}`);

    // The shipped classifier: labels, one obvious positive review, a batch of obvious ones.
    assert.match(await runOk(page, "load-classifier"), /레이블: 0 = 부정, 1 = 긍정/);
    const reviewOut = await runOk(page, "classify-review");
    assert.match(reviewOut, /① 로짓 \[1, 2\][\s\S]*shape=\[1, 2\]/);
    assert.match(reviewOut, /③ argmax\(클래스 축\) = 1 → 긍정/);
    const probs = /② softmax[\s\S]*?\[\[([-\d.e]+),\s*([-\d.e]+)\]\]/.exec(reviewOut);
    assert.ok(probs, reviewOut);
    const [p0, p1] = [Number(probs[1]), Number(probs[2])];
    assert.ok(p1 > p0 && Math.abs(p0 + p1 - 1) < 1e-4, `${p0} ${p1}`);
    assert.equal(await chartRects(page, "classify-review"), 2);

    const batchOut = await runOk(page, "classify-batch");
    const rows = await tableRows(page, "classify-batch");
    assert.equal(rows.length, 4);
    for (const r of rows) {
      const p = Number(r[2]);
      assert.ok(p > 0 && p < 1);
      assert.equal(r[3], p > 0.5 ? "긍정" : "부정", "the label is the argmax of the probabilities");
    }
    assert.equal(rows[0][3], "긍정", "an obvious positive review");
    assert.equal(rows[1][3], "부정", "an obvious negative review");
    assert.ok(numberAfter(batchOut, "축 1 정확도") >= 3, batchOut);
    assert.match(batchOut, /축 0의 답 \(모양 \[2\]\)/);

    // The exercises' solutions, in the same kernel.
    const [unsure, unravel] = await solutionCodes(page);
    const ex1 = await runInKernel(page, unsure);
    assert.ok(ex1.ok, ex1.text);
    const dist = kernelTable(ex1.items).map((r) => Number(r[2]));
    assert.equal(dist.length, 4, "one row per review");
    assert.ok(checkPassed(ex1.items), ex1.text);
    const ex2 = await runInKernel(page, unravel);
    assert.ok(ex2.ok, ex2.text);
    assert.ok(checkPassed(ex2.items), ex2.text);
    assert.match(ex2.text, /i = 13 → \[2,3\]/, "seed 5's maximum: row 2, column 3");

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: outputPath("chapter-softmax-argmax.png"), fullPage: true });
    await page.locator(cellSel("classify-batch")).screenshot({ path: outputPath("chapter-softmax-argmax-classify-batch.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
