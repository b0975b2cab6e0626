// Score a labelled NSMC-style TSV with a fine-tuned model folder (ours or Hugging Face's), using the browser's lib/train code.
//   npm run --silent evaluate -- --model out/mini-nsmc --data public/data/nsmc/ratings_test.txt.gz [--limit N --batch 64 --backend wasm]
// --data is an NSMC-style TSV file, plain or gzipped (.gz).
// Progress goes to stderr; the LAST line of stdout is one JSON object (accuracy, n, skipped, examplesPerSecond, ...).
import { loadClassifierFolder } from "../lib/pipeline";
import { evaluateClassifier } from "../lib/train";
import { dirSource } from "../lib/train/node";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "./node-backend";
import { ProgressBar, loadTsv, parseFlags, required } from "./cli-util";

const USAGE = "usage: npm run --silent evaluate -- --model <dir> --data <tsv[.gz]> [--limit N] [--batch 64] [--max-len 128] [--backend wasm|cpu]";

const FLAGS = { model: "string", data: "string", limit: "number", batch: "number", "max-len": "number", backend: "string", help: "boolean" } as const;

async function main() {
  const args = parseFlags(process.argv.slice(2), FLAGS, USAGE);
  if (args.help) { process.stderr.write(USAGE + "\n"); return; }
  const modelDir = required(args.model, "model", USAGE);
  const dataFile = required(args.data, "data", USAGE);
  const choice = await setupNodeBackend((args.backend ?? "wasm") as BackendName);
  process.stderr.write(`backend: ${choice.backend}\n`);

  const { model, tokenizer, report } = await loadClassifierFolder(dirSource(modelDir));
  if (report.missing.length) process.stderr.write(`WARNING: ${modelDir} lacks ${report.missing.join(", ")}: random weights, scores are meaningless\n`);
  const data = await loadTsv(dataFile, args.limit ?? 0);
  process.stderr.write(`${data.rows.length} rows, ${data.skipped} bad rows skipped\n`);

  const bar = new ProgressBar("evaluate");
  const r = await evaluateClassifier(model, tokenizer, data.rows, {
    batchSize: args.batch ?? 64, maxLen: args["max-len"] ?? 128,
    onProgress: (p) => bar.update(p.done, p.total, `${p.examplesPerSecond.toFixed(1)} ex/s`),
  });
  bar.stop();
  const result = {
    accuracy: r.accuracy, n: r.n, skipped: data.skipped, examplesPerSecond: r.examplesPerSecond,
    precision: r.precision, recall: r.recall, f1: r.f1, macroF1: r.macroF1, confusion: r.confusion,
    seconds: r.seconds, backend: choice.backend, model: modelDir, data: dataFile,
  };
  process.stdout.write(JSON.stringify(result) + "\n"); // last line of stdout, by contract
}

main().catch((e) => { process.stderr.write(`evaluate: ${e instanceof Error ? e.stack : e}\n`); process.exit(1); });
