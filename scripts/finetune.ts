// Fine-tune a pretrained BERT folder on a labelled NSMC-style TSV with exactly the browser's lib/train code.
//   npm run finetune -- --model public/models/encoder --train public/data/nsmc/ratings_train.txt.gz --eval public/data/nsmc/ratings_test.txt.gz --out out/mini-nsmc
// --train/--eval are NSMC-style TSV files, plain or gzipped (.gz).
// --model is our folder (weights.json) or a Hugging Face one (model.safetensors); --out is written in the same
// format: ours (config.json, vocab.txt, weights.json + shards) or Hugging Face's, plus metrics.json
// (+ checkpoints/latest for --resume). --export-hf <dir> also writes a Hugging Face folder, whatever the input.
// Progress goes to stderr; Ctrl-C stops after the current step and checkpoints.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { saveModelFiles, type BertForSequenceClassification } from "../lib/model";
import { exportHuggingFace, loadClassifierFolder } from "../lib/pipeline";
import { finetune, loadCheckpoint } from "../lib/train";
import { FileStorage, dirSource, writeFiles } from "../lib/train/node";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "./node-backend";
import { formatDurationShort } from "../lib/format";
import { ProgressBar, loadTsv, parseFlags, required } from "./cli-util";

const USAGE = `usage: npm run finetune -- --model <pretrained dir> --train <tsv[.gz]> --out <dir> [--eval <tsv[.gz]>]
  [--epochs 3] [--batch 32] [--lr 5e-5] [--max-len 128] [--limit N] [--eval-limit N] [--warmup 0.1]
  [--weight-decay 0.01] [--clip 1] [--seed 42] [--backend wasm|cpu] [--checkpoint-every N] [--resume] [--float16]
  [--export-hf <dir>] [--freeze-embeddings] [--freeze-layers K]`;

const FLAGS = {
  model: "string", train: "string", out: "string", eval: "string", epochs: "number", batch: "number", lr: "number",
  "max-len": "number", limit: "number", "eval-limit": "number", warmup: "number", "weight-decay": "number", clip: "number",
  seed: "number", backend: "string", "checkpoint-every": "number", resume: "boolean", float16: "boolean", "export-hf": "string",
  "freeze-embeddings": "boolean", "freeze-layers": "number", help: "boolean",
} as const;

async function main() {
  const args = parseFlags(process.argv.slice(2), FLAGS, USAGE);
  if (args.help) { process.stderr.write(USAGE + "\n"); return; }
  const modelDir = required(args.model, "model", USAGE);
  const trainFile = required(args.train, "train", USAGE);
  const outDir = required(args.out, "out", USAGE);
  const evalFile = args.eval;
  const seed = args.seed ?? 42;
  const limit = args.limit ?? 0;
  const backend = (args.backend ?? "wasm") as BackendName;

  const choice = await setupNodeBackend(backend);
  process.stderr.write(`backend: ${choice.backend} (${choice.reason})\n`);

  // NSMC's labels: 0 = negative, 1 = positive.
  const pretrained = await loadClassifierFolder(dirSource(modelDir), { seed, labels: ["부정", "긍정"] });
  const { tokenizer, format } = pretrained;
  const train = await loadTsv(trainFile, limit);
  const evalSet = evalFile ? await loadTsv(evalFile, args["eval-limit"] ?? limit) : undefined;
  process.stderr.write(`train: ${train.rows.length} rows (${train.skipped} bad rows skipped${train.badExamples.length ? ": " + train.badExamples.join("; ") : ""})\n`);
  if (evalSet) process.stderr.write(`eval: ${evalSet.rows.length} rows (${evalSet.skipped} bad rows skipped)\n`);

  const storage = new FileStorage(path.join(outDir, "checkpoints"));
  let model: BertForSequenceClassification;
  let resume;
  if (args.resume && (await storage.list()).includes("latest")) {
    const r = await loadCheckpoint(storage, "latest");
    pretrained.model.dispose();
    model = r.model;
    resume = { optimizer: r.optimizer, state: r.state };
    process.stderr.write(`resuming at step ${r.state.step}/${r.state.totalSteps}\n`);
  } else {
    for (const line of pretrained.report.lines) process.stderr.write(line + "\n");
    model = pretrained.model;
  }
  if (tokenizer.vocabSize > model.config.vocab_size) throw new Error(`vocab.txt has ${tokenizer.vocabSize} tokens, config says ${model.config.vocab_size}`);

  const controller = new AbortController();
  process.once("SIGINT", () => { process.stderr.write("\nstopping after this step (Ctrl-C again to kill)...\n"); controller.abort(); });
  const bar = new ProgressBar("train");
  const t0 = Date.now();
  const result = await finetune({
    model, tokenizer, train: train.rows, eval: evalSet?.rows, resume,
    epochs: args.epochs ?? 3, batchSize: args.batch ?? 32, lr: args.lr ?? 5e-5,
    maxLen: args["max-len"] ?? 128, warmupRatio: args.warmup ?? 0.1, weightDecay: args["weight-decay"] ?? 0.01,
    clipNorm: args.clip ?? 1, seed, signal: controller.signal,
    freeze: args["freeze-embeddings"] || args["freeze-layers"] ? { embeddings: args["freeze-embeddings"], layers: args["freeze-layers"] ?? 0 } : undefined,
    storage, checkpointKey: "latest", checkpointEvery: args["checkpoint-every"] ?? 0,
    onProgress: (e) => bar.update(e.step, e.totalSteps,
      `epoch ${e.epoch + 1} loss ${e.loss.toFixed(4)} acc ${(100 * e.runningAccuracy).toFixed(1)}% ` +
      `${e.examplesPerSecond.toFixed(1)} ex/s lr ${e.lr.toExponential(2)}`),
    onSkip: (k) => bar.log(`step ${k.step}: loss ${k.loss}, grad norm ${k.gradNorm} is not finite; update skipped (${k.consecutive} in a row)`),
    onCheckpoint: (c) => { if (!c.ok) bar.log(`checkpoint at step ${c.step} not saved (${c.error?.message}); training goes on`); },
    onEval: (r) => bar.log(`eval after epoch ${r.epoch + 1}: accuracy ${(100 * r.metrics.accuracy).toFixed(2)}% macro-F1 ${r.metrics.macroF1.toFixed(4)}`),
  });
  bar.stop();
  if (result.stoppedBy === "diverged") {
    // No model is written: the weights are those of the last good step, and nobody asked for them.
    process.stderr.write(`finetune: ${result.diverged?.message ?? "the loss diverged"}\n`);
    process.exit(3);
  }

  await mkdir(outDir, { recursive: true });
  const labels = pretrained.labels;
  const hf = () => exportHuggingFace({ model, tokenizer, labels }, { dtype: args.float16 ? "F16" : "F32", maxLength: pretrained.maxLength });
  if (format === "huggingface") await writeFiles(outDir, await hf());
  else {
    const config = { ...model.config, id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])) };
    await writeFiles(outDir, await saveModelFiles(model.params, config, { head: "classifier", quantize: args.float16 ? "float16" : undefined }));
    await copyFile(path.join(modelDir, "vocab.txt"), path.join(outDir, "vocab.txt"));
  }
  if (args["export-hf"]) {
    await writeFiles(args["export-hf"], await hf());
    process.stderr.write(`wrote a Hugging Face folder: ${args["export-hf"]}\n`);
  }
  const metrics = {
    cancelled: result.cancelled, step: result.state.step, totalSteps: result.state.totalSteps, hyper: result.state.hyper,
    backend: choice.backend, seconds: (Date.now() - t0) / 1000, trainRows: train.rows.length, trainSkipped: train.skipped,
    eval: result.evalMetrics ?? null, evalHistory: result.state.evalHistory, history: result.state.history,
  };
  await writeFile(path.join(outDir, "metrics.json"), JSON.stringify(metrics, null, 1));
  process.stderr.write(`${result.cancelled ? "stopped" : "done"}: ${result.state.step}/${result.state.totalSteps} steps in ${formatDurationShort(metrics.seconds)}; wrote ${outDir}\n`);
  const summary = { out: outDir, step: result.state.step, cancelled: result.cancelled, accuracy: result.evalMetrics?.accuracy ?? null, macroF1: result.evalMetrics?.macroF1 ?? null };
  process.stdout.write(JSON.stringify(summary) + "\n");
}

main().catch((e) => { process.stderr.write(`finetune: ${e instanceof Error ? e.stack : e}\n`); process.exit(1); });
