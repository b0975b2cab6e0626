// Chapter 4 (content/04-base-vs-large.mdx): parameter counts printed exactly, memory estimates as the
// chapter states them, the interactive MemoryEstimator redraws when a slider moves (keyboard), every cell runs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { openPage, outputPath, runInKernel, startSite, type Site } from "./harness";
import { GiB, estimateTrainingMemory, makeConfig } from "../../lib/model";
import { checkPassed, mdxSolutions, runOk, sectionShots } from "./output-helpers";

const CHAPTER = "/learn/base-vs-large";
const CELLS = ["configs", "breakdown", "real-count", "estimates", "oom-24mib", "lengths", "t-squared", "measure"];
let site: Site;

before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

/** Parses "3.13 GiB" / "24.00 MiB" back to bytes. */
function bytesOf(s: string): number {
  const m = s.match(/([0-9.]+) (B|KiB|MiB|GiB)/);
  assert.ok(m, `no size in ${JSON.stringify(s)}`);
  return Number(m[1]) * { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 }[m[2] as "B"];
}

/** Moves a range input by keyboard, as a reader would: Home (its minimum), then `steps` times ArrowRight. */
async function setRange(page: Page, slider: Locator, steps: number) {
  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowRight");
}

test("chapter 4: cells, exact parameter counts, memory estimates, the interactive estimator, screenshot", async () => {
  const { page, problems, context } = await openPage(site, CHAPTER);
  const out: Record<string, string> = {};
  for (const id of CELLS) out[id] = await runOk(page, id);
  assert.match(out.configs, /BERT-base\s+12\s+768\s+12\s+64\s+3072\s+30,522\s+512\s+109,482,240/);
  assert.match(out.configs, /BERT-large\s+24\s+1024\s+16\s+64\s+4096\s+30,522\s+512\s+335,141,888/);
  assert.match(out.configs, /우리 모델\s+4\s+256\s+4\s+64\s+1024\s+12,000\s+128\s+[\d,]+/);

  // Every model's hand breakdown sums to parameterCount; the bar chart is drawn.
  assert.equal((out.breakdown.match(/\s예\s*$/gm) ?? []).length, 3, out.breakdown);
  assert.match(out.breakdown, /109,482,240/);
  assert.ok(await page.locator('section.cell[data-cell-id="breakdown"] [data-testid="cell-output"] svg rect').count() >= 9);

  assert.match(out["real-count"], /공식과 실제 모델이 정확히 같습니다/);

  // The textbook run: what the chapter says (about 3.1 GiB, under the 4 GiB card: the rest is CUDA overhead).
  const textbook = bytesOf(out.estimates.match(/교재 설정 합계: ([^(]+)/)![1]);
  const expected = estimateTrainingMemory(makeConfig("base", { vocab_size: 30522 }), { batchSize: 2, seqLen: 512 }).total;
  assert.ok(Math.abs(textbook - expected) < 0.01 * GiB, `${textbook} vs ${expected}`);
  assert.ok(textbook > 2.8 * GiB && textbook < 3.47 * GiB, "below the 3.47 GiB PyTorch had, as the chapter explains");
  assert.match(out.estimates, /large, B=2, T=512/);

  assert.equal((out["oom-24mib"].match(/24\.00 MiB/g) ?? []).length, 2, out["oom-24mib"]);

  const lens = out.lengths.match(/2000\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/);
  assert.ok(lens, out.lengths);
  const [median, p90, p99, max] = lens.slice(1).map(Number);
  assert.ok(median <= p90 && p90 <= p99 && p99 <= max && max < 512, "NSMC reviews are far shorter than 512");

  assert.ok(await page.locator('section.cell[data-cell-id="t-squared"] [data-testid="cell-output"] svg path').count() >= 2, "two lines drawn");
  const ratio = out["t-squared"].match(/512\s+[0-9.]+ GiB\s+(\d+)%\s+([0-9.]+)배/);
  assert.ok(ratio, out["t-squared"]);
  assert.ok(Number(ratio[1]) > 50, "at T=512 the T^2 part is more than half the activations");
  assert.ok(Number(ratio[2]) > 12.8, "more than linear growth from T=40 to 512");

  const measured = out.measure.match(/측정값 \/ 공식 = ([0-9.]+)배/);
  assert.ok(measured && Number(measured[1]) >= 1, `the formula is a lower bound: ${out.measure}`);

  // The interactive estimator: an SVG with stacked bars, redrawn when the batch slider moves by keyboard.
  const est = page.locator('[data-testid="memory-estimator"]');
  await est.scrollIntoViewIfNeeded();
  assert.ok(await est.locator('svg[data-testid="mem-chart"] rect[data-term]').count() >= 8);
  const total0 = await est.locator('[data-testid="mem-total"]').textContent();
  await est.locator('[data-testid="mem-batch"]').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
  const total1 = await est.locator('[data-testid="mem-total"]').textContent();
  assert.notEqual(total1, total0, "moving the batch slider changes the total");
  assert.ok(bytesOf(total1!) > bytesOf(total0!));
  // bert-base at B=2, T=512 (End key = max length) matches the textbook bar.
  await est.locator('[data-testid="mem-model"]').selectOption("base");
  await setRange(page, est.locator('[data-testid="mem-batch"]'), 1);   // 1 -> 2
  await est.locator('[data-testid="mem-seq"]').focus();
  await page.keyboard.press("End");
  assert.equal(await est.locator('[data-testid="mem-total"]').textContent(), await est.locator('[data-testid="mem-textbook-total"]').textContent());
  assert.match((await est.locator('[data-testid="mem-summary"]').textContent())!, /4 GiB GPU 안에/);
  await est.locator('[data-testid="mem-model"]').selectOption("large");
  assert.match((await est.locator('[data-testid="mem-summary"]').textContent())!, /4 GiB GPU를 넘고/);
  await est.locator('[data-testid="mem-model"]').selectOption("ours");
  await setRange(page, est.locator('[data-testid="mem-batch"]'), 31);  // 1 -> 32
  await setRange(page, est.locator('[data-testid="mem-seq"]'), 4);     // 8 -> 40
  assert.match((await est.locator('[data-testid="mem-summary"]').textContent())!, /브라우저 어림 예산\(1 GiB\) 안입니다/);

  // Solutions.
  const [longest, half] = mdxSolutions("content/04-base-vs-large.mdx");
  const r1 = await runInKernel(page, longest);
  assert.ok(r1.ok, r1.text);
  const best = Number(r1.text.match(/가장 긴 T: (\d+)/)![1]);
  const base = makeConfig("base", { vocab_size: 30522 });
  const fits = (T: number) => estimateTrainingMemory(base, { batchSize: 8, seqLen: T }).total <= 3.4 * GiB;
  assert.ok(best % 8 === 0 && fits(best) && !fits(best + 8), `best T ${best}`);
  assert.ok(checkPassed(r1.items), r1.text);
  const r2 = await runInKernel(page, half);
  assert.ok(r2.ok, r2.text);
  assert.ok(checkPassed(r2.items), r2.text);

  await est.scrollIntoViewIfNeeded();
  await est.screenshot({ path: outputPath("chapter-base-vs-large-estimator.png") });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: outputPath("chapter-base-vs-large.png"), fullPage: true });
  await sectionShots(page, "chapter-base-vs-large");
  assert.deepEqual(problems(), []);
  await context.close();
});
