// Cells keep working in a browser without WebGPU: Chromium launched WITHOUT --enable-unsafe-webgpu.
// The kernel must fall back to WebGL and say so where the reader looks: in the first cell's output
// ("WebGPU를 쓸 수 없어 WebGL로 실행합니다: <reason>") and in the kernel bar. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cellBackend, cellOutputText, openPage, outputPath, runCell, startSite, type Site } from "./harness";

let site: Site;

before(async () => {
  site = await startSite({ omitArgs: ["--enable-unsafe-webgpu"] });
});
after(async () => {
  await site?.close();
});

describe("kernel without WebGPU", () => {
  test("a tf cell runs on WebGL and the output says why WebGPU was not used", async () => {
    const { page, problems, context } = await openPage(site, "/learn/sample");
    // Is WebGPU really missing here? (navigator.gpu may exist but give no adapter.)
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) return "no navigator.gpu";
      return (await gpu.requestAdapter()) ? "adapter" : "no adapter";
    });
    assert.notEqual(adapter, "adapter", "this Chromium offers WebGPU even without --enable-unsafe-webgpu: the test proves nothing");

    assert.equal(await runCell(page, "tensor"), "ok");
    assert.equal(await cellBackend(page, "tensor"), "webgl");
    const out = await cellOutputText(page, "tensor");
    assert.match(out, /WebGPU를 쓸 수 없어 WebGL로 실행합니다: \S/, "the fallback is said in the cell's output, with a reason");
    assert.doesNotMatch(out, /\n\s+at /, "a reason, not a stack trace");
    assert.match(out, /백엔드: webgl/);
    assert.match(out, /\[\[\s*7,\s*10\],\s*\[15,\s*22\]\]/, "the matMul result is right");
    // The fallback note is said once, not in every cell.
    assert.equal(await runCell(page, "hello"), "ok");
    assert.doesNotMatch(await cellOutputText(page, "hello"), /WebGPU/);
    // The kernel bar lists the backend it could not use.
    assert.match(await page.locator('[data-testid="kernel-bar"]').innerText(), /못 쓴 백엔드: webgpu/);
    assert.match(await page.locator('[data-testid="kernel-bar"] select').inputValue(), /webgl/);

    await page.locator('section.cell[data-cell-id="tensor"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("no-webgpu.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
