// The attention explorer (/explorer) in a real browser: the engine worker loads the model on the first request, a
// typed Korean sentence gets a prediction, every attention view and its explanations; hover, keyboard, overview clicks and the
// horizontal layout work; a long review is cut to the model's limit with a notice and renders without errors.
// The view lives in the URL (a reload or a shared link reopens it; bad values fall back to defaults), and a second
// sentence gets a word-aligned comparison table. Needs `npm run build` first. Holds for any reasonable classifier
// weights: no exact probabilities.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import path from "node:path";
import { openPage, outputPath, ROOT, startSite, type Site } from "./harness";

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
    { timeout: 240_000 },   // explain(): one forward pass, IG's 32 steps and occlusion, on a software GPU
  );
}

/** The page takes input: idle (the engine loads on the first request) or, when a link asked for it, loaded. */
async function waitReady(page: Page): Promise<void> {
  await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"], [data-state="ready"]')).waitFor({ timeout: 120_000 });
}

/** The panel's view as the reader sees it: layer and matrix head selects, word/piece unit, head-view layout. */
async function panelView(page: Page) {
  return {
    layer: await page.getByTestId("att-layer").inputValue(),
    head: await page.getByTestId("att-matrix-head").inputValue(),
    unit: await page.getByTestId("attention").getAttribute("data-unit"),
    layout: await page.locator('[data-testid="att-head-view"] svg').getAttribute("data-layout"),
  };
}

const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

/** Waits until the page's query string has these values (replaceState runs after React's render). */
async function waitForQuery(page: Page, want: Record<string, string>): Promise<void> {
  await page.waitForFunction(
    (w) => { const q = new URLSearchParams(location.search); return Object.entries(w).every(([k, v]) => q.get(k) === v); },
    want,
    { timeout: 10_000 },
  ).catch(() => { throw new Error(`query string ${JSON.stringify(query(page))} never had ${JSON.stringify(want)}`); });
}

const predicted = (page: Page) => page.getByTestId("att-prediction").getAttribute("data-label");

describe("attention explorer", () => {
  test("sentence → prediction and L×A heads; hover, keyboard, overview, layouts; long review; screenshots", async () => {
    const L = config.num_hidden_layers, A = config.num_attention_heads;
    const { page, problems, context } = await openPage(site, "/explorer");
    // Nothing loaded before the reader asks: the shipped classifier is chosen, to be loaded on the first request.
    await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"]')).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId("explorer-model-select").inputValue(), "shipped");
    assert.match(await page.getByTestId("explorer-model-status").innerText(), /함께 배포한 분류기.*처음 분석할 때/);

    // Empty input: a clear message, nothing drawn, and still nothing loaded.
    await page.getByTestId("explorer-input").press("Enter");
    assert.match(await page.locator(".explorer-input-error").innerText(), /문장을 입력하세요/);
    assert.equal(await page.locator(".att-panel").count(), 0);
    assert.equal(await page.getByTestId("explorer-status").getAttribute("data-state"), "idle");

    // An obviously positive review: the engine loads (backend chosen, shipped classifier in use), then explains.
    await analyze(page, POSITIVE);
    assert.equal(await predicted(page), "긍정");
    assert.equal(await page.getByTestId("explorer-status").getAttribute("data-state"), "ready");
    assert.match(await page.getByTestId("explorer-backend").innerText(), /webgpu|webgl|wasm|cpu/);
    assert.equal(await page.getByTestId("explorer-model").getAttribute("data-state"), "ready");
    assert.match(await page.getByTestId("explorer-model-status").innerText(), /사용 중: 함께 배포한 분류기/);
    assert.equal(await page.getByTestId("explorer-result").getAttribute("data-stale"), null);
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

    // An empty input after a result: the old picture stays, dimmed and marked as the previous input's.
    await page.getByTestId("explorer-input").fill("   ");
    await page.getByTestId("explorer-input").press("Enter");
    const result = page.getByTestId("explorer-result");
    assert.equal(await result.getAttribute("data-stale"), "true");
    assert.equal(await page.getByTestId("explorer-stale").innerText(), "이전 결과입니다 — 입력이 바뀌었습니다");
    await page.waitForFunction(() => Number(getComputedStyle(document.querySelector(".att-panel")!).opacity) < 0.6, null, { timeout: 5_000 });

    // An obviously negative review: a fresh picture, no longer stale.
    await analyze(page, NEGATIVE);
    assert.equal(await predicted(page), "부정");
    assert.equal(await result.getAttribute("data-stale"), null);
    assert.equal(await page.getByTestId("explorer-stale").count(), 0);
    assert.equal(await page.locator(".att-panel").evaluate((el) => getComputedStyle(el).opacity), "1");

    // A long review (example chip): cut to max_position_embeddings with a notice; no page-wide overflow.
    // Pieces, so that token 100 exists (the explorer starts in words, like the panel).
    await page.getByTestId("att-unit-pieces").click();
    assert.equal(await panel.getAttribute("data-unit"), "pieces");
    await page.getByTestId("explorer-example").filter({ hasText: "긴 리뷰" }).click();
    await waitForSentence(page, "처음 삼십 분은");
    assert.equal(Number(await panel.getAttribute("data-tokens")), config.max_position_embeddings);
    assert.match(await page.getByTestId("att-cut-notice").innerText(), /잘랐습니다/);
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

  test("the view lives in the URL: a link opens it, controls update it, a reload keeps it, bad values fall back", async () => {
    const L = config.num_hidden_layers, A = config.num_attention_heads;
    const link = `/explorer?s=${encodeURIComponent(POSITIVE)}&m=shipped&l=${L - 1}&h=${A - 1}&u=pieces&lay=horizontal`;
    const { page, problems, context } = await openPage(site, link);
    await waitReady(page);
    // Opened from a link: the sentence is analysed by itself, and the panel starts at the link's view.
    await waitForSentence(page, POSITIVE);
    assert.equal(await page.getByTestId("explorer-input").inputValue(), POSITIVE);
    assert.equal(await page.getByTestId("explorer-model-select").inputValue(), "shipped");
    assert.deepEqual(await panelView(page), { layer: String(L - 1), head: String(A - 1), unit: "pieces", layout: "horizontal" });

    // The reader changes the view with the panel's controls: the query string follows.
    await page.getByTestId("att-layer").selectOption("0");
    await page.getByTestId("att-unit-words").click();
    await page.getByTestId("att-layout-vertical").click();
    await waitForQuery(page, { s: POSITIVE, m: "shipped", l: "0", h: String(A - 1), u: "words", lay: "vertical" });

    // A reload (the same URL) reopens the same picture.
    await page.reload({ waitUntil: "load" });
    await waitReady(page);
    await waitForSentence(page, POSITIVE);
    assert.deepEqual(await panelView(page), { layer: "0", head: String(A - 1), unit: "words", layout: "vertical" });
    assert.equal(await predicted(page), "긍정");

    // Nonsense in the link: defaults (first layer and head, words, vertical, shipped model), written back.
    await page.goto(`${site.url}/explorer?s=${encodeURIComponent(NEGATIVE)}&m=zzz&l=${L + 5}&h=-1&u=bogus&lay=diagonal`, { waitUntil: "load" });
    await waitReady(page);
    await waitForSentence(page, NEGATIVE);
    assert.deepEqual(await panelView(page), { layer: "0", head: "0", unit: "words", layout: "vertical" });
    assert.equal(await page.getByTestId("explorer-model-select").inputValue(), "shipped");
    await waitForQuery(page, { s: NEGATIVE, m: "shipped", l: "0", h: "0", u: "words", lay: "vertical" });

    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("two sentences: both predictions and a word table aligned by LCS with IG and the difference", async () => {
    const A_TEXT = "이 영화 정말 재밌다", B_TEXT = "이 영화 정말 재미없다";
    const { page, problems, context } = await openPage(site, "/explorer");
    await waitReady(page);
    await page.getByTestId("explorer-input").fill(A_TEXT);
    await page.getByTestId("explorer-input2").fill(B_TEXT);
    await page.getByTestId("explorer-input2").press("Enter");
    await waitForSentence(page, A_TEXT);
    const compare = page.getByTestId("explorer-compare");
    await compare.waitFor();
    assert.deepEqual(await compare.getByTestId("explorer-compare-pred").evaluateAll((els) => els.map((e) => e.getAttribute("data-label"))), ["긍정", "부정"]);
    const rows = await compare.getByTestId("explorer-compare-row").evaluateAll((els) =>
      els.map((e) => ({ a: e.getAttribute("data-a"), b: e.getAttribute("data-b"), cells: [...e.querySelectorAll("td")].map((td) => td.textContent ?? "") })));
    assert.deepEqual(rows.map((r) => [r.a, r.b]), [["이", "이"], ["영화", "영화"], ["정말", "정말"], ["재밌다", ""], ["", "재미없다"]]);
    const num = (t: string) => Number(t.replace("−", "-"));
    for (const r of rows.slice(0, 3)) {
      const [igA, igB, diff] = [num(r.cells[1]), num(r.cells[3]), num(r.cells[4])];
      assert.ok(Number.isFinite(igA) && Number.isFinite(igB), `IG values in ${JSON.stringify(r.cells)}`);
      assert.ok(Math.abs(diff - (igB - igA)) < 0.0015, `difference is B − A in ${JSON.stringify(r.cells)}`);
    }
    assert.deepEqual([rows[3].cells[2], rows[3].cells[3], rows[3].cells[4]], ["—", "—", "—"]);
    assert.deepEqual([rows[4].cells[0], rows[4].cells[1], rows[4].cells[4]], ["—", "—", "—"]);
    // The positive word pushes toward A's class (긍정), the negative one away from it.
    assert.ok(num(rows[3].cells[1]) > 0 && num(rows[4].cells[3]) < 0, `재밌다 +, 재미없다 − (${rows[3].cells[1]}, ${rows[4].cells[3]})`);
    await waitForQuery(page, { s: A_TEXT, s2: B_TEXT });
    await compare.scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("explorer-compare.png"), fullPage: true });

    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("a long explanation shows its progress and can be stopped; the previous picture stays", async () => {
    // Needs explain() to yield to the event loop between IG chunks and occlusion batches: on the WASM and CPU
    // backends tensor reads resolve at once, and without a yield the page neither paints nor takes the click.
    const { page, problems, context } = await openPage(site, "/explorer");
    await waitReady(page);
    await analyze(page, "이 영화 정말 재밌다");
    await page.getByTestId("explorer-example").filter({ hasText: "긴 리뷰" }).click();
    assert.match(await page.getByTestId("explorer-progress").innerText({ timeout: 30_000 }), /설명 계산 중 · .+ \d+\/\d+ \(\d+%\)/);
    // From the keyboard: the panel below grows while the review is explained, so a pointer aimed at the button
    // can land on the page as it shifts (seen once); Enter on the focused button is what a keyboard reader does.
    await page.getByTestId("explorer-stop").press("Enter");
    await page.locator(".explorer-input-error").filter({ hasText: "멈췄습니다" }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId("explorer-result").getAttribute("data-state"), "done");
    assert.match(await page.locator(".att-title").innerText(), /재밌다/);
    // …marked as the previous input's: the box now holds the long review.
    assert.equal(await page.getByTestId("explorer-result").getAttribute("data-stale"), "true");
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("model choice: no chapter-6 checkpoint here; a picked Hugging Face folder brings its own size and labels", async () => {
    const { page, problems, context } = await openPage(site, `/explorer?s=${encodeURIComponent("재밌다")}&l=3&h=3`);
    await waitReady(page);
    await waitForSentence(page, "재밌다");
    // A fresh browser has no IndexedDB checkpoint: the option says so and cannot be chosen.
    const mine = page.getByTestId("explorer-model-select").locator('option[value="mine"]');
    assert.match(await mine.innerText(), /이 브라우저에 없음/);
    assert.equal(await mine.isDisabled(), true);

    // A folder (2 layers × 2 heads, id2label negative/positive): the picture is redone with it, the layer and
    // head of the link (3, 3) no longer exist and fall back to 0, and the labels are the folder's.
    await page.getByTestId("explorer-model-select").selectOption("folder");
    assert.match(await page.getByTestId("explorer-model-status").innerText(), /폴더를 고르세요/);
    await page.getByTestId("explorer-folder").setInputFiles(path.join(ROOT, "tests/fixtures/hf/sharded"));
    await page.getByTestId("explorer-model").and(page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
    assert.match(await page.getByTestId("explorer-model-status").innerText(), /sharded.*2층 × 헤드 2개.*negative, positive/);
    await waitForSentence(page, "재밌다");
    const panel = page.getByTestId("attention");
    assert.equal(await panel.getAttribute("data-layers"), "2");
    assert.equal(await panel.getAttribute("data-heads"), "2");
    assert.deepEqual(await page.locator(".att-prob-label").allInnerTexts(), ["negative", "positive"]);
    assert.deepEqual(await panelView(page), { layer: "0", head: "0", unit: "words", layout: "vertical" });
    await waitForQuery(page, { m: "folder", l: "0", h: "0" });

    // Back to the shipped classifier: its size again.
    await page.getByTestId("explorer-model-select").selectOption("shipped");
    await page.locator(`[data-testid="attention"][data-layers="${config.num_hidden_layers}"]`).waitFor({ timeout: 240_000 });
    await waitForSentence(page, "재밌다");
    assert.equal(Number(await panel.getAttribute("data-layers")), config.num_hidden_layers);
    assert.equal(await predicted(page), config.id2label["1"]);

    assert.deepEqual(problems(), []);
    await context.close();
  });
  test("a [UNK] word shows what the reader typed; long words' matrix labels are never clipped", async () => {
    const TEXT = "감동적이었어요 정말 웃겨요😂 재밌다";
    // Labels in a font wider than the layout's estimate (1em a Hangul syllable at 11px): here 14px, as a reader's
    // font or zoom may make them. The room must come from the drawn width, or 감동적이었어요 is cut at the SVG's edge.
    const wide = await site.newContext();
    await wide.addInitScript(() => document.addEventListener("DOMContentLoaded", () => {
      document.head.append(Object.assign(document.createElement("style"), { textContent: ".att-svg .att-mlabel text { font-size: 14px; }" }));
    }));
    const { page, problems, context } = await openPage(site, `/explorer?s=${encodeURIComponent(TEXT)}`, { context: wide });
    await waitReady(page);
    await waitForSentence(page, TEXT);
    // The shipped vocabulary has no 😂: the model reads [UNK], the labels show the emoji (the tokenizer's offsets).
    const head = page.locator('[data-testid="att-head-view"] .att-token[data-side="query"] text');
    const labels = await head.allTextContents();
    assert.ok(labels.includes("😂"), `head view labels: ${labels}`);
    assert.ok(!labels.some((l) => l.includes("[UNK]")), `no [UNK] label: ${labels}`);
    // Every label of both matrices (words: 감동적이었어요 whole) lies inside its SVG, rotated key labels included.
    for (const id of ["att-matrix", "att-summary-matrix"]) {
      const boxes = await page.getByTestId(id).locator("svg").evaluate((svg) => {
        const s = svg.getBoundingClientRect();
        return [...svg.querySelectorAll<SVGGElement>('.att-mlabel:not([display="none"]) text')].map((t) => {
          const b = t.getBoundingClientRect();
          return { text: t.textContent, out: Math.max(s.left - b.left, s.top - b.top, b.right - s.right, b.bottom - s.bottom) };
        });
      });
      assert.ok(boxes.some((b) => b.text === "감동적이었어요"), `${id}: the long word is a label (${boxes.map((b) => b.text)})`);
      const clipped = boxes.filter((b) => b.out > 0.5);
      assert.deepEqual(clipped, [], `${id}: labels outside the SVG`);
    }
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
