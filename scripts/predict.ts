// Classify sentences with a model folder: ours (weights.json) or a Hugging Face one (model.safetensors).
//   npm run --silent predict -- --model public/models/classifier --text "정말 재밌어요" [--text "..." ...]
// Progress and the load report go to stderr. The LAST line of stdout is one JSON object, a stable interface:
//   {"predictions": [{"text", "tokens", "ids", "logits", "probs", "label"}]}
// `tokens` are the word pieces fed to the model, [CLS] and [SEP] included.
import * as tf from "@tensorflow/tfjs";
import { loadClassifierFolder } from "../lib/pipeline";
import { dirSource } from "../lib/train/node";
import type { BackendName } from "../lib/runtime";
import { setupNodeBackend } from "./node-backend";
import { parseFlags, required } from "./cli-util";

const USAGE = "usage: npm run --silent predict -- --model <dir> --text <sentence> [--text <sentence> ...] [--max-len N] [--batch 32] [--backend cpu|wasm]";
interface Prediction { text: string; tokens: string[]; ids: number[]; logits: number[]; probs: number[]; label: string }

const FLAGS = { model: "string", text: "strings", "max-len": "number", batch: "number", backend: "string", help: "boolean" } as const;

async function main() {
  const args = parseFlags(process.argv.slice(2), FLAGS, USAGE);
  if (args.help) { process.stderr.write(USAGE + "\n"); return; }
  const modelDir = required(args.model, "model", USAGE);
  if (args.text.length === 0) { process.stderr.write(`missing --text\n${USAGE}\n`); process.exit(2); }
  await setupNodeBackend((args.backend ?? "cpu") as BackendName);

  const m = await loadClassifierFolder(dirSource(modelDir));
  for (const line of m.report.lines) process.stderr.write(line + "\n");
  const maxLen = Math.min(args["max-len"] ?? m.maxLength, m.maxLength);
  const batch = args.batch ?? 32;

  const predictions: Prediction[] = [];
  for (let i = 0; i < args.text.length; i += batch) {
    const texts = args.text.slice(i, i + batch);
    const enc = m.tokenizer.encodeBatch(texts, { maxLen });
    const logits = tf.tidy(() => m.model.forward(enc).logits);                // [B, num_labels]
    const probs = tf.tidy(() => tf.softmax(logits));
    const [l, p] = [(await logits.array()) as number[][], (await probs.array()) as number[][]];
    tf.dispose([logits, probs]);
    texts.forEach((text, b) => {
      const e = m.tokenizer.encode(text, { maxLen });
      const best = p[b].indexOf(Math.max(...p[b]));
      predictions.push({ text, tokens: e.tokens, ids: e.ids, logits: l[b], probs: p[b], label: m.labels[best] });
    });
  }
  m.model.dispose();
  process.stdout.write(JSON.stringify({ predictions }) + "\n"); // last line of stdout, by contract
}

main().catch((e) => { process.stderr.write(`predict: ${e instanceof Error ? e.message : e}\n`); process.exit(1); });
