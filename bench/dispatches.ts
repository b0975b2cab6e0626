// GPU work per BERT-mini training step on WebGPU and WebGL, counted in headless Chromium (SwiftShader here).
//
//   npm run build && npx tsx bench/dispatches.ts [webgpu webgl] [--dir out] [--dir2 /other/out] [--batch 2] [--seq 16]
//
// On a real GPU a small model's step is bound by how many programs it dispatches and how many buffers it uploads,
// not by FLOPs; the counts do not depend on the GPU, so SwiftShader gives the same numbers as a laptop. Counted:
//   dispatches: calls of the backend's runWebGPUProgram / runWebGLProgram (one shader program each),
//   uploads:    CPU -> GPU copies (uploadToGPU calls that find CPU values and no GPU copy),
//   kernels:    tfjs kernels in tf.profile (customGrad wrappers left out).
// --dir2 counts a second build (e.g. an older commit's out/) in the same run, for a before/after.
// --adamw-groups N sets AdamW's groupElements (0 = one tensor at a time; default: the backend's, see adamw.ts).
// Not part of `npm test`: a step on SwiftShader takes tens of seconds.
import path from "node:path";
import { openPage, runInKernel, startSite } from "../tests/browser/harness";
import { parseFlags } from "../scripts/cli-util";

const USAGE = "usage: npx tsx bench/dispatches.ts [webgpu] [webgl] [--dir out] [--dir2 <out>] [--batch 2] [--seq 16] [--adamw-groups N]";
const flags = parseFlags(process.argv.slice(2), { dir: "string", dir2: "string", batch: "number", seq: "number", "adamw-groups": "number" }, USAGE, { positionals: true });
const adamwOptions = flags["adamw-groups"] === undefined ? "{}" : JSON.stringify({ groupElements: flags["adamw-groups"] });
const backends = flags._.length ? flags._ : ["webgpu", "webgl"];
for (const b of backends) if (b !== "webgpu" && b !== "webgl") { process.stderr.write(`unknown backend "${b}"\n${USAGE}\n`); process.exit(2); }
const B = flags.batch ?? 2, T = flags.seq ?? 16;
const dirs = [flags.dir ?? "out", ...(flags.dir2 ? [flags.dir2] : [])].map((d) => path.resolve(d));

// Plain JS, run in the chapter kernel (globals: tf, engine, setBackend).
const source = (backend: string) => `
await setBackend(${JSON.stringify(backend)});
const { BertForSequenceClassification, makeConfig, AdamW, trainStep } = engine;
const config = makeConfig("mini", { vocab_size: 12000, num_labels: 2 });
const model = BertForSequenceClassification.create(config, 0);
const opt = new AdamW(model.params, ${adamwOptions});
const B = ${B}, T = ${T};
const batch = { inputIds: Int32Array.from({ length: B * T }, (_, i) => 5 + ((i * 7919) % 11990)), batchSize: B, seqLen: T };
const labels = Array.from({ length: B }, (_, i) => i % 2);
const be = tf.backend();
const counts = { dispatches: 0, uploads: 0 };
const wrap = (name, key) => {
  const f = be[name];
  if (typeof f !== "function") return false;
  be[name] = function (...a) { counts[key]++; return f.apply(this, a); };
  return true;
};
const counted = wrap("runWebGPUProgram", "dispatches") || wrap("runWebGLProgram", "dispatches");
// An upload is an uploadToGPU call that finds CPU values and no GPU copy yet (most calls find one and return).
const up = be.uploadToGPU;
if (typeof up === "function") be.uploadToGPU = function (dataId) {
  const d = (be.texData ?? be.tensorMap).get(dataId);
  if (d && d.values != null && (be.texData ? d.texture == null : d.resource == null)) counts.uploads++;
  return up.call(this, dataId);
};
const step = async (seed) => {
  const r = trainStep(model, batch, labels, opt, { lr: 5e-5, clipNorm: 1, seed });
  await r.loss.data();
  tf.dispose([r.loss, r.correct, r.gradNorm]);
};
await step(0);                        // warm-up: shaders compiled, weights uploaded
counts.dispatches = 0; counts.uploads = 0;
const t0 = performance.now();
await step(1);
const ms = performance.now() - t0;
const { dispatches, uploads } = counts;
const info = await tf.profile(() => step(2));
const kernels = info.kernels.filter((k) => k.name !== "forward").length;
JSON.stringify({ backend: tf.getBackend(), counted, dispatches, uploads, kernels, ms: Math.round(ms) });
`;

interface Row { build: string; backend: string; dispatches: number; uploads: number; kernels: number; ms: number }
const rows: Row[] = [];
for (const dir of dirs) {
  const site = await startSite({ dir });
  try {
    for (const backend of backends) {
      const { page, context } = await openPage(site, "/learn/cells");
      const r = await runInKernel(page, source(backend), { timeout: 900_000 });
      await context.close();
      if (!r.ok) throw new Error(`${backend} in ${dir}: ${r.text}`);
      const j = JSON.parse(r.text.replace(/^"|"$/g, "").replace(/\\"/g, '"'));
      if (j.backend !== backend) throw new Error(`${backend} in ${dir}: the kernel ran on ${j.backend}`);
      if (!j.counted) throw new Error(`${backend}: no run*Program method to count on this tfjs`);
      const row = { build: path.relative(process.cwd(), dir) || dir, backend, dispatches: j.dispatches, uploads: j.uploads, kernels: j.kernels, ms: j.ms };
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  } finally {
    await site.close();
  }
}
console.log(`\nBERT-mini training step, batch ${B} x ${T}: GPU programs dispatched, uploads, tfjs kernels (SwiftShader: time is CPU emulation)`);
console.log(`${"build".padEnd(28)}${"backend".padEnd(9)}${"dispatches".padEnd(12)}${"uploads".padEnd(9)}${"kernels".padEnd(9)}ms`);
for (const r of rows) console.log(`${r.build.slice(-27).padEnd(28)}${r.backend.padEnd(9)}${String(r.dispatches).padEnd(12)}${String(r.uploads).padEnd(9)}${String(r.kernels).padEnd(9)}${r.ms}`);
console.log(JSON.stringify({ batch: B, seq: T, rows }));
