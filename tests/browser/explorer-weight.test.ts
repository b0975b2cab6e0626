// /explorer's weight before the reader's first input: all the JavaScript Chromium receives (prefetches included)
// is at most 400 KB gzipped, with no tfjs, no WASM, no model file and no worker; the first analysis then starts
// the engine worker, which fetches them. Needs `npm run build` first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, startSite, type Site } from "./harness";
import { countResponses, kb } from "./page-weight";

let site: Site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

const BUDGET_GZIP = 400 * 1024;

test("before the first input: ≤ 400 KB of gzipped JavaScript, no tfjs, WASM, model or worker; the first analysis loads them in a worker", async () => {
  const count = countResponses(await site.newContext());
  const { page, problems, context } = await openPage(site, "/explorer", { context: count.context });
  await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"]')).waitFor({ timeout: 60_000 });
  const w = await count.done(3000);
  console.log(`/explorer before input: JS ${w.js.files} files, ${kb(w.js.raw)} raw, ${kb(w.js.gzip)} gzip; WASM ${kb(w.wasm)}; model ${kb(w.model)}; other ${kb(w.other)}`);
  assert.ok(w.js.gzip <= BUDGET_GZIP, `JS ${kb(w.js.gzip)} gzip > ${kb(BUDGET_GZIP)}: ${w.js.urls.join(" ")}`);
  assert.equal(w.wasm, 0, "no WASM");
  assert.equal(w.model, 0, `no model files: ${w.urls.filter((u) => u.includes("/models/"))}`);
  assert.equal(page.workers().length, 0, "no worker yet");

  // The first request starts the worker, which downloads the engine and the weights.
  const later = countResponses(context);
  const input = page.getByTestId("explorer-input");
  await input.fill("이 영화 정말 재밌다");
  await input.press("Enter");
  await page.locator('[data-testid="explorer-result"][data-state="done"]').waitFor({ timeout: 240_000 });
  const w2 = await later.done(1000);
  assert.ok(page.workers().length >= 1, "the engine runs in a worker");
  assert.ok(w2.model > 1_000_000, `the weights came after the request (${kb(w2.model)})`);
  assert.deepEqual(problems(), []);
  await context.close();
});
