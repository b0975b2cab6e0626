// "BERT 해부도" (components/anatomy) on the home page and in chapter 1, in a real browser on the automatic backend:
// before any input the precomputed example is in the static HTML (JavaScript off) and no worker runs; focusing
// the input starts the engine worker; a typed sentence flows through every block; an opened block shows the
// engine's numbers (checked against the same trace computed here in Node, to 1e-4); the prediction equals the
// explorer's for the same sentence; a block opens by keyboard; its link leads to the cell that explains it.
// Screenshots at 1280 and 390 px before and after a sentence. Needs `npm run build` first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import * as tf from "@tensorflow/tfjs";
import { openPage, outputPath, startSite, type Site } from "./harness";
import { loadClassifier } from "../../lib/pipeline";
import { dirReader } from "../../lib/train/node";
import { traceSentence, type Trace } from "../../lib/explain/trace";
import { setupNodeBackend } from "../../scripts/node-backend";
import { EXAMPLE_FILE } from "../../scripts/anatomy-example";

let site: Site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

const SENTENCE = "배우들 연기는 좋았는데 이야기가 너무 지루했다";
const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, "utf8")) as Trace;
const L = example.layers;
const BLOCKS = 2 + 2 * L + 4;

async function shot(page: Page, name: string) {
  const file = outputPath(path.join("anatomy", `${name}.png`));
  await page.getByTestId("anatomy").screenshot({ path: file });
}

test("JavaScript off: the home page and chapter 1 show the whole model with the precomputed example", async () => {
  for (const [url, width] of [["/", 390], ["/", 1280], ["/learn/bert-overview", 390]] as const) {
    const context = await site.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 }, isMobile: width < 500 });
    const page = await context.newPage();
    await page.goto(site.url + url, { waitUntil: "load" });
    const a = page.getByTestId("anatomy");
    assert.equal(await a.getAttribute("data-source"), "example", url);
    assert.equal(await a.locator("[data-block]").count(), BLOCKS, `${url}: every block is drawn`);
    assert.equal(await page.getByTestId("anatomy-prediction").getAttribute("data-label"), example.labels[example.prediction]);
    for (const t of example.tokens) assert.ok((await a.locator(".anat-chip").allTextContents()).includes(t), `token ${t}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${url} at ${width} px overflows by ${overflow} px`);
    if (url === "/") await shot(page, `static-${width}`);
    await context.close();
  }
});

test("a sentence flows through every block; the numbers are the engine's; the prediction is the explorer's; keyboard; links", async () => {
  await setupNodeBackend("cpu");
  const clf = await loadClassifier(dirReader("public/models/classifier"));
  const ref = await traceSentence(clf, SENTENCE);
  // The engine's hidden state after layer 2, unrounded, computed here in Node (the page shows 4 decimals of its own).
  const enc = clf.tokenizer.encode(SENTENCE);
  const layer2 = tf.tidy(() => clf.model.forward({ inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: enc.ids.length }, { outputHidden: true }).hidden![2]);
  const want = ((await layer2.array()) as number[][][])[0];
  layer2.dispose();

  const { page, context, problems } = await openPage(site, "/");
  await page.waitForTimeout(1500);
  assert.equal(page.workers().length, 0, "no worker before the reader focuses the input");
  await shot(page, "before-1280");

  const input = page.getByTestId("anatomy-input");
  await input.focus();
  await page.waitForEvent("worker", { timeout: 30_000 }).catch(() => undefined);
  assert.ok(page.workers().length >= 1, "focusing the input starts the engine worker");
  await page.locator('[data-testid="anatomy-status"][data-state="ready"]').waitFor({ timeout: 180_000 });
  const backend = await page.getByTestId("anatomy-status").locator("code").textContent();
  console.log(`engine ready on ${backend}`);

  await input.fill(SENTENCE);
  await input.press("Enter");
  await page.locator('[data-testid="anatomy"][data-source="live"]').waitFor({ timeout: 120_000 });
  const chips = await page.locator(".anat-chip").allTextContents();
  assert.deepEqual(chips, ref.tokens, "the tokens of the typed sentence");
  const pred = page.getByTestId("anatomy-prediction");
  const label = await pred.getAttribute("data-label");
  const prob = Number(await pred.getAttribute("data-prob"));
  assert.equal(label, ref.labels[ref.prediction]);
  assert.ok(Math.abs(prob - ref.probs[ref.prediction]) <= 1e-4, `P = ${prob} in the page, ${ref.probs[ref.prediction]} in Node`);

  // Open layer 2's feed-forward block with the mouse: its table shows the engine's hidden values.
  await page.locator('[data-block="layer2.ffn"]').click();
  const rows = page.locator('[data-testid="anatomy-detail"] [data-testid="anatomy-values"] tbody tr');
  assert.equal(await rows.count(), ref.tokens.length);
  for (let i = 0; i < ref.tokens.length; i++) {
    const cells = (await rows.nth(i).locator("td").allTextContents()).map((s) => Number(s.replace(/\u2007/g, "")));
    cells.forEach((v, j) => assert.ok(Math.abs(v - want[i][j]) <= 1e-4, `layer 2 FFN, token ${i}, dim ${j}: ${v} vs ${want[i][j]}`));
  }
  await page.setViewportSize({ width: 1280, height: 1400 });
  await shot(page, "after-1280");

  // By keyboard: focus the attention block of layer 1, press Enter, pick head 3 with the keyboard too.
  await page.locator('[data-block="layer1.attention"]').focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator('[data-block="layer1.attention"]').getAttribute("aria-expanded"), "true");
  await page.getByRole("button", { name: "헤드 3" }).focus();
  await page.keyboard.press("Space");
  assert.equal(await page.getByRole("button", { name: "헤드 3" }).getAttribute("aria-pressed"), "true");
  await page.setViewportSize({ width: 390, height: 1600 });
  await shot(page, "after-390");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the live diagram overflows 390 px by ${overflow} px`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The link of the opened block leads to the cell that explains it.
  await page.locator('[data-block="layer2.ffn"]').click();
  await page.locator('[data-testid="anatomy-detail"] .anat-link a').click();
  await page.waitForURL(/\/learn\/encoder\/?#cell-ffn$/, { timeout: 60_000 });
  await page.locator("#cell-ffn").waitFor({ timeout: 30_000 });
  assert.deepEqual(problems(), []);
  await context.close();

  // The explorer gives the same prediction for the same sentence.
  const ex = await openPage(site, `/explorer?s=${encodeURIComponent(SENTENCE)}`);
  await ex.page.locator('[data-testid="explorer-result"][data-state="done"]').waitFor({ timeout: 240_000 });
  const xp = ex.page.getByTestId("att-prediction");
  assert.equal(await xp.getAttribute("data-label"), label, "the explorer's label");
  const shown = await xp.locator(`.att-prob[data-label="${label}"] .att-prob-value`).textContent();
  assert.equal(shown, `${(prob * 100).toFixed(1)}%`, "the explorer's probability");
  await ex.context.close();
});

test("the phone: before a sentence, at 390 px", async () => {
  const context = await site.newContext({ viewport: { width: 390, height: 900 }, isMobile: true, hasTouch: true });
  const { page, problems } = await openPage(site, "/", { context });
  await shot(page, "before-390");
  assert.deepEqual(problems(), []);
  await context.close();
});
