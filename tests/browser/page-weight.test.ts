// Page weight before the reader's first input (issue #28): all the JavaScript Chromium receives (the page, its
// workers, Next's prefetches), as gzip bytes, within each page's budget; no model bytes anywhere; Monaco only
// after the reader points at a cell. Figures go to test-output/page-weight.json (npm run bench:pages compares
// builds and adds Lighthouse).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { listChapters } from "../../app/chapters";
import { jsBudget, pageWeight, type PageWeight } from "../../bench/page-weight";
import { cellSel, openPage, outputPath, startSite, type Site } from "./harness";

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe("page weight", () => {
  test("every page's JavaScript within its gzip budget, and no model bytes before the first input", { timeout: 20 * 60_000 }, async () => {
    const chapters = await listChapters();
    const pages = ["/", ...chapters.map((c) => `/learn/${c.slug}`), "/explorer", "/diagnostics", "/no-such-page"];
    const results: PageWeight[] = [];
    for (const p of pages) results.push(await pageWeight(site, p));
    fs.writeFileSync(outputPath("page-weight.json"), JSON.stringify(results, null, 1));
    const over = results.filter((r) => r.kinds.js.gzip > jsBudget(r.path)).map((r) => `${r.path}: ${r.kinds.js.gzip} B > ${jsBudget(r.path)} B`);
    const models = results.filter((r) => r.kinds.model.raw > 0).map((r) => `${r.path}: ${r.kinds.model.raw} B of model`);
    for (const r of results) console.log(`${r.path}: JS ${(r.kinds.js.gzip / 1000).toFixed(0)} KB gzip (${(r.kinds.js.raw / 1000).toFixed(0)} KB raw, ${r.kinds.js.files} files), wasm ${r.kinds.wasm.raw} B`);
    assert.deepEqual([...over, ...models], []);
    // The 404 page is a real page (a budget that passed on an error page would prove nothing).
    assert.ok(results.every((r) => r.kinds.html.files >= 1 && r.kinds.js.files >= 1), "every page got its HTML and scripts");
  });

  test("Monaco loads when the reader points at a cell, not before", { timeout: 5 * 60_000 }, async () => {
    const { page, context } = await openPage(site, "/learn/cells");
    await page.mouse.move(0, 0);
    await page.waitForTimeout(3000);
    assert.equal(await page.locator(".monaco-editor").count(), 0, "no Monaco before any input");
    assert.ok(await page.locator(`${cellSel("hello")} pre.static-code`).isVisible(), "the static code shows");
    await page.locator(`${cellSel("hello")} .cell-code`).hover();
    await page.locator(`${cellSel("hello")} .monaco-editor`).waitFor({ state: "visible", timeout: 60_000 });
    await context.close();
  });
});
