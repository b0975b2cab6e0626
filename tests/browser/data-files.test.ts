// The NSMC files as a reader's browser gets them: gzipped, fetched and gunzipped in the kernel by engine.fetchText,
// with a progress panel in bytes. Chapter 6's data cell over a slow link (the panel mid-download: bytes of total, %,
// speed, time left; then what was received and unpacked), from a server that sends `Content-Encoding: gzip` (the
// browser decodes, no second gunzip), a 404, a corrupt file, and the panel's Stop. Through tests/browser/proxy.ts in
// front of the harness's server. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { cellOutputText, cellSel, openPage, OUT_DIR, outputPath, runCell, startSite, waitForStatus, type Site } from "./harness";
import { startProxy, type Proxy } from "./proxy";
import { formatBytes } from "../../lib/format";

const CHAPTER = "/learn/finetune";
const CELL = "load-data";
const FILES = ["ratings_train.txt.gz", "ratings_test.txt.gz"];
const size = (f: string) => fs.statSync(path.join(OUT_DIR, "data/nsmc", f)).size;

let site: Site;
let proxy: Proxy;
before(async () => {
  site = await startSite();
  proxy = await startProxy(site);
});
after(async () => {
  await proxy?.close();
  await site?.close();
});

const panels = (page: Page) => page.locator(cellSel(CELL)).getByTestId("fetch-progress");

/** Clicks the cell's 실행 and waits until the first download has run long enough to show its time left. */
async function startAndCatchMidway(page: Page): Promise<void> {
  await page.locator(cellSel(CELL)).scrollIntoViewIfNeeded();
  await page.locator(cellSel(CELL)).locator("button.btn-run").click();
  await page.waitForFunction((sel) => {
    const p = document.querySelector(`${sel} [data-testid="fetch-progress"]`) as HTMLElement | null;
    return !!p && p.dataset.status === "running" && Number(p.dataset.step) > 0 && p.innerText.includes("남은 시간");
  }, cellSel(CELL), { timeout: 60_000 });
}

describe("NSMC data files: gzipped, gunzipped in the page with progress", () => {
  test("chapter 6's data cell over a slow link: bytes of total, %, speed and time left, then received and unpacked", { timeout: 5 * 60_000 }, async () => {
    proxy.gz = "as-is";
    proxy.bytesPerSecond = 2 * 2 ** 20;
    const { page, problems } = await openPage(proxy.site, CHAPTER);
    proxy.sent.clear();
    await startAndCatchMidway(page);
    const mid = panels(page).first();
    const label = await mid.locator("[role=progressbar]").innerText();
    assert.match(label, new RegExp(`^[\\d.]+ (B|KiB|MiB) / ${formatBytes(size(FILES[0]), 1).replace(".", "\\.")} · [\\d.]+%$`), label);
    const midText = await mid.innerText();
    assert.match(midText, /ratings_train\.txt\.gz 받기/);
    assert.match(midText, /속도\s*[\d.]+ MiB\/초/);
    assert.match(midText, /남은 시간\s*\d+초/);
    assert.match(midText, /■ 받기 멈추기/);
    await page.locator(cellSel(CELL)).screenshot({ path: outputPath("data-files-midway.png") });

    assert.equal(await waitForStatus(page, CELL, ["ok", "error", "stopped"], 120_000), "ok", await cellOutputText(page, CELL));
    assert.equal(await panels(page).count(), 2, "one panel per file");
    for (const [i, f] of FILES.entries()) {
      const p = panels(page).nth(i);
      assert.equal(await p.getAttribute("data-status"), "done");
      assert.equal(Number(await p.getAttribute("data-step")), size(f));
      assert.match(await p.innerText(), new RegExp(`${formatBytes(size(f)).replace(".", "\\.")}를 받아 [\\d.]+ MiB로 풀었습니다`));
      assert.equal(proxy.sent.get(`/data/nsmc/${f}`), size(f), `${f}: the gzip bytes went over the network, once`);
    }
    assert.deepEqual([...proxy.sent.keys()].filter((k) => k.startsWith("/data/")).sort(), FILES.map((f) => `/data/nsmc/${f}`).sort());
    const out = await cellOutputText(page, CELL);
    assert.match(out, /ratings_train\.txt\.gz\s+149992\s+\d+\s+8/);
    assert.match(out, /ratings_test\.txt\.gz\s+49999\s+\d+\s+1/);
    await page.locator(cellSel(CELL)).screenshot({ path: outputPath("data-files-done.png") });
    assert.deepEqual(problems(), []);
  });

  test("a server that sends Content-Encoding: gzip: the browser has decoded it, the rows are the same", { timeout: 3 * 60_000 }, async () => {
    proxy.gz = "content-encoding";
    proxy.bytesPerSecond = null;
    const { page, problems } = await openPage(proxy.site, CHAPTER);
    assert.equal(await runCell(page, CELL), "ok", await cellOutputText(page, CELL));
    const out = await cellOutputText(page, CELL);
    assert.match(out, /ratings_train\.txt\.gz\s+149992\s+\d+\s+8/);
    assert.match(out, /ratings_test\.txt\.gz\s+49999\s+\d+\s+1/);
    const note = await panels(page).first().innerText();
    assert.match(note, /MiB를 받았습니다/);
    assert.doesNotMatch(note, /풀었습니다/, "no second gunzip");
    assert.deepEqual(problems(), []);
  });

  test("a 404 and a corrupt file: the cell fails with a Korean message naming the file", { timeout: 3 * 60_000 }, async () => {
    proxy.bytesPerSecond = null;
    const { page, problems } = await openPage(proxy.site, CHAPTER);
    proxy.gz = "missing";
    assert.equal(await runCell(page, CELL), "error");
    assert.match(await cellOutputText(page, CELL), /ratings_train\.txt\.gz을\(를\) 받지 못했습니다: HTTP 404 Not Found \(파일이 서버에 없습니다\)/);
    assert.equal(await panels(page).first().getAttribute("data-status"), "error");
    proxy.gz = "corrupt";
    assert.equal(await runCell(page, CELL), "error");
    assert.match(await cellOutputText(page, CELL), /ratings_train\.txt\.gz: gzip 압축을 풀지 못했습니다\. 파일이 손상되었거나 잘렸습니다/);
    // The 404 is the point of this test; nothing else may go wrong.
    assert.deepEqual(problems().filter((p) => !/404/.test(p)), []);
  });

  test("the panel's Stop aborts the download; the kernel lives on", { timeout: 3 * 60_000 }, async () => {
    proxy.gz = "as-is";
    proxy.bytesPerSecond = 256 * 1024;
    const { page, problems } = await openPage(proxy.site, CHAPTER);
    await startAndCatchMidway(page);
    await panels(page).first().getByRole("button", { name: "■ 받기 멈추기" }).click();
    const status = await waitForStatus(page, CELL, ["ok", "error", "stopped"], 30_000);
    assert.notEqual(status, "ok");
    assert.match(await cellOutputText(page, CELL), /ratings_train\.txt\.gz 받기를 멈췄습니다/);
    assert.equal(await panels(page).first().getAttribute("data-status"), "stopped");
    proxy.bytesPerSecond = null;
    assert.equal(await runCell(page, CELL), "ok", "the same kernel runs it again");
    assert.deepEqual(problems(), []);
  });
});
