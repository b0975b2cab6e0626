// /explorer's weight before the reader's first input: all the JavaScript Chromium receives (prefetches included)
// is at most 400 KB gzipped, with no tfjs, no WASM, no model file and no worker; the first analysis then starts
// the engine worker, which fetches them. Needs `npm run build` first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, startSite, type Site } from "./harness";
import { byKind, jsBudget, recordResponses } from "../../bench/page-weight";
import { formatBytes } from "../../lib/format";

let site: Site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

const BUDGET_GZIP = jsBudget("/explorer");

test("before the first input: ≤ 400 KB of gzipped JavaScript, no tfjs, WASM, model or worker; the first analysis loads them in a worker", async () => {
  const context = await site.newContext();
  const rec = recordResponses(context);
  const { page, problems } = await openPage(site, "/explorer", { context });
  await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"]')).waitFor({ timeout: 60_000 });
  const files = await rec.settle(3000);
  const w = byKind(files);
  console.log(`/explorer before input: JS ${w.js.files} files, ${formatBytes(w.js.raw)} raw, ${formatBytes(w.js.gzip)} gzip; WASM ${formatBytes(w.wasm.raw)}; model ${formatBytes(w.model.raw)}`);
  assert.ok(w.js.gzip <= BUDGET_GZIP, `JS ${formatBytes(w.js.gzip)} gzip > ${formatBytes(BUDGET_GZIP)}: ${files.filter((f) => f.kind === "js").map((f) => f.path).join(" ")}`);
  assert.equal(w.wasm.raw, 0, "no WASM");
  assert.equal(w.model.raw, 0, `no model files: ${files.filter((f) => f.kind === "model").map((f) => f.path)}`);
  assert.equal(page.workers().length, 0, "no worker yet");

  // The first request starts the worker, which downloads the engine and the weights.
  const later = recordResponses(context);
  const input = page.getByTestId("explorer-input");
  await input.fill("이 영화 정말 재밌다");
  await input.press("Enter");
  await page.locator('[data-testid="explorer-result"][data-state="done"]').waitFor({ timeout: 240_000 });
  const w2 = byKind(await later.settle(1000));
  assert.ok(page.workers().length >= 1, "the engine runs in a worker");
  assert.ok(w2.model.raw > 1_000_000, `the weights came after the request (${formatBytes(w2.model.raw)})`);
  assert.deepEqual(problems(), []);
  await context.close();
});
