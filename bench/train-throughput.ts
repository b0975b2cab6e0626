// Training throughput of one BERT-mini classification step, tfjs (every Node backend) vs PyTorch, same run.
//   npm run bench                       # tfjs-wasm 1+3 steps and PyTorch 1+3 steps, at 1 thread each
//   npm run bench:all                   # also tfjs-cpu (0+1 step, ~100 s: it tells nobody anything new)
//   npm run bench -- --steps 10 --warmup 2 --cpu-steps 3 --backends wasm,cpu --batch 32 --seq 64 --torch-threads 2 --no-torch
// Model: H=256, L=4, A=4, I=1024, vocab 12000, 2 labels (BERT-mini shape). Batch: 32 sequences x 64 tokens,
// no padding. Step: forward with dropout 0.1, cross-entropy, backward, global-norm clip 1.0, AdamW update
// (the exact lib/train trainStep the browser runs). Timing includes reading the loss back (a sync point).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig } from "../lib/model";
import { AdamW, trainStep } from "../lib/train";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "../scripts/node-backend";
import { ProgressBar, parseFlags } from "../scripts/cli-util";
import { findPython } from "../scripts/py.mjs";

// threads: what the engine computed on (tfjs-wasm in Node is single-threaded; tfjs-cpu is plain JS).
interface Row { backend: string; threads: number; secondsPerStep: number; examplesPerSecond: number; tokensPerSecond: number; steps: number; note?: string }

const USAGE = "usage: npm run bench -- [--steps 3] [--warmup 1] [--cpu-steps 1] [--cpu-warmup 0] [--backends wasm,cpu] [--batch 32] [--seq 64] [--torch-threads 1] [--no-torch]";
const args = parseFlags(process.argv.slice(2), {
  batch: "number", seq: "number", steps: "number", warmup: "number", "cpu-steps": "number", "cpu-warmup": "number",
  backends: "string", "torch-threads": "number", "no-torch": "boolean",
}, USAGE);
const B = args.batch ?? 32, T = args.seq ?? 64;
const steps = args.steps ?? 3, warmup = args.warmup ?? 1;
const cpuSteps = args["cpu-steps"] ?? 1, cpuWarmup = args["cpu-warmup"] ?? 0; // ~100 s per step on 2 cores
const backends = (args.backends ?? "wasm").split(",") as BackendName[];
const config = makeConfig("mini", { vocab_size: 12000, num_labels: 2 });

async function benchTfjs(name: BackendName): Promise<Row> {
  await setupNodeBackend(name);
  const model = BertForSequenceClassification.create(config, 0);
  const opt = new AdamW(model.params);
  const inputIds = Int32Array.from({ length: B * T }, (_, i) => 5 + ((i * 7919) % (config.vocab_size - 5)));
  const batch = { inputIds, batchSize: B, seqLen: T };
  const labels = Array.from({ length: B }, (_, i) => i % 2);
  const [n, w] = name === "cpu" ? [cpuSteps, cpuWarmup] : [steps, warmup];
  const one = async (i: number) => {
    const r = trainStep(model, batch, labels, opt, { lr: 5e-5, clipNorm: 1, seed: i });
    await r.loss.data();
    tf.dispose([r.loss, r.correct, r.gradNorm]);
  };
  for (let i = 0; i < w; i++) await one(i);
  const bar = new ProgressBar(`  tfjs-${name}`);
  bar.update(0, n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await one(w + i);
    bar.update(i + 1, n, `${((performance.now() - t0) / 1000 / (i + 1)).toFixed(2)} s/step`);
  }
  bar.stop();
  const s = (performance.now() - t0) / 1000 / n;
  opt.dispose();
  model.dispose();
  return { backend: `tfjs-${name}${name === "wasm" ? " (1 thread)" : ""}`, threads: 1, secondsPerStep: s, examplesPerSecond: B / s, tokensPerSecond: (B * T) / s, steps: n, note: w ? undefined : "no warm-up step" };
}

function benchTorch(): Row | string {
  let python: string;
  try {
    python = findPython(["torch", "numpy"]);
  } catch (e) {
    return `PyTorch not available: ${(e as Error).message}`;
  }
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "torch_step.py");
  const r = spawnSync(python, [script, "--batch", String(B), "--seq", String(T), "--steps", String(steps), "--warmup", String(warmup),
    "--vocab", String(config.vocab_size), "--hidden", String(config.hidden_size), "--layers", String(config.num_hidden_layers),
    "--heads", String(config.num_attention_heads), "--intermediate", String(config.intermediate_size),
    "--threads", String(args["torch-threads"] ?? 1)], { encoding: "utf8" });
  if (r.status !== 0) return `PyTorch run failed: ${r.stderr.trim().split("\n").at(-1)}`;
  const j = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  return { backend: j.backend, threads: j.threads ?? args["torch-threads"] ?? 1, secondsPerStep: j.secondsPerStep, examplesPerSecond: j.examplesPerSecond, tokensPerSecond: j.tokensPerSecond, steps };
}

const rows: Row[] = [];
const notes: string[] = [];
process.stderr.write(`BERT-mini (H=256 L=4 A=4 I=1024 V=12000) classification train step, batch ${B}x${T}\n`);
for (const b of backends) {
  try { rows.push(await benchTfjs(b)); } catch (e) { notes.push(`tfjs-${b}: ${e instanceof Error ? e.message : e}`); }
}
if (!args["no-torch"]) {
  process.stderr.write("  pytorch: running bench/torch_step.py ...\n");
  const t = benchTorch();
  if (typeof t === "string") notes.push(t); else rows.push(t);
}

const ref = rows.find((r) => r.backend.startsWith("pytorch")) ?? rows[0];
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\nBERT-mini classification training step, batch ${B} x ${T} tokens (${new Date().toISOString()})`);
console.log(`${pad("backend", 26)}${pad("s/step", 10)}${pad("ex/s", 10)}${pad("tokens/s", 11)}${pad("steps", 7)}vs ${ref?.backend ?? "-"}`);
for (const r of rows) {
  const ratio = ref ? ref.secondsPerStep / r.secondsPerStep : 1;
  console.log(`${pad(r.backend, 26)}${pad(r.secondsPerStep.toFixed(2), 10)}${pad(r.examplesPerSecond.toFixed(2), 10)}${pad(r.tokensPerSecond.toFixed(0), 11)}${pad(String(r.steps), 7)}` +
    `${ratio >= 1 ? ratio.toFixed(2) + "x faster" : (1 / ratio).toFixed(2) + "x slower"}${r.note ? `  (${r.note})` : ""}`);
}
for (const n of notes) console.log(`note: ${n}`);
// The figure the CPU-speed issue is judged by: tfjs-wasm's speed as a fraction of PyTorch's at the same threads.
const wasm = rows.find((r) => r.backend.startsWith("tfjs-wasm"));
const torch = rows.find((r) => r.backend.startsWith("pytorch"));
const wasmVsTorch = wasm && torch && wasm.threads === torch.threads ? torch.secondsPerStep / wasm.secondsPerStep : null;
if (wasmVsTorch !== null) console.log(`tfjs-wasm runs at ${wasmVsTorch.toFixed(2)}x PyTorch's speed (${wasm!.threads} thread${wasm!.threads > 1 ? "s" : ""} each)`);
console.log(JSON.stringify({ batch: B, seq: T, rows, wasmVsTorch, notes }));
