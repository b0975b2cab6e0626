// Chapter 6's default fine-tuning run, as a reader gets it, timed in headless Chromium.
//
//   npm run build && npx tsx bench/chapter6-default.ts [wasm|webgl|webgpu|cpu ...] [--threads]
//
// Runs the chapter's cells in order with the config cell exactly as shipped (5,000 reviews, 1 epoch, batch 32,
// maxLen 64, lr 7e-4), except `backend`, which is set to each backend named on the command line (default: wasm).
// Prints the wall time of the training cell and of the evaluation cell, and the accuracy it reached.
// --threads: for wasm, runs it twice side by side: served without COOP/COEP (one thread, as on a plain host) and
// cross-origin isolated (the threaded build, on navigator.hardwareConcurrency threads up to 8), then the ratio.
// Not part of `npm test`: one run takes minutes on a CPU, and far longer on SwiftShader's WebGPU/WebGL.
import fs from "node:fs";
import { cellOutputText, openPage, runCell, startSite, typeIntoCell } from "../tests/browser/harness";
import { parseFlags } from "../scripts/cli-util";

const CHAPTER = "/learn/finetune";
const source = fs.readFileSync("content/06-finetune.mdx", "utf8");
const block = source.match(/<Cell id="config">\s*```ts\n([\s\S]*?)```/);
if (!block) throw new Error("content/06-finetune.mdx: no config cell");
const BACKENDS = ["wasm", "webgl", "webgpu", "cpu"];
const USAGE = `usage: npx tsx bench/chapter6-default.ts [${BACKENDS.join("|")} ...]`;
const flags = parseFlags(process.argv.slice(2), { threads: "boolean" }, USAGE, { positionals: true });
const named = flags._;
for (const b of named) if (!BACKENDS.includes(b)) { process.stderr.write(`unknown backend "${b}"\n${USAGE}\n`); process.exit(2); }
const backends = named.length ? named : ["wasm"];

interface Run { backend: string; isolated: boolean; threads: string; trainSeconds: number; evalSeconds: number; accuracyPercent: number | null; lossFirst10: number | null; lossLast10: number | null }
const runs: Run[] = [];
const plan = flags.threads ? backends.flatMap((b) => (b === "wasm" ? [{ b, isolated: false }, { b, isolated: true }] : [{ b, isolated: false }])) : backends.map((b) => ({ b, isolated: false }));
for (const { b: backend, isolated } of plan) {
  const site = await startSite({ isolation: isolated });
  try {
    const code = block[1].replace(/backend: null as/, `backend: ${JSON.stringify(backend)} as`);
    if (code === block[1]) throw new Error("the config cell no longer has `backend: null as ...`");
    const { page, context } = await openPage(site, CHAPTER);
    await typeIntoCell(page, "config", code);
    for (const id of ["load-data", "tokenize", "config", "prepare"]) {
      const status = await runCell(page, id, { timeout: 300_000 });
      if (status !== "ok") throw new Error(`${id}: ${await cellOutputText(page, id)}`);
    }
    let t = Date.now();
    const trainStatus = await runCell(page, "train", { timeout: 4 * 3600_000 });
    const trainS = (Date.now() - t) / 1000;
    const trainOut = await cellOutputText(page, "train");
    if (trainStatus !== "ok") throw new Error(`train: ${trainOut}`);
    t = Date.now();
    await runCell(page, "evaluate", { timeout: 1800_000 });
    const evalS = (Date.now() - t) / 1000;
    const evalOut = await cellOutputText(page, "evaluate");
    const acc = evalOut.match(/정확도 ([\d.]+)%/)?.[1];
    const loss = trainOut.match(/처음 10스텝 평균 loss ([\d.]+) → 마지막 10스텝 평균 loss ([\d.]+)/);
    const threads = (await page.getByTestId("kernel-detail").textContent().catch(() => null))?.match(/스레드 (\d+)개/)?.[1] ?? "-";
    const run: Run = {
      backend, isolated, threads, trainSeconds: Math.round(trainS), evalSeconds: Math.round(evalS), accuracyPercent: acc ? Number(acc) : null,
      lossFirst10: loss ? Number(loss[1]) : null, lossLast10: loss ? Number(loss[2]) : null,
    };
    runs.push(run);
    console.log(JSON.stringify(run));
    await context.close();
  } finally {
    await site.close();
  }
}
const one = runs.find((r) => r.backend === "wasm" && !r.isolated);
const many = runs.find((r) => r.backend === "wasm" && r.isolated);
if (one && many) console.log(JSON.stringify({ wasmThreads: many.threads, trainSpeedup: one.trainSeconds / many.trainSeconds, evalSpeedup: one.evalSeconds / many.evalSeconds }));
