// Gradients on every browser backend against the CPU backend, through the diagnostics page (/diagnostics).
// The page builds a tiny seeded BERT classifier, computes loss + all parameter gradients with gradientsFor on
// CPU, WebGPU, WebGL and WASM, and runs two AdamW steps on each (components/diagnostics/compare.ts).
// Headless Chromium with the harness flags has all three non-CPU backends (WebGPU and WebGL on SwiftShader):
// one missing is a failure, not a skip. Needs `npm run build` first.
//
// Tolerances: components/diagnostics/tolerances.ts (shared with the page's ✓/✗ column). Measured here
// (Debian Chromium headless, SwiftShader, tfjs 4.22, 2 busy cores), against CPU; largest |g_cpu| = 4.06e-3:
//   backend | |Δloss| | max |Δg| (where)            | max rel Δg | repeat Δ | gradients first / warm | 2 AdamW steps
//   webgpu  | 6.0e-8  | 1.5e-8 (classifier.bias)    | 3.8e-5     | 1.9e-9   | 2.7 s / 0.49 s         | 1.7 s
//   webgl   | 6.0e-8  | 3.0e-8 (classifier.bias)    | 3.6e-5     | 0        | 3.5 s / 0.28 s         | 2.2 s
//   wasm    | 6.0e-8  | 1.4e-8 (classifier.weight)  | 2.4e-5     | 0        | 48 ms / 49 ms          | 0.19 s
//   (cpu: 211 ms / 50 ms, steps 170 ms; whole page run ~13 s.) WebGPU is the only backend whose two identical
//   runs differ (1.9e-9): its scatter and split-K matMul shaders add partial sums with float atomics, in no
//   fixed order.
// Bounds: loss 1e-4, |Δg| 2e-6, relative 1e-3 for WebGPU/WASM; 10x looser for WebGL (its shaders use the GPU's
// exp/erf approximations and textures; on SwiftShader it happens to be as exact as WebGPU, on real GPUs it drifts).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, outputPath, startSite, type Site } from "./harness";
import type { BackendResult, DiagnosticsReport } from "../../components/diagnostics/compare";
import { TOLERANCES } from "../../components/diagnostics/tolerances";

const GPU_LIKE = ["webgpu", "webgl", "wasm"] as const;
let site: Site;

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const fmt = (x: number | undefined) => (x === undefined ? "-" : x.toExponential(2));

describe("backend diagnostics page", () => {
  test("WebGPU, WebGL and WASM compute the CPU's loss and gradients; training steps leak no tensors", { timeout: 15 * 60_000 }, async () => {
    const { page, problems, context, consoleLog } = await openPage(site, "/diagnostics?run=1");
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __diagnostics?: { status: string } }).__diagnostics?.status;
        return s === "done" || s === "error";
      },
      undefined,
      { timeout: 12 * 60_000, polling: 500 },
    );
    const report = (await page.evaluate(() => (window as unknown as { __diagnostics: unknown }).__diagnostics)) as DiagnosticsReport;
    await page.locator('[data-testid="diagnostics-status"][data-status="done"]').waitFor({ state: "attached", timeout: 10_000 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: outputPath("diagnostics.png"), fullPage: true });

    const by = new Map<string, BackendResult>(report.results.map((r) => [r.backend, r]));
    // The measured numbers, for the log (and for the comment at the top of this file).
    for (const r of report.results) {
      console.log(
        `${r.backend.padEnd(6)} available=${r.available}${r.reason ? ` (${r.reason})` : ""}${r.error ? ` ERROR ${r.error}` : ""}` +
          ` loss=${r.loss} |Δloss|=${fmt(r.lossDiff)} max|Δg|=${fmt(r.grads?.maxAbsDiff)} (${r.grads?.maxAbsParam})` +
          ` rel=${fmt(r.grads?.maxRelDiff)} (${r.grads?.maxRelParam}) repeat=${fmt(r.repeatDiff)}` +
          ` setup=${Math.round(r.setupMs ?? 0)}ms first=${Math.round(r.firstMs ?? 0)}ms warm=${Math.round(r.warmMs ?? 0)}ms` +
          ` steps=${r.step?.losses.map((l) => l.toFixed(6)).join(",")} eval=${r.step?.evalLossAfter} tensors=${r.step?.numTensors.join("→")}` +
          ` stepMs=${Math.round(r.step?.ms ?? 0)} leak=${r.leak}`,
      );
    }
    console.log(`total ${Math.round(report.totalMs ?? 0)} ms; max |g_cpu| = ${fmt(by.get("cpu")?.grads?.maxAbsGradCpu)}`);

    assert.equal(report.status, "done", `page error: ${report.error}`);
    const cpu = by.get("cpu");
    assert.ok(cpu?.available && !cpu.error, `cpu: ${cpu?.reason ?? cpu?.error}`);
    assert.ok(Math.abs(cpu.loss! - Math.LN2) < 0.05, `an untrained 2-class model starts near ln 2, got ${cpu.loss}`);

    for (const name of GPU_LIKE) {
      const r = by.get(name);
      assert.ok(r, `${name} did not run`);
      assert.ok(r.available, `${name} is not available in headless Chromium with the harness flags: ${r.reason}`);
      assert.equal(r.error, undefined, `${name} failed: ${r.error}`);
      const tol = TOLERANCES[name];
      const g = r.grads!;
      assert.deepEqual(g.missing, [], `${name}: parameters without a gradient`);
      assert.deepEqual(g.nonFinite, [], `${name}: NaN/Infinity in gradients`);
      assert.equal(g.perParam.length, cpu.grads!.perParam.length, `${name}: every parameter compared`);
      assert.ok(r.lossDiff! <= tol.loss, `${name}: |loss - cpu| = ${r.lossDiff} > ${tol.loss}`);
      assert.ok(g.maxAbsDiff <= tol.gradAbs, `${name}: max |Δgrad| = ${g.maxAbsDiff} (${g.maxAbsParam}) > ${tol.gradAbs}`);
      assert.ok(g.maxRelDiff <= tol.gradRel, `${name}: max relative Δgrad = ${g.maxRelDiff} (${g.maxRelParam}) > ${tol.gradRel}`);
      // The training steps use the same seeded dropout masks everywhere, so their losses agree too.
      for (let s = 0; s < 2; s++) {
        const d = Math.abs(r.step!.losses[s] - cpu.step!.losses[s]);
        assert.ok(d <= tol.loss, `${name}: training step ${s + 1} loss differs from cpu by ${d}`);
      }
    }
    for (const r of report.results) {
      assert.equal(r.step?.growth, 0, `${r.backend}: numTensors across two AdamW steps ${r.step?.numTensors.join(" → ")}`);
      assert.equal(r.leak, 0, `${r.backend}: ${r.leak} tensors left after the model and optimizer were disposed`);
    }

    // The page says the same: every row is ✓, none ✗.
    const table = await page.locator('[data-testid="diagnostics-table"]').innerText();
    assert.doesNotMatch(table, /✗/, table);
    assert.equal((table.match(/✓/g) ?? []).length, 4, table);
    assert.ok(await page.locator('[data-testid="diagnostics-json"]').count(), "the raw JSON is on the page");

    assert.deepEqual(problems(), [], consoleLog.join("\n"));
    await context.close();
  });
});
