// Cross-origin isolation and WASM threads (issue: CPU speed). Served with COOP/COEP (serve --isolation) the site is
// cross-origin isolated, tfjs-wasm runs its threaded build on more than one thread (lib/runtime/wasm-threads.ts),
// the numbers are right, and every page still loads with nothing blocked by require-corp (fonts, WASM, workers,
// Monaco, model and data files). Needs `npm run build` first.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { openPage, outputPath, ROOT, runCell, runInKernel, startSite, waitForEditor, type Site } from "./harness";

// No GPU flags: the automatic choice is WASM, as for a reader without a usable GPU.
const GPU_FLAGS = ["--enable-unsafe-webgpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"];
const chapters = fs.readdirSync(path.join(ROOT, "content")).filter((f) => f.endsWith(".mdx")).sort()
  .map((f) => `/learn/${f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "")}`);
const sites: Site[] = [];
after(async () => { for (const s of sites) await s.close(); });

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated);

/** The kernel bar's WASM detail after a first cell ran, and the thread count in it. */
async function wasmThreads(page: Page): Promise<{ detail: string; threads: number }> {
  assert.equal(await runCell(page, "tensor"), "ok");
  const detail = await page.getByTestId("kernel-detail").innerText({ timeout: 30_000 });
  const m = /WASM · SIMD · 스레드 (\d+)개/.exec(detail);
  assert.ok(m, `kernel bar: ${detail}`);
  return { detail, threads: Number(m[1]) };
}

describe("cross-origin isolation", () => {
  test("served with COOP/COEP: isolated, WASM on more than one thread, every page loads with no error", { timeout: 10 * 60_000 }, async () => {
    const site = await startSite({ isolation: true, omitArgs: GPU_FLAGS });
    sites.push(site);
    for (const p of ["/", ...chapters, "/explorer", "/diagnostics"]) {
      const { page, problems, context } = await openPage(site, p);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      assert.equal(await isolated(page), true, `${p} is cross-origin isolated`);
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
      assert.deepEqual(problems(), [], `${p}: ${problems().join("\n")}`);
      await context.close();
    }
  });
});
