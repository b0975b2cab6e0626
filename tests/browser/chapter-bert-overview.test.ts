// Chapter 1 (content/01-bert-overview.mdx) in a real browser: every cell in order, an assertion on each
// cell's output, no console errors, and a full-page screenshot. The shipped weights are interim, so
// nothing here depends on which tokens the model predicts: only on shapes, ranges and order.
// Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { cellSel, openPage, outputPath, ROOT, runInKernel, startSite, type Site } from "./harness";
import { checkPassed, chipKinds, kernelTable, runOk, solutionCodes, tableRows } from "./output-helpers";
import { configFromJSON, makeConfig, parameterCount } from "../../lib/model";

const CHAPTER = "/learn/bert-overview";
let site: Site;

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const run = (page: Page, id: string) => runOk(page, id);

describe("chapter 1: BERT 한눈에 보기", () => {
  test("every cell runs, in order, and shows what the prose says", { timeout: 10 * 60_000 }, async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    const cells = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    assert.deepEqual(cells, ["load-lm", "fill-mask", "bidirectional", "mlm-data", "pair", "head-size", "ex-fill-two", "ex-large-size"]);

    // load-lm: the shipped config, counted like PyTorch.
    await run(page, "load-lm");
    const config = configFromJSON(JSON.parse(fs.readFileSync(path.join(ROOT, "public/models/encoder/config.json"), "utf8")));
    const rows = await tableRows(page, "load-lm");
    assert.equal(rows.length, 2);
    assert.match(rows[0].join(" "), new RegExp(`우리 BERT-mini ${config.num_hidden_layers} ${config.hidden_size} ${config.num_attention_heads}`));
    assert.ok(rows[0].includes(parameterCount(config).toLocaleString("ko-KR")), `parameter count in ${rows[0]}`);
    assert.ok(rows[1].includes(parameterCount(configFromJSON({})).toLocaleString("ko-KR")), "BERT-base row");

    // fill-mask: top-k sorted, probabilities in (0, 1], a bar per candidate, the [MASK] chip.
    const fillOut = await run(page, "fill-mask");
    const top = await tableRows(page, "fill-mask");
    assert.equal(top.length, 8);
    const probs = top.map((r) => Number(r[3]));
    for (const p of probs) assert.ok(p > 0 && p <= 1, `probability ${p}`);
    for (let i = 1; i < probs.length; i++) assert.ok(probs[i] <= probs[i - 1], `sorted: ${probs}`);
    assert.deepEqual(top.map((r) => Number(r[0])), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(await page.locator(cellSel("fill-mask")).locator('[data-testid="chart"] svg rect').count(), 8);
    assert.ok((await chipKinds(page, "fill-mask", 0)).includes("mask"));
    const sum = Number(/상위 8개 확률의 합: ([\d.]+)/.exec(fillOut)?.[1]);
    assert.ok(sum > 0 && sum <= 1.0005, `sum ${sum}`);

    // bidirectional: the words after [MASK] change the distribution.
    const biOut = await run(page, "bidirectional");
    const tv = Number(/총변동 거리: ([\d.]+)/.exec(biOut)?.[1]);
    assert.ok(tv > 0 && tv <= 1, `total variation ${tv}`);
    assert.equal((await tableRows(page, "bidirectional")).length, 2);

    // mlm-data: same length in and out, masked rows say [MASK], every target differs or is kept on purpose.
    const mlmOut = await run(page, "mlm-data");
    const original = await chipKinds(page, "mlm-data", 0);
    const input = await chipKinds(page, "mlm-data", 1);
    assert.equal(input.length, original.length);
    const targets = await tableRows(page, "mlm-data");
    assert.ok(targets.length >= 1);
    for (const [, , given, rule] of targets) if (rule === "[MASK]로") assert.equal(given, "[MASK]");
    assert.equal(input.filter((k) => k === "mask").length, targets.filter((r) => r[3] === "[MASK]로").length);
    assert.match(mlmOut, new RegExp(`토큰 ${original.length - 2}개 중 ${targets.length}개`));
    // The chapter says its seed shows all three rules (80/10/10) at once.
    assert.deepEqual([...new Set(targets.map((r) => r[3]))].sort(), ["[MASK]로", "그대로", "아무 토큰으로"]);

    // pair: [CLS] A [SEP] B [SEP], token types 0…0 1…1.
    await run(page, "pair");
    const pairKinds = await chipKinds(page, "pair", 0);
    assert.equal(pairKinds.filter((k) => k === "special").length, 3);
    const types = (await tableRows(page, "pair"))[0][0].split(" ").map(Number);
    assert.equal(types.length, pairKinds.length);
    assert.match(types.join(""), /^0+1+$/);
    assert.ok((await page.locator(cellSel("pair")).innerText()).includes("t1"));

    // head-size: the encoder file has no pooler, so pooler (H² + H) and classifier (H × 2 + 2) are new: about 1 %.
    const headOut = await run(page, "head-size");
    assert.match(headOut, /pooler 가중치가 있나: 아니오/);
    const H = config.hidden_size;
    const parts = await tableRows(page, "head-size");
    assert.ok(parts[1].includes((H * H + H).toLocaleString("ko-KR")), `pooler row ${parts[1]}`);
    assert.ok(parts[2].includes((H * 2 + 2).toLocaleString("ko-KR")), `classifier row ${parts[2]}`);
    const share = Number(/새 파라미터의 비율: ([\d.]+)%/.exec(headOut)?.[1]);
    assert.ok(share > 1 && share < 1.1, `share ${share}%`);
    const baseShare = Number(/bert-base-uncased라면 새 파라미터는 [\d,]+개, ([\d.]+)%/.exec(headOut)?.[1]);
    assert.ok(baseShare > 0 && baseShare < 0.01, `bert-base share ${baseShare}%`);

    // The exercises' solutions run in the same kernel, as a reader would paste them.
    const [twoMasks, large] = await solutionCodes(page);
    const ex1 = await runInKernel(page, twoMasks);
    assert.ok(ex1.ok, ex1.text);
    assert.equal(kernelTable(ex1.items).length, 2, "one row per [MASK]");
    assert.ok(checkPassed(ex1.items), ex1.text);
    const ex2 = await runInKernel(page, large);
    assert.ok(ex2.ok, ex2.text);
    assert.match(ex2.text, new RegExp(`BERT-large: ${parameterCount(makeConfig("large")).toLocaleString("ko-KR")}개, 우리 모델의 5\\d배`));
    assert.ok(checkPassed(ex2.items), ex2.text);

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: outputPath("chapter-bert-overview.png"), fullPage: true });
    // Chromium's full-page capture repeats the top beyond ~8,000 px: the last cell on its own.
    await page.locator(cellSel("head-size")).screenshot({ path: outputPath("chapter-bert-overview-head-size.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
