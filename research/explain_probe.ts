// For the note of issue #17: IG completeness at 20/32/50 steps, and the rank correlations between the five
// explanations of lib/explain on a few sentences, on the shipped classifier (tfjs WASM backend in Node, 1 thread).
// Run: npx tsx research/explain_probe.ts [--steps 32] > research/results/explain-probe.json
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { loadClassifier } from "../lib/pipeline";
import { dirReader } from "../lib/train/node";
import { correlations, explain, METHODS } from "../lib/explain";

tf.env().set("PROD", true);
await tf.setBackend("wasm");
const clf = await loadClassifier(dirReader("public/models/classifier"));
const SENTENCES = [
  "배우들 연기가 정말 좋았고 음악도 감동적이었어요",
  "기대 안 하고 봤는데 생각보다 재밌다 배우들도 좋고",
  "기대 안 하고 봤는데 생각보다 재미없다 배우들도 별로고",
  "최악이다 돈 아깝고 시간 아깝다 지루해",
  "스토리는 뻔했지만 배우들 연기 덕분에 끝까지 봤다 😂 OST도 good",
];
const out = [];
for (const s of SENTENCES) {
  const completeness: Record<number, number> = {};
  for (const steps of [20, 50]) {
    const e = await explain(clf, s, { steps });
    completeness[steps] = e.ig!.error / (e.ig!.fx - e.ig!.fBaseline);
  }
  const t0 = performance.now();
  const e = await explain(clf, s, { steps: 32 });
  const ms = performance.now() - t0;
  completeness[32] = e.ig!.error / (e.ig!.fx - e.ig!.fBaseline);
  const c = correlations(e, "words");
  const rho: Record<string, number> = {};
  for (let a = 0; a < c.methods.length; a++) for (let b = a + 1; b < c.methods.length; b++) rho[`${c.methods[a]}~${c.methods[b]}`] = +c.rho[a][b].toFixed(3);
  out.push({
    sentence: s, tokens: e.tokens.length, words: c.n, label: e.labels[e.target], prob: +e.probs[e.target].toFixed(3),
    ig: { fx: +e.ig!.fx.toFixed(4), fBaseline: +e.ig!.fBaseline.toFixed(4), sum: +e.ig!.sum.toFixed(4) },
    relativeCompletenessError: Object.fromEntries(Object.entries(completeness).map(([k, v]) => [k, +v.toExponential(2)])),
    rho, msWasm: Math.round(ms),
    topWord: Object.fromEntries(e.methods!.map((m) => {
      const ws = e.words.map((w, i) => ({ w: w.text, v: Math.abs(m.words[i]), special: w.special })).filter((x) => !x.special);
      return [m.id, ws.reduce((a, b) => (b.v > a.v ? b : a)).w];
    })),
  });
  console.error(JSON.stringify(out[out.length - 1]));
}
console.log(JSON.stringify({ methods: METHODS.map((m) => m.id), backend: "wasm", results: out }, null, 2));
