// The example the home page's "BERT 해부도" shows before the reader types: the shipped classifier's trace of one
// sentence (lib/explain/trace.ts), computed here on the cpu backend and committed as
// components/anatomy/example.json. tests/unit/anatomy.test.ts recomputes it and fails when it is stale (a new
// model, a changed trace): then run
//   npm run anatomy-example
import { writeFileSync } from "node:fs";
import { loadClassifier } from "../lib/pipeline";
import { dirReader } from "../lib/train/node";
import { traceSentence } from "../lib/explain/trace";
import { setupNodeBackend } from "./node-backend";

export const EXAMPLE_TEXT = "이 영화 정말 재밌다";
export const EXAMPLE_FILE = "components/anatomy/example.json";

async function main() {
  await setupNodeBackend("cpu");
  const clf = await loadClassifier(dirReader("public/models/classifier"));
  const trace = await traceSentence(clf, EXAMPLE_TEXT);
  trace.made = { backend: "cpu", date: new Date().toISOString().slice(0, 10) };
  writeFileSync(EXAMPLE_FILE, JSON.stringify(trace) + "\n");
  const p = trace.probs[trace.prediction];
  process.stdout.write(`${EXAMPLE_FILE}: "${EXAMPLE_TEXT}" → ${trace.tokens.join(" ")} → ${trace.labels[trace.prediction]} ${(p * 100).toFixed(1)}% (${JSON.stringify(trace).length} bytes)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
