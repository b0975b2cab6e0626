// Where one fine-tuning step's time goes, stage by stage (lib/train/stages.ts), as chapter 6's training panel lights
// them: chapter 6's default step (the shipped encoder + a new classifier, NSMC batch 32, maxLen 64, lr 7e-4) for a
// few steps in Node on one backend (default wasm, single-threaded like a page without cross-origin isolation).
// The time of a stage is from its start to the next stage's start; the first step (warm-up) is left out.
//
//   npx tsx bench/train-stages.ts [--backend wasm|cpu] [--steps 12]
// Prints a table and, as its last line, one JSON object with each stage's share of the time.
import { finetune, TRAIN_STAGES, type TrainStage } from "../lib/train";
import { loadClassifier } from "../lib/pipeline";
import { dirReader } from "../lib/train/node";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "../scripts/node-backend";
import { loadTsv, parseFlags } from "../scripts/cli-util";

const USAGE = "usage: npx tsx bench/train-stages.ts [--backend wasm|cpu] [--steps 12]";
const f = parseFlags(process.argv.slice(2), { backend: "string", steps: "number" }, USAGE);
const backend = (f.backend ?? "wasm") as BackendName;
const steps = f.steps ?? 12;
await setupNodeBackend(backend);
const { model, tokenizer } = await loadClassifier(dirReader("public/models/encoder"), { seed: 42 });
const { rows } = await loadTsv("public/data/nsmc/ratings_train.txt.gz", 32 * steps);
const spent = new Map<TrainStage, number>(TRAIN_STAGES.map((s) => [s, 0]));
let last: { stage: TrainStage; at: number } | null = null;
let step = 0;
const close = (at: number) => { if (last && step > 1) spent.set(last.stage, spent.get(last.stage)! + at - last.at); };
const r = await finetune({
  model, tokenizer, train: rows, epochs: 1, batchSize: 32, lr: 7e-4, maxLen: 64, seed: 42,
  onStage(stage) {
    const at = performance.now();
    close(at);
    if (stage === "schedule") step++;
    last = { stage, at };
  },
});
close(performance.now());   // the last step's AdamW ends with the run
const total = [...spent.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${backend}, ${steps - 1} steps of batch 32 (first left out), ${(total / (steps - 1)).toFixed(0)} ms a step\n`);
for (const s of TRAIN_STAGES) process.stdout.write(`${s.padEnd(9)} ${(spent.get(s)! / (steps - 1)).toFixed(1).padStart(8)} ms  ${((100 * spent.get(s)!) / total).toFixed(1).padStart(5)} %\n`);
process.stdout.write(JSON.stringify({ backend, steps: steps - 1, msPerStep: total / (steps - 1), share: Object.fromEntries(TRAIN_STAGES.map((s) => [s, spent.get(s)! / total])) }) + "\n");
r.optimizer.dispose();
model.dispose();
