// Cross-origin isolation and WASM threads (issue #15). Served with COOP/COEP/CORP (the default of `npm run serve` and
// startSite()) the site is cross-origin isolated by the headers, registers no service worker, tfjs-wasm runs its
// threaded build on more than one thread (lib/runtime/wasm-threads.ts), the numbers are right, and every page loads
// with nothing blocked by require-corp (fonts, WASM, workers, Monaco, model and data files). Served without the
// headers (a static host such as GitHub Pages) the service worker public/coi-sw.js isolates the page after exactly
// one reload, and a tab where even that did not isolate never reloads again and says why in the kernel bar.
// Needs `npm run build` first.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page, Request } from "playwright-core";
import { GPU_FLAGS, openPage, outputPath, ROOT, runCell, runInKernel, startSite, waitForEditor, type Site } from "./harness";

// No GPU flags: the automatic choice is WASM, as for a reader without a usable GPU.
const chapters = fs.readdirSync(path.join(ROOT, "content")).filter((f) => f.endsWith(".mdx")).sort()
  .map((f) => `/learn/${f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "")}`);
const sites: Site[] = [];
after(async () => { for (const s of sites) await s.close(); });

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated);
const coi = (page: Page) => page.evaluate(() => ({ coi: document.documentElement.dataset.coi, reason: document.documentElement.dataset.coiReason }));
const registrations = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
const controller = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

/** Main-frame navigations of the context's pages, by path (request events, not load events; not the worker's own fetches). */
function countNavigations(context: BrowserContext): Map<string, number> {
  const n = new Map<string, number>();
  context.on("request", (r: Request) => {
    if (r.serviceWorker() || !r.isNavigationRequest() || r.frame().parentFrame()) return;
    const p = new URL(r.url()).pathname;
    n.set(p, (n.get(p) ?? 0) + 1);
  });
  return n;
}

/** The kernel bar's WASM detail after a first cell ran, and the thread count in it. */
async function wasmThreads(page: Page): Promise<{ detail: string; threads: number }> {
  assert.equal(await runCell(page, "tensor"), "ok");
  const detail = await page.getByTestId("kernel-detail").innerText({ timeout: 30_000 });
  const m = /WASM · SIMD · 스레드 (\d+)개/.exec(detail);
  assert.ok(m, `kernel bar: ${detail}`);
  return { detail, threads: Number(m[1]) };
}

describe("cross-origin isolation", () => {
  test("served with COOP/COEP (the default): isolated by the headers, no service worker, WASM on more than one thread, every page loads with no error", { timeout: 10 * 60_000 }, async () => {
    const site = await startSite({ omitArgs: GPU_FLAGS });
    sites.push(site);
    for (const p of ["/", ...chapters, "/explorer", "/diagnostics"]) {
      const { page, problems, context } = await openPage(site, p);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      assert.equal(await isolated(page), true, `${p} is cross-origin isolated`);
      assert.deepEqual(await coi(page), { coi: "headers", reason: undefined }, `${p}: isolated by the headers`);
      if (p === "/learn/cells") {
        await waitForEditor(page, "hello");   // Monaco and its workers under require-corp
        const { detail, threads } = await wasmThreads(page);
        // Real work on the threads: a matMul XNNPACK splits, checked against its exact sum.
        const mm = await runInKernel(page, "const a = tf.ones([256, 256]); (await tf.matMul(a, a).sum().data())[0]");
        assert.equal(mm.text, String(256 * 256 * 256), mm.text);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        console.log(`# ${detail} (hardwareConcurrency ${cores})`);
        assert.equal(threads, Math.min(8, cores));
        assert.ok(threads > 1, `threads ${threads}`);
        assert.equal((await runInKernel(page, "self.crossOriginIsolated")).text, "true", "the kernel worker is isolated too");
        await page.getByTestId("kernel-bar").screenshot({ path: outputPath("kernel-bar-threads.png") });
      }
      assert.equal(await registrations(page), 0, `${p}: no service worker registered`);
      assert.equal(await controller(page), null);
      assert.equal(context.serviceWorkers().length, 0);
      assert.deepEqual(problems(), [], `${p}: ${problems().join("\n")}`);
      await context.close();
    }
  });

  test("served without the headers (a static host): the service worker isolates the page after one reload, and only once", { timeout: 10 * 60_000 }, async () => {
    const site = await startSite({ isolation: false, serviceWorkers: "allow", omitArgs: GPU_FLAGS });
    sites.push(site);
    const context = await site.newContext();
    const navigations = countNavigations(context);
    const { page, problems } = await openPage(site, "/learn/cells", { context });
    // The first load registers the worker and reloads by itself once it is in control.
    await page.waitForFunction(() => document.documentElement.dataset.coi === "sw", undefined, { timeout: 60_000 });
    await page.waitForLoadState("load");
    assert.equal(await isolated(page), true);
    assert.deepEqual(await coi(page), { coi: "sw", reason: undefined });
    assert.match((await controller(page)) ?? "", /\/coi-sw\.js$/);
    assert.equal(await registrations(page), 1);
    assert.equal(context.serviceWorkers().length, 1);
    assert.equal(await page.evaluate(() => location.href), site.url + "/learn/cells", "the trip's query marker is gone from the URL");
    assert.equal(await page.evaluate(() => sessionStorage.getItem("bert-lab:coi-reload")), null, "no note that the worker failed");

    await waitForEditor(page, "hello");   // Monaco and its workers through the service worker
    const { detail, threads } = await wasmThreads(page);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    console.log(`# service worker: ${detail} (hardwareConcurrency ${cores})`);
    assert.equal(threads, Math.min(8, cores));
    assert.ok(threads > 1, `threads ${threads}`);
    assert.equal((await runInKernel(page, "self.crossOriginIsolated")).text, "true", "the kernel worker is isolated too");
    const mm = await runInKernel(page, "const a = tf.ones([256, 256]); (await tf.matMul(a, a).sum().data())[0]");
    assert.equal(mm.text, String(256 * 256 * 256), mm.text);
    assert.equal(navigations.get("/learn/cells"), 2, `navigations: ${JSON.stringify([...navigations])}`);
    assert.deepEqual(problems(), [], problems().join("\n"));

    // A second page in the same context is controlled from its first request: isolated, no reload.
    const second = await openPage(site, "/learn/finetune", { context });
    await second.page.evaluate(() => document.fonts.ready.then(() => undefined));
    assert.equal(await isolated(second.page), true);
    assert.deepEqual(await coi(second.page), { coi: "sw", reason: undefined });
    await second.page.waitForTimeout(2_000);   // time for a reload that must not come
    assert.equal(navigations.get("/learn/finetune"), 1, `navigations: ${JSON.stringify([...navigations])}`);
    // Data files through the worker, and the kernel bar of a chapter page on threads.
    assert.equal(await runCell(second.page, "load-data", { timeout: 180_000 }), "ok");
    assert.equal(await second.page.getByTestId("kernel-detail").innerText(), `WASM · SIMD · 스레드 ${threads}개`);
    await second.page.getByTestId("kernel-bar").scrollIntoViewIfNeeded();
    await second.page.screenshot({ path: outputPath("kernel-bar-threads-finetune-sw.png") });
    assert.deepEqual(second.problems(), [], second.problems().join("\n"));
    await context.close();
  });

  test("not isolated: a tab that reloaded once does not reload again, a browser that refuses the worker stays put, and the kernel bar says why once", { timeout: 6 * 60_000 }, async () => {
    // No headers and (the harness's default without them) no service workers: bench/chapter6-default.ts's one-thread baseline.
    const site = await startSite({ isolation: false, omitArgs: GPU_FLAGS });
    sites.push(site);
    const oneThread = async (page: Page, reason: RegExp): Promise<string> => {
      const detail = page.getByTestId("kernel-detail");
      assert.equal(await detail.locator("summary").innerText(), "WASM · SIMD · 스레드 1개");
      await detail.locator("summary").click();
      const why = await detail.locator("p").innerText();
      assert.match(why, /^이 페이지가 교차 출처 격리\(COOP\/COEP 헤더\)가 아니라서 SharedArrayBuffer를 쓸 수 없습니다\. 이 기기의 코어 \d+개 가운데 하나만 씁니다\. /);
      assert.match(why, reason);
      assert.equal(why.match(/서비스 워커/g)?.length, 1, `the worker is named once: ${why}`);
      return why;
    };

    // 1. As after the one reload on a host where even the worker could not isolate the page: the guard is set.
    {
      const context = await site.newContext({ serviceWorkers: "allow" });
      await context.addInitScript(() => sessionStorage.setItem("bert-lab:coi-reload", "1"));
      const navigations = countNavigations(context);
      const { page, problems } = await openPage(site, "/learn/finetune", { context });
      assert.deepEqual(await coi(page), { coi: "off", reason: "reloaded" });
      assert.equal(await isolated(page), false);
      assert.equal(await registrations(page), 0, "no worker registered in a tab that gave up");
      await page.waitForTimeout(2_000);   // time for a reload that must not come
      assert.equal(navigations.get("/learn/finetune"), 1);
      assert.equal(await runCell(page, "load-data", { timeout: 180_000 }), "ok");
      const why = await oneThread(page, /격리용 서비스 워커를 켜고 다시 불러왔지만 격리되지 않았습니다\.$/);
      console.log(`# one thread: ${why}`);
      await page.getByTestId("kernel-bar").scrollIntoViewIfNeeded();
      await page.screenshot({ path: outputPath("kernel-bar-one-thread-finetune.png") });
      assert.deepEqual(problems(), [], problems().join("\n"));
      await context.close();
    }

    // 2. A browser that refuses the registration: no reload, one thread, and why.
    {
      const context = await site.newContext();
      const navigations = countNavigations(context);
      const { page, problems } = await openPage(site, "/learn/cells", { context });
      await page.waitForFunction(() => document.documentElement.dataset.coi === "off", undefined, { timeout: 30_000 });
      assert.deepEqual(await coi(page), { coi: "off", reason: "sw-failed" });
      await page.waitForTimeout(2_000);
      assert.equal(navigations.get("/learn/cells"), 1);
      assert.equal(await runCell(page, "tensor"), "ok");
      await oneThread(page, /격리용 서비스 워커를 등록하지 못했습니다\.$/);
      assert.deepEqual(problems(), [], problems().join("\n"));
      await context.close();
    }
  });
});
