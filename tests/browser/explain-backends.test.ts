// engine.explain on every browser backend (the chapter kernel, headless Chromium: WebGPU and WebGL on SwiftShader,
// WASM, CPU): the same five explanations of one sentence, and IG's completeness, on each. Gradients go through
// inputsEmbeds, so no backend-specific op is involved; this holds them to it. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, runInKernel, startSite, type Site } from "./harness";

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

interface Result { backend: string; probs: number[]; error: number; gap: number; methods: Record<string, number[]>; ms: number }

describe("engine.explain on every backend", () => {
  test("WebGPU, WebGL and WASM give the CPU's explanations; IG completes within 1% on each", { timeout: 10 * 60_000 }, async () => {
    const { page, problems, context } = await openPage(site, "/learn/attention");
    const r = await runInKernel(page, `
      const clf = await engine.loadClassifier("/models/classifier/");
      const out = [];
      for (const b of ["cpu", "wasm", "webgl", "webgpu"]) {
        await setBackend(b);
        const t0 = performance.now();
        const e = await engine.explain(clf, "배우들 연기가 정말 좋았고 음악도 감동적이었어요", { steps: 8 });
        out.push({ backend: tf.getBackend(), probs: e.probs, error: e.ig.error, gap: e.ig.fx - e.ig.fBaseline,
          methods: Object.fromEntries(e.methods.map((m) => [m.id, m.words])), ms: performance.now() - t0 });
      }
      JSON.stringify(out)`, { timeout: 9 * 60_000 });
    assert.ok(r.ok, r.text);
    const results = JSON.parse(r.text) as Result[];
    assert.deepEqual(results.map((x) => x.backend), ["cpu", "wasm", "webgl", "webgpu"]);
    const cpu = results[0];
    for (const x of results) {
      console.log(`${x.backend.padEnd(6)} ${Math.round(x.ms)} ms · IG error ${x.error.toExponential(2)} of ${x.gap.toFixed(4)}`);
      // 8 midpoint steps: the same quadrature on every backend, so the same (small) error.
      assert.ok(Math.abs(x.error) <= 0.01 * Math.abs(x.gap), `${x.backend}: completeness ${x.error} vs gap ${x.gap}`);
      x.probs.forEach((p, k) => assert.ok(Math.abs(p - cpu.probs[k]) < 1e-4, `${x.backend} prob ${k}: ${p} vs ${cpu.probs[k]}`));
      for (const [id, words] of Object.entries(x.methods)) {
        const scale = Math.max(...cpu.methods[id].map(Math.abs));
        words.forEach((v, i) => assert.ok(Math.abs(v - cpu.methods[id][i]) <= 1e-3 * scale + 1e-6, `${x.backend} ${id}[${i}]: ${v} vs cpu ${cpu.methods[id][i]}`));
      }
    }
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
