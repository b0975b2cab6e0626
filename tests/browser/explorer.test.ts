// The attention explorer (/explorer) in a real browser: model loads on the page's main thread, a typed Korean
// sentence gets a prediction and every attention view; hover, keyboard, overview clicks and the horizontal
// layout work; a long review is cut to the model's limit with a notice and renders without errors.
// Needs `npm run build` first. Holds for any reasonable classifier weights: no exact probabilities.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { openPage, outputPath, startSite, type Site } from "./harness";

let site: Site;
let config: { num_hidden_layers: number; num_attention_heads: number; max_position_embeddings: number; id2label: Record<string, string> };

before(async () => {
  site = await startSite();
  config = await (await fetch(`${site.url}/models/classifier/config.json`)).json();
});
after(async () => {
  await site?.close();
});

const POSITIVE = "정말 최고의 영화! 배우들 연기도 훌륭하고 감동적이에요";
const NEGATIVE = "최악이다 돈 아깝고 시간 아깝다 지루해";

/** Types a sentence as a reader would, presses Enter, waits for the panel of that sentence. */
async function analyze(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("explorer-input");
  await input.fill(text);
  await input.press("Enter");
  await waitForSentence(page, text);
}

async function waitForSentence(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (start) => {
      const r = document.querySelector('[data-testid="explorer-result"]');
      return r?.getAttribute("data-state") === "done" && (r.querySelector(".att-title")?.textContent ?? "").includes(start);
    },
    text.slice(0, 12),
    { timeout: 60_000 },
  );
}

const predicted = (page: Page) => page.getByTestId("att-prediction").getAttribute("data-label");

describe("attention explorer", () => {
  test("sentence → prediction and L×A heads; hover, keyboard, overview, layouts; long review; screenshots", async () => {
    const L = config.num_hidden_layers, A = config.num_attention_heads;
    const { page, problems, context } = await openPage(site, "/explorer");
    await page.getByTestId("explorer-status").and(page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
    assert.match(await page.getByTestId("explorer-backend").innerText(), /webgpu|webgl|wasm|cpu/);

    // Empty input: a clear message, nothing drawn.
    await page.getByTestId("explorer-input").press("Enter");
    assert.match(await page.locator(".explorer-input-error").innerText(), /문장을 입력하세요/);
    assert.equal(await page.locator(".att-panel").count(), 0);

    // An obviously positive review.
    await analyze(page, POSITIVE);
    assert.equal(await predicted(page), "긍정");
    const probs = await page.locator(".att-prob-value").allInnerTexts();
    assert.equal(probs.length, 2);
    const sum = probs.reduce((s, p) => s + parseFloat(p), 0);
    assert.ok(Math.abs(sum - 100) < 0.5, `probabilities add up to 100% (${probs})`);

    // Overview grid: exactly L×A head cells, each (layer, head) once.
    const panel = page.getByTestId("attention");
    assert.equal(Number(await panel.getAttribute("data-layers")), L);
    assert.equal(Number(await panel.getAttribute("data-heads")), A);
    const thumbs = page.locator('[data-testid="att-overview"] svg g.att-thumb');
    assert.equal(await thumbs.count(), L * A);
    const pairs = await thumbs.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-layer")}/${e.getAttribute("data-head")}`));
    assert.equal(new Set(pairs).size, L * A);

    // Head view: lines exist; hovering a query token keeps only its lines.
    const head = page.locator('[data-testid="att-head-view"] svg');
    assert.equal(await head.getAttribute("data-layout"), "vertical");
    const lines = head.locator("path.att-line");
    assert.ok((await lines.count()) > 0, "the head view draws lines");
    await head.locator('.att-token[data-side="query"][data-index="2"]').hover();
    const active = head.locator("path.att-line.is-active");
    assert.ok((await active.count()) > 0, "hovering a token highlights its lines");
    assert.deepEqual([...new Set(await active.evaluateAll((els) => els.map((e) => e.getAttribute("data-from"))))], ["2"]);
    assert.equal(await head.evaluate((e) => e.classList.contains("is-hovering")), true);
    // …and the same token's row in the matrix.
    assert.equal(await page.locator('[data-testid="att-matrix"] .att-band-row').getAttribute("display"), null);
    assert.match(await page.locator('[data-testid="att-matrix"] .att-readout').textContent() ?? "", /가장 많이 보는 토큰/);

    // Keyboard: Tab focus works like hover; arrow keys move to the next token.
    await page.mouse.move(0, 0);
    await head.locator('.att-token[data-side="key"][data-index="1"]').focus();
    assert.ok((await active.count()) > 0);
    assert.deepEqual([...new Set(await active.evaluateAll((els) => els.map((e) => e.getAttribute("data-to"))))], ["1"]);
    await page.keyboard.press("ArrowDown");
    assert.equal(await head.locator(".att-token.is-hovered").getAttribute("data-index"), "2");

    // Clicking an overview cell selects that layer and head.
    await page.locator(`g.att-thumb[data-layer="${L - 1}"][data-head="${A - 1}"]`).click();
    assert.equal(await page.getByTestId("att-layer").inputValue(), String(L - 1));
    assert.equal(await page.getByTestId("att-matrix-head").inputValue(), String(A - 1));
    assert.equal(await page.locator(`g.att-thumb.is-selected`).getAttribute("data-layer"), String(L - 1));

    // Head toggles: switching one off removes its lines.
    await page.locator('.att-head-toggle[data-head="0"]').click();
    assert.equal(await head.locator('path.att-line[data-head="0"]').count(), 0);
    await page.locator('.att-head-toggle[data-head="0"]').click();
    assert.ok((await head.locator('path.att-line[data-head="0"]').count()) > 0);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: outputPath("explorer.png"), fullPage: true });

    // Horizontal layout: queries in one row, keys in another, wider than tall; hover still works.
    await page.getByTestId("att-layout-horizontal").click();
    assert.equal(await head.getAttribute("data-layout"), "horizontal");
    const ys = await head.locator('.att-token[data-side="query"] text').evaluateAll((els) => els.map((e) => e.getAttribute("y")));
    assert.equal(new Set(ys).size, 1, "query tokens sit in one row");
    await head.locator('.att-token[data-side="query"][data-index="1"]').hover();
    assert.ok((await head.locator("path.att-line.is-active").count()) > 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: outputPath("explorer-horizontal.png"), fullPage: true });
    await page.getByTestId("att-layout-vertical").click();

    // An obviously negative review.
    await analyze(page, NEGATIVE);
    assert.equal(await predicted(page), "부정");

    // A long review (example chip): cut to max_position_embeddings with a notice; no page-wide overflow.
    await page.getByTestId("explorer-example").filter({ hasText: "긴 리뷰" }).click();
    await waitForSentence(page, "처음 삼십 분은");
    assert.equal(Number(await panel.getAttribute("data-tokens")), config.max_position_embeddings);
    assert.match(await page.locator(".att-notice").innerText(), /잘랐습니다/);
    assert.equal(await thumbs.count(), L * A);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal page overflow (${overflow}px)`);
    // Matrix labels are thinned so they do not overlap.
    const shownLabels = await page.locator('[data-testid="att-matrix"] .att-mlabel[data-side="query"]:not([display="none"])').count();
    assert.ok(shownLabels > 0 && shownLabels < config.max_position_embeddings, `thinned labels (${shownLabels})`);
    await page.locator('[data-testid="att-head-view"] .att-token[data-side="query"][data-index="100"]').hover();
    assert.ok((await page.locator('[data-testid="att-head-view"] path.att-line.is-active').count()) > 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: outputPath("explorer-long.png"), fullPage: true });

    assert.deepEqual(problems(), []);
    await context.close();
  });
});
