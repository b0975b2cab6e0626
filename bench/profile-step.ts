// Where a BERT-mini training step spends its time, per tfjs kernel (tf.profile), on one Node backend.
//   npx tsx bench/profile-step.ts [--backend wasm] [--batch 32] [--seq 64] [--top 25]
// Prints a table (kernel, calls, ms, share) and one JSON line {kernels, totalMs, kernelCount, wallMs}.
// Profiling syncs after every kernel, so its wall time is above the bench's; the shares are what matter.
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig } from "../lib/model";
import { AdamW, trainStep } from "../lib/train";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "../scripts/node-backend";
import { parseFlags } from "../scripts/cli-util";

const USAGE = "usage: npx tsx bench/profile-step.ts [--backend wasm] [--batch 32] [--seq 64] [--top 25] [--shapes]";
const args = parseFlags(process.argv.slice(2), { backend: "string", batch: "number", seq: "number", top: "number", shapes: "boolean" }, USAGE);
const B = args.batch ?? 32, T = args.seq ?? 64;
await setupNodeBackend((args.backend ?? "wasm") as BackendName);
const config = makeConfig("mini", { vocab_size: 12000, num_labels: 2 });
const model = BertForSequenceClassification.create(config, 0);
const opt = new AdamW(model.params);
const inputIds = Int32Array.from({ length: B * T }, (_, i) => 5 + ((i * 7919) % (config.vocab_size - 5)));
const batch = { inputIds, batchSize: B, seqLen: T };
const labels = Array.from({ length: B }, (_, i) => i % 2);
const step = async (seed: number) => {
  const r = trainStep(model, batch, labels, opt, { lr: 5e-5, clipNorm: 1, seed });
  await r.loss.data();
  tf.dispose([r.loss, r.correct, r.gradNorm]);
};
await step(0); // warm-up: kernels compiled, buffers allocated

const t0 = performance.now();
const info = await tf.profile(() => step(1));
const wallMs = performance.now() - t0;
const by = new Map<string, { calls: number; ms: number }>();
for (const k of info.kernels) {
  const key = args.shapes ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
  const e = by.get(key) ?? { calls: 0, ms: 0 };
  e.calls += 1;
  e.ms += typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
  by.set(key, e);
}
const total = [...by.values()].reduce((s, e) => s + e.ms, 0);
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
console.log(`${"kernel".padEnd(args.shapes ? 70 : 28)}${"calls".padEnd(8)}${"ms".padEnd(10)}share`);
for (const [k, e] of rows.slice(0, args.top ?? 25)) {
  console.log(`${k.slice(0, 68).padEnd(args.shapes ? 70 : 28)}${String(e.calls).padEnd(8)}${e.ms.toFixed(1).padEnd(10)}${((100 * e.ms) / total).toFixed(1)}%`);
}
console.log(`kernels dispatched: ${info.kernels.length}, kernel time ${total.toFixed(0)} ms, wall ${wallMs.toFixed(0)} ms`);
console.log(JSON.stringify({ backend: tf.getBackend(), batch: B, seq: T, kernelCount: info.kernels.length, totalMs: total, wallMs,
  kernels: rows.map(([k, e]) => ({ kernel: k, calls: e.calls, ms: +e.ms.toFixed(2) })) }));
