// Chapter 8 (content/08-bring-your-bert.mdx) in a real browser: every cell on the shipped HF-format stand-in,
// the exported files read back, and a reader's own folder given to the folder picker (setInputFiles).
// Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cellCode, cellOutputText, cellSel, openPage, outputPath, ROOT, runInKernel, startSite, typeIntoCell, waitForStatus, type Site } from "./harness";
import { chips, runOk, tableRows } from "./output-helpers";

let site: Site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

describe("chapter 8: 교재의 모델로 해 보기", () => {
  test("every cell runs on the shipped tiny HF model; the reader's folder loads through the picker", { timeout: 20 * 60_000 }, async () => {
    const { page, problems } = await openPage(site, "/learn/bring-your-bert");
    const cells = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    assert.deepEqual(cells, [
      "hf-load", "jamo", "preflight", "hf-prepare", "hf-finetune", "hf-compare", "hf-time", "hf-export", "hf-hub", "hf-hub-load", "hf-yours",
      "ex-scratch", "ex-roundtrip",
    ]);

    // hf-load: HF's report of a BertForMaskedLM checkpoint with gamma/beta names loaded as a classifier.
    const load = await runOk(page, "hf-load");
    assert.match(load, /a BertForMaskedLM checkpoint \(model\.safetensors, 46 F16\), loaded as BertForSequenceClassification/);
    assert.match(load, /newly initialised: classifier\.weight, classifier\.bias/);
    assert.match(load, /not used by BertForSequenceClassification: .*cls\.seq_relationship\.weight/);

    // jamo: the uncased tokenizer sees jamo, ours syllable pieces; the uncased one is longer on NSMC.
    await runOk(page, "jamo");
    const uncased = await chips(page, "jamo", 0);
    const ours = await chips(page, "jamo", 1);
    assert.ok(uncased.some((c) => /^(##)?[\u1100-\u11ff]$/u.test(c.text)), "jamo pieces");
    assert.ok(!ours.some((c) => /[\u1100-\u11ff]/u.test(c.text)), "no jamo in ours");
    assert.ok(uncased.length > 2 * ours.length, `${uncased.length} vs ${ours.length} pieces`);
    const lengths = await tableRows(page, "jamo");
    assert.ok(Number(lengths[0][1]) > 2 * Number(lengths[1][1]), `mean length ${lengths[0][1]} vs ${lengths[1][1]}`);

    // preflight: four plans with totals; the small model fits.
    await runOk(page, "preflight");
    const plans = await tableRows(page, "preflight");
    assert.equal(plans.length, 4);
    assert.equal(plans[0][plans[0].length - 1], "들어감");

    // hf-prepare, hf-finetune and hf-compare: the same loop, and a comparison on the same 500 reviews with our
    // pretrained encoder fine-tuned on the same 1,000 reviews in the cell (65.8% in Node's tfjs-wasm) and the shipped classifier.
    await runOk(page, "hf-prepare", 2 * 60_000);
    await runOk(page, "hf-finetune", 10 * 60_000);
    assert.match(await page.locator(cellSel("hf-finetune")).locator('[data-testid="progress"]').innerText(), /완료/);
    await runOk(page, "hf-compare", 5 * 60_000);
    const cmp = await tableRows(page, "hf-compare");
    const acc = cmp.map((r) => Number(r[1].replace("%", "")));
    assert.equal(cmp.length, 3);
    assert.ok(acc[2] > 70, `shipped classifier ${acc[2]}%`);
    assert.ok(acc[1] > 55, `our encoder, same budget ${acc[1]}%`);
    assert.ok(acc[0] >= 0 && acc[0] <= 100);

    // hf-time: a bert-base step timed on 1- and 2-layer copies, extrapolated to 12 layers and to an NSMC epoch.
    await runOk(page, "hf-time", 5 * 60_000);
    const time = await tableRows(page, "hf-time");
    const sec = (row: number) => Number(time[row][1].replace("초", ""));
    assert.ok(sec(1) > 0 && sec(2) > 0, `${time[1]} ${time[2]}`);
    assert.ok(Math.abs(sec(3) - (sec(1) + 11 * Math.max(0, sec(2) - sec(1)))) < 0.2, `extrapolated: ${time.map((r) => r[1]).join(" | ")}`);
    assert.match(time[4][0], /NSMC 1 에포크 \(9,375 스텝\)/);

    // hf-export: five files offered; the config carries the labels.
    const exp = await runOk(page, "hf-export");
    const links = await page.locator(cellSel("hf-export")).locator("a[download]").evaluateAll((as) => as.map((a) => a.getAttribute("download")));
    assert.deepEqual(links.sort(), ["config.json", "model.safetensors", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt"]);
    assert.match(exp, /\{"0":"부정","1":"긍정"\}/);

    // hf-hub: nothing leaves the site until the reader says so; "그만두기" ends the cell with no request.
    await page.locator(cellSel("hf-hub")).locator("button.btn-run").click();
    await page.locator(cellSel("hf-hub")).locator('[data-testid="confirm-no"]').click({ timeout: 60_000 });
    assert.equal(await waitForStatus(page, "hf-hub", ["ok", "error"], 60_000), "ok", await cellOutputText(page, "hf-hub"));
    assert.match(await cellOutputText(page, "hf-hub"), /huggingface\.co에 묻습니다\. 이 요청은 이 사이트 밖으로 나갑니다\. → 그만두기/);

    // hf-yours: the reader picks a folder's files (here: a sharded HF checkpoint) and the cell loads it.
    await page.locator(cellSel("hf-yours")).locator("button.btn-run").click();
    const input = page.locator(cellSel("hf-yours")).locator('[data-testid="upload-files"]');
    await input.waitFor({ state: "attached", timeout: 60_000 });
    const dir = path.join(ROOT, "tests/fixtures/hf/sharded");
    await input.setInputFiles(fs.readdirSync(dir).filter((f) => f !== "expected.json").map((f) => path.join(dir, f)));
    assert.equal(await waitForStatus(page, "hf-yours", ["ok", "error"], 120_000), "ok", await cellOutputText(page, "hf-yours"));
    const yours = await cellOutputText(page, "hf-yours");
    assert.match(yours, /a BertForSequenceClassification checkpoint \(model-00001-of-00002\.safetensors, model-00002-of-00002\.safetensors, \d+ F32\)/);
    assert.match(yours, /It fits|does not fit/);
    assert.match(await page.locator(cellSel("hf-yours")).locator('[data-testid="upload"]').innerText(), /받은 파일: 7개/);

    // Out of memory in the middle of training (injected at step 25 of an edited hf-finetune): explained with the
    // preflight's numbers, and the checkpoint of step 20 stays in IndexedDB and loads.
    const oomCode = (await cellCode(page, "hf-finetune"))
      .replace("onProgress(e) {", 'onProgress(e) {\n      if (e.step === 25) throw new Error("Failed to allocate 1.17 GB on the GPU: out of memory");');
    assert.notEqual(oomCode, await cellCode(page, "hf-finetune"));
    await typeIntoCell(page, "hf-finetune", oomCode);
    await page.locator(cellSel("hf-finetune")).locator("button.btn-run").click();
    assert.equal(await waitForStatus(page, "hf-finetune", ["ok", "error"], 10 * 60_000), "error");
    const oom = await cellOutputText(page, "hf-finetune");
    assert.match(oom, /Training ran out of memory \(Failed to allocate 1\.17 GB on the GPU: out of memory\)\. batch 16 x length 128 on \w+: weights [\d.]+ [KMG]?i?B/);
    assert.match(oom, /마지막 체크포인트: IndexedDB 'hf-slice', 스텝 20\./);
    assert.match(await page.locator(cellSel("hf-finetune")).locator('[data-testid="progress"]').innerText(), /메모리 부족으로 멈췄습니다/);
    const ckpt = await runInKernel(page, 'const c = await engine.loadCheckpoint(new engine.IndexedDBStorage(), "hf-slice"); c.model.dispose(); c.optimizer.dispose(); `${c.state.step}/${c.state.totalSteps}`');
    assert.equal(ckpt.text, "20/63", ckpt.text);

    await page.screenshot({ path: outputPath("chapter-bring-your-bert.png"), fullPage: true });
    assert.deepEqual(problems().filter((p) => !/favicon/.test(p)), []);
  });
});
