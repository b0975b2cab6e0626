// A reader without a GPU: Chromium launched with none of the harness's GPU flags (no --enable-unsafe-webgpu,
// no SwiftShader for ANGLE). What Chromium still offers here is a software GPU at best, which is slower than
// WASM, so the kernel must choose WASM by itself, say why where the reader looks, and every chapter must run
// to its end with 모두 실행 and its default config. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cellBackend, cellOutputText, cellSel, openPage, outputPath, ROOT, runAllCells, runCell, GPU_FLAGS, startSite, type Site } from "./harness";

let site: Site;

before(async () => {
  site = await startSite({ omitArgs: GPU_FLAGS });
});
after(async () => {
  await site?.close();
});

const files = fs.readdirSync(path.join(ROOT, "content")).filter((f) => f.endsWith(".mdx")).sort();
const chapters = files.map((f) => f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, ""));
// Chapters with cells to run; the glossary has none (and no kernel bar, so no 모두 실행 button).
const runnable = files.filter((f) => /^<Cell[\s>]/m.test(fs.readFileSync(path.join(ROOT, "content", f), "utf8")))
  .map((f) => f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, ""));
const GUIDE = chapters.includes("cells") ? "/learn/cells" : "/learn/sample";

describe("a browser with no GPU", () => {
  test("the kernel chooses WASM and says why, in the first cell and in the kernel bar", async () => {
    const { page, problems, context } = await openPage(site, GUIDE);
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string } } | null> } }).gpu;
      if (!gpu) return "no navigator.gpu";
      const a = await gpu.requestAdapter();
      return a ? `adapter ${a.info?.architecture}` : "no adapter";
    });
    console.log(`# WebGPU here: ${adapter}`);
    assert.ok(!/^adapter (?!swiftshader)/.test(adapter), `this Chromium offers a real WebGPU adapter (${adapter}): the test proves nothing`);

    assert.equal(await runCell(page, "tensor"), "ok");
    assert.equal(await cellBackend(page, "tensor"), "wasm");
    const out = await cellOutputText(page, "tensor");
    assert.match(out, /WebGPU, WebGL을 쓸 수 없어 WASM으로 실행합니다: /, "the fallback is said in the cell's output");
    assert.match(out, /WebGPU: \S/, "with WebGPU's reason");
    assert.match(out, /WebGL: \S/, "with WebGL's reason");
    assert.doesNotMatch(out, /\n\s+at /, "a reason, not a stack trace");
    assert.match(out, /\[\[\s*7,\s*10\],\s*\[15,\s*22\]\]/, "the matMul result is right");
    assert.equal(await runCell(page, "hello"), "ok");
    assert.doesNotMatch(await cellOutputText(page, "hello"), /WebGPU/, "the note is said once");

    const bar = page.getByTestId("kernel-bar");
    assert.match(await bar.innerText(), /못 쓴 백엔드: webgpu, webgl/);
    assert.equal(await bar.locator("select").inputValue(), "wasm");
    // What WASM runs on: the site is cross-origin isolated by default, so every core up to 8 (one thread and why:
    // isolation.test.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(await bar.getByTestId("kernel-detail").innerText(), `WASM · SIMD · 스레드 ${Math.min(8, cores)}개`);
    await bar.getByTestId("kernel-why").locator("summary").click();
    const why = await bar.getByTestId("kernel-why").innerText();
    assert.match(why, /webgpu: \S/);
    assert.match(why, /webgl: \S/);
    console.log(`# kernel bar: ${why.replace(/\n/g, " | ")}`);

    // The guide's backends cell: unavailable backends are rows that say so, and the cell itself succeeds.
    assert.equal(await runCell(page, "backends"), "ok", await cellOutputText(page, "backends"));
    const table = await cellOutputText(page, "backends");
    assert.match(table, /wasm\s+14/);
    assert.match(table, /webgpu\s+(14|쓸 수 없음)/);
    assert.equal(await cellBackend(page, "backends"), "wasm", "and it goes back to the automatic choice");

    // Picking WebGPU by hand in the bar: refused with the reason, in the bar, and the kernel stays on WASM.
    await bar.locator("select").selectOption("webgpu");
    const refused = bar.getByTestId("kernel-backend-error");
    await refused.waitFor({ timeout: 30_000 });
    assert.match(await refused.innerText(), /'webgpu' 백엔드를 쓸 수 없습니다: \S/);
    assert.equal(await bar.locator("select").inputValue(), "wasm");

    await page.locator(cellSel("tensor")).scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("no-gpu.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });

  for (const slug of runnable) {
    test(`모두 실행 runs chapter '${slug}' to its end with its default config`, { timeout: 40 * 60_000 }, async () => {
      const t0 = Date.now();
      const { page, problems, context } = await openPage(site, `/learn/${slug}`);
      const ids = await runAllCells(page, slug);
      const backends = new Set(await Promise.all(ids.map((id) => cellBackend(page, id))));
      assert.ok(!backends.has("webgl") && !backends.has("webgpu"), `no software GPU was used: ${[...backends]}`);
      if (slug === "finetune") {
        // The file picker did not hold the run up: it said it was skipped.
        assert.match(await cellOutputText(page, "upload"), /모두 실행 중이라 파일 선택을 건너뛰었습니다/);
        const evalOut = await cellOutputText(page, "evaluate");
        console.log(`# finetune default run: ${evalOut.match(/정확도 [\d.]+%[^\n]*/)?.[0]}`);
      }
      console.log(`# ${slug}: ${ids.length} cells in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      assert.deepEqual(problems(), []);
      await context.close();
    });
  }
});
