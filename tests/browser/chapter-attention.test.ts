// Chapter 7 (내 문장의 어텐션 지도) in headless Chromium: every cell in order, with an assertion on each output;
// then the chapter-6 checkpoint path (a checkpoint saved to IndexedDB is picked up by the load cell).
// Needs `npm run build` first. Holds for any reasonable classifier: shapes, sums and structure, no exact numbers.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { cellCode, cellOutputText, cellSel, openPage, outputPath, runCell, runInKernel, startSite, typeIntoCell, waitForEditor, type Site } from "./harness";

const CHAPTER = "/learn/attention";
let site: Site;
let config: { num_hidden_layers: number; num_attention_heads: number; max_position_embeddings: number };

before(async () => {
  site = await startSite();
  config = await (await fetch(`${site.url}/models/classifier/config.json`)).json();
});
after(async () => {
  await site?.close();
});

async function run(page: Page, id: string): Promise<string> {
  const status = await runCell(page, id, { timeout: 180_000 });
  const out = await cellOutputText(page, id);
  assert.equal(status, "ok", `cell ${id} failed:\n${out}`);
  return out;
}

const attentionIn = (page: Page, id: string) => page.locator(cellSel(id)).locator('[data-testid="attention"]');

/** Downloads one view through its SVG or PNG button: the file's bytes. */
async function saved(page: Page, section: Locator, kind: "svg" | "png"): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId(`att-save-${kind}`).first().click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/**
 * The views engine.explain adds, on one panel: word/piece toggle, summaries (rollout and head mean), the five
 * explanations with ρ and IG's completeness, the neuron view reproducing the matrix's number, and downloads.
 */
async function checkExplanationViews(page: Page, panel: Locator, word: string): Promise<void> {
  await panel.waitFor();
  assert.equal(await panel.getAttribute("data-unit"), "words");
  const T = Number(await panel.getAttribute("data-tokens")), W = Number(await panel.getAttribute("data-words"));
  assert.ok(W > 0 && W <= T, `words ${W} ≤ pieces ${T}`);
  const bars = panel.getByTestId("att-explain-bars");
  assert.equal(await bars.locator(".att-bar-col").count(), 5, "five methods side by side");
  assert.equal(await bars.locator(".att-bar-label").count(), W);
  assert.ok((await bars.locator(".att-bar-label").allTextContents()).some((t) => t.includes(word)), `the word ${word} is whole`);
  const check = panel.getByTestId("att-ig-check");
  const err = Number(await check.getAttribute("data-error")), gap = Number(await check.getAttribute("data-gap"));
  assert.ok(Math.abs(err) <= 0.01 * Math.abs(gap), `IG completeness in the page: error ${err}, gap ${gap}`);
  assert.equal(await panel.getByTestId("att-rho").locator("tbody tr").count(), 5);
  // Pieces: every view follows the toggle.
  await panel.getByTestId("att-unit-pieces").click();
  assert.equal(await panel.getAttribute("data-unit"), "pieces");
  assert.equal(await bars.locator(".att-bar-label").count(), T);
  assert.equal(await panel.locator('[data-testid="att-head-view"] .att-token[data-side="query"]').count(), T);
  await panel.getByTestId("att-unit-words").click();
  assert.equal(await panel.locator('[data-testid="att-head-view"] .att-token[data-side="query"]').count(), W);
  // Summaries: rollout by default, head mean on a click; both with [CLS] bars.
  const summary = panel.getByTestId("att-summary");
  assert.equal(await summary.getAttribute("data-kind"), "rollout");
  assert.equal(await summary.getByTestId("att-summary-bars").locator(".att-bar").count(), W);
  await summary.getByTestId("att-summary-mean").click();
  assert.equal(await summary.getAttribute("data-kind"), "mean");
  // Neuron view: softmax of q·k/√D over the row is the weight the matrix draws.
  const sums = panel.getByTestId("att-neuron").locator(".att-neuron-sums");
  const w = Number(await sums.getAttribute("data-weight")), drawn = Number(await sums.getAttribute("data-drawn"));
  assert.ok(Math.abs(w - drawn) < 1e-3, `neuron view ${w} vs matrix ${drawn}`);
  // Downloads: an SVG with the words in it, and a non-empty PNG.
  const svg = await saved(page, panel.getByTestId("att-explain"), "svg");
  assert.match(svg.name, /\.svg$/);
  const text = svg.bytes.toString("utf8");
  assert.match(text, /^<\?xml[\s\S]*<svg/);
  assert.ok(text.includes(word), "the SVG holds the words");
  const png = await saved(page, panel.getByTestId("att-explain"), "png");
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "PNG signature");
  assert.ok(png.bytes.length > 2000, `PNG of ${png.bytes.length} bytes`);
  await writeFile(outputPath("chapter-attention-explain.png"), png.bytes);
  const headSvg = await saved(page, panel.locator(".att-section").filter({ has: page.getByTestId("att-head-view") }), "svg");
  assert.ok(headSvg.bytes.toString("utf8").includes(word));
}

describe("chapter 7: attention maps", () => {
  test("every cell in order; screenshot", async () => {
    const L = config.num_hidden_layers, A = config.num_attention_heads;
    const { page, problems, context } = await openPage(site, CHAPTER);
    await waitForEditor(page, "load");

    // load: no chapter-6 checkpoint in a fresh browser → the shipped classifier, with a message saying so.
    let out = await run(page, "load");
    assert.match(out, /체크포인트\('nsmc-latest'\)가 없어서 함께 배포한 분류기를 씁니다/);
    assert.match(out, new RegExp(`층 수 L\\s+${L}`));
    assert.match(out, new RegExp(`층마다 헤드 수 A\\s+${A}`));
    assert.match(out, /부정, 긍정/);

    assert.match(await run(page, "analyze"), /analyze\(문장\) 준비 완료/);

    // my-sentence: a prediction and the attention panel with L×A heads.
    out = await run(page, "my-sentence");
    assert.match(out, /예측: (긍정|부정) \(\d+\.\d%\) · 토큰 \d+개/);
    const panel = attentionIn(page, "my-sentence");
    await panel.waitFor();
    assert.equal(await panel.locator("g.att-thumb").count(), L * A);
    assert.ok(["긍정", "부정"].includes((await panel.getByTestId("att-prediction").getAttribute("data-label")) ?? ""));
    const T = Number(await panel.getAttribute("data-tokens"));
    assert.ok(T > 4 && T < 40, `short sentence (${T} tokens)`);
    await panel.locator('.att-head-svg .att-token[data-side="query"][data-index="1"]').hover();
    assert.ok((await panel.locator("path.att-line.is-active").count()) > 0, "hover highlights the token's lines");

    // row-sums: every row of every head sums to 1.
    out = await run(page, "row-sums");
    const m = out.match(/행 (\d+)개 .* 벗어난 정도: ([\d.e+-]+)/);
    assert.ok(m, out);
    assert.equal(Number(m[1]), L * A * T);
    assert.ok(Number(m[2]) < 1e-3, `rows sum to 1 (${m[2]})`);

    // sinks: one row per layer and a bar chart.
    out = await run(page, "sinks");
    for (let l = 1; l <= L; l++) assert.match(out, new RegExp(`${l}층\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%`));
    assert.equal(await page.locator(cellSel("sinks")).locator("svg").count(), 1);

    // neighbours: L×A rows and the two heads named.
    out = await run(page, "neighbours");
    assert.equal(await page.locator(cellSel("neighbours")).locator("tbody tr").count(), L * A);
    assert.match(out, /이전 토큰을 가장 많이 보는 헤드: \d+층 헤드 \d+/);
    assert.match(out, /다음 토큰을 가장 많이 보는 헤드: \d+층 헤드 \d+/);

    // favourites: one row per head, each naming a token of the sentence.
    out = await run(page, "favourites");
    assert.equal(await page.locator(cellSel("favourites")).locator("tbody tr").count(), L * A);
    assert.match(out, new RegExp(`헤드 ${L * A}개 중 \\d+개가 평균적으로 특수 토큰`));

    // attention vs deletion → five explanations on the same words, their correlations, IG's completeness.
    out = await run(page, "attention-vs-deletion");
    assert.equal(await page.locator(cellSel("attention-vs-deletion")).locator("tbody tr").first().locator("td").count(), 5);
    assert.match(out, /어텐션이 가장 큰 단어: ‘[^’]+’ · IG가 가장 큰 단어: ‘[^’]+’ · 지웠을 때 판단이 가장 크게 바뀐 단어: ‘[^’]+’/);
    assert.match(out, /순위 상관 \(단어 \d+개\): 어텐션~지워 보기 -?\d\.\d\d/);
    const explainPanel = attentionIn(page, "attention-vs-deletion");
    await checkExplanationViews(page, explainPanel, "배우들");
    // The whole panel, out of its scroll boxes, to look at every view at once.
    await explainPanel.evaluate((el) => {
      for (let e = el as HTMLElement | null; e; e = e.parentElement) { e.style.maxHeight = "none"; e.style.overflow = "visible"; }
      for (const s of el.querySelectorAll<HTMLElement>(".att-scroll")) { s.style.maxHeight = "none"; s.style.overflow = "visible"; }
    });
    await explainPanel.screenshot({ path: outputPath("chapter-attention-explain-panel.png") });

    // long: cut to the model's limit, with a notice, and drawn.
    out = await run(page, "long");
    assert.match(out, new RegExp(`앞의 ${config.max_position_embeddings}개만 모델에 들어갔습니다 \\(\\d+개 잘림\\)`));
    const longPanel = attentionIn(page, "long");
    assert.equal(Number(await longPanel.getAttribute("data-tokens")), config.max_position_embeddings);
    assert.equal(await longPanel.locator("g.att-thumb").count(), L * A);
    assert.match(await longPanel.locator(".att-notice").innerText(), /잘림/);
    await longPanel.getByTestId("att-layout-horizontal").click();
    assert.equal(await longPanel.locator(".att-head-svg").getAttribute("data-layout"), "horizontal");
    await longPanel.getByTestId("att-layout-vertical").click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal page overflow (${overflow}px)`);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: outputPath("chapter-attention.png"), fullPage: true });
    // The hovers and clicks above scrolled the output box to what they touched; show the panel from its top.
    await page.locator(cellSel("my-sentence")).evaluate((cell) => {
      for (const el of [cell, ...cell.querySelectorAll("*")]) {
        el.scrollTop = 0;
        el.scrollLeft = 0;
      }
    });
    await page.locator(cellSel("my-sentence")).scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("chapter-attention-panel.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });

  // A reader's own sentences typed into my-sentence: a long review (cut) and one with emoji and Latin script.
  const LONG = "처음엔 지루했지만 중반부터 배우들 연기가 빛나고 음악이 장면마다 잘 어울려서 끝까지 몰입해서 봤다 ".repeat(9).trim();
  const MIXED = "스토리는 뻔했지만 배우들 연기 덕분에 끝까지 봤다 😂 OST도 good 👍🏻";
  for (const [name, review] of [["long review", LONG], ["emoji and mixed script", MIXED]] as const) {
    test(`a reader's ${name} in my-sentence: attention-vs-deletion explains the same (cut) input`, async () => {
      const { page, problems, context } = await openPage(site, CHAPTER);
      await waitForEditor(page, "load");
      await run(page, "load");
      await run(page, "analyze");
      const code = (await cellCode(page, "my-sentence")).replace(/const sentence = "[^"]*";/, `const sentence = "${review}";`);
      await typeIntoCell(page, "my-sentence", code);
      const out = await run(page, "my-sentence");
      const panel = attentionIn(page, "my-sentence");
      const explained = await run(page, "attention-vs-deletion");
      const explainPanel = attentionIn(page, "attention-vs-deletion");
      if (review === LONG) {
        assert.match(out, new RegExp(`토큰 ${config.max_position_embeddings}개 \\(뒤의 \\d+개 잘림\\)`));
        assert.match(await panel.getByTestId("att-cut-notice").innerText(), /\d+개 잘림/);
        assert.match(explained, new RegExp(`앞의 ${config.max_position_embeddings}개 토큰만 썼습니다 \\(\\d+개 잘림\\)`));
        assert.equal(Number(await explainPanel.getAttribute("data-tokens")), config.max_position_embeddings);
        assert.match(await explainPanel.getByTestId("att-cut-notice").innerText(), /잘랐습니다/);
      } else {
        assert.doesNotMatch(out, /잘림/);
        assert.equal(await panel.getByTestId("att-cut-notice").count(), 0);
        assert.ok((await explainPanel.getByTestId("att-explain-bars").locator(".att-bar-label").allTextContents()).some((t) => t.startsWith("good")), "Latin words are words too");
        assert.ok((await explainPanel.getByTestId("att-explain-bars").locator(".att-bar-label").allTextContents()).some((t) => t.startsWith("[UNK]")), "an emoji is an [UNK] word");
      }
      await checkExplanationViews(page, explainPanel, "배우들");
      await explainPanel.getByTestId("att-explain").scrollIntoViewIfNeeded();
      await page.screenshot({ path: outputPath(`chapter-attention-${review === LONG ? "long" : "mixed"}-explain.png`) });
      assert.deepEqual(problems(), []);
      await context.close();
    });
  }

  test("a chapter-6 checkpoint in IndexedDB is used instead of the shipped classifier", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    await waitForEditor(page, "load");
    // What chapter 6's training cell leaves behind: a checkpoint under 'nsmc-latest' (here the shipped weights, step 7).
    const saved = await runInKernel(page, `
      const c = await engine.loadClassifier("/models/classifier/");
      const opt = new engine.AdamW(c.model.params);
      const hyper = { epochs: 1, batchSize: 8, lr: 1e-4, maxLen: 32, warmupRatio: 0, weightDecay: 0.01, clipNorm: 1, seed: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
      await engine.saveCheckpoint(new engine.IndexedDBStorage(), "nsmc-latest", c.model, opt,
        { step: 7, totalSteps: 10, stepsPerEpoch: 10, hyper, optimizerT: 0, epochCorrect: 0, epochSeen: 0, history: [], evalHistory: [] });
      opt.dispose(); c.model.dispose();
      "saved"`, { timeout: 180_000 });
    assert.equal(saved.text, "saved", JSON.stringify(saved.items));
    assert.match(await run(page, "load"), /6장에서 미세 조정한 내 모델 \(IndexedDB 'nsmc-latest', 7 스텝\)/);
    await run(page, "analyze");
    assert.match(await run(page, "my-sentence"), /예측: (긍정|부정)/);
    assert.equal(await attentionIn(page, "my-sentence").locator("g.att-thumb").count(), config.num_hidden_layers * config.num_attention_heads);
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
