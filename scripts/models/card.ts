// The model card's recipe section, written from one `npm run models` run's outputs (never typed by hand):
// the recipe file, then each stage's measured figures and wall time. `--install` copies it to
// public/models/RECIPE.md beside the models it describes.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Recipe } from "./recipe";

type J = Record<string, unknown>;
const read = (p: string): J | undefined => (existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as J) : undefined);
const pct = (x: unknown) => (typeof x === "number" ? x.toFixed(4) : "–");
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function seconds(work: string, stage: string): string {
  const s = read(join(work, "stamps", `${stage}.json`))?.seconds;
  return typeof s === "number" ? (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s} s`) : "–";
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

export function writeCard(r: Recipe, recipePath: string, io: { corpus: string; train: string; test: string }, work: string): string {
  const L: string[] = [];
  const vs = read(join(work, "vocab", "vocab-stats.json"));
  const meta = read(join(work, "corpus", "meta.json"));
  const logPath = join(work, "pretrain", "log.jsonl");
  const log = existsSync(logPath) ? readFileSync(logPath, "utf8").trim().split("\n").map((l) => JSON.parse(l) as J).filter((m) => "mlm_loss" in m) : [];
  const tail = log.slice(-100);
  const last = log.at(-1);
  const ft = read(join(work, "finetune", "result.json"));
  const lr = read(join(work, "teacher_lr", "result.json"));
  const ev = read(join(work, "evaluate", "result.json"));

  L.push(`# Recipe card: ${recipePath}`, "");
  L.push(`Written by \`npm run models -- --recipe ${recipePath}\` from the outputs in \`${work}\`, ${new Date().toISOString().slice(0, 10)}.`);
  L.push(`Corpus: \`${io.corpus}\`; labelled data: \`${io.train}\`, \`${io.test}\`${r.data?.limit ? `; first ${r.data.limit} reviews of each` : ""}.`, "");
  L.push("| stage | measured | wall time |", "|---|---|---|");
  const vocabTest = vs?.test as J | undefined;
  L.push(`| vocab | ${vs?.vocabSize ?? "–"} pieces; [UNK] ${typeof vocabTest?.unkTokenRate === "number" ? (100 * (vocabTest.unkTokenRate as number)).toFixed(3) + "%" : "–"} of test tokens; ${typeof (vocabTest?.tokensPerReview as J)?.mean === "number" ? ((vocabTest!.tokensPerReview as J).mean as number).toFixed(1) : "–"} tokens a test review | ${seconds(work, "vocab")} |`);
  L.push(`| encode | ${typeof meta?.pretrainTokens === "number" ? (meta.pretrainTokens as number).toLocaleString("en") : "–"} pretraining tokens | ${seconds(work, "encode")} |`);
  L.push(`| pretrain | ${last ? `${last.step} steps, ${(last.tokens as number).toLocaleString("en")} tokens; masked-LM loss ${mean(tail.map((m) => m.mlm_loss as number)).toFixed(3)}, accuracy ${mean(tail.map((m) => m.mlm_acc as number)).toFixed(3)} (mean of the last ${tail.length} steps)` : "–"} | ${seconds(work, "pretrain")} |`);
  L.push(`| finetune | val ${pct(ft?.val_accuracy)}, test ${pct(ft?.accuracy)} (${ft?.n_test ?? "–"} reviews) | ${seconds(work, "finetune")} |`);
  L.push(`| teacher_lr | val ${pct(lr?.val_accuracy)}, test ${pct(lr?.test_accuracy)}, C = ${lr?.C ?? "–"} | ${seconds(work, "teacher_lr")} |`);
  r.distill.rounds.forEach((_, i) => {
    const dir = join(work, `round${i + 1}`);
    const t = read(join(dir, "teacher", "result.json"));
    const students = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith("student")).sort().map((f) => read(join(dir, f, "result.json"))) : [];
    const soup = read(join(dir, "result.json"));
    L.push(`| round${i + 1} | teacher (${(t?.weights as number[] | undefined)?.join(" / ") ?? "–"}) val ${pct(t?.val_accuracy)}, test ${pct(t?.test_accuracy)}; ` +
      `students test ${students.map((s) => pct(s?.accuracy)).join(" / ") || "–"}; soup val ${pct(soup?.val_accuracy)}, test ${pct(soup?.accuracy)} | ${seconds(work, `round${i + 1}`)} |`);
  });
  const mb = (d: string) => (folderBytes(join(work, "export", d)) / 1e6).toFixed(1);
  L.push(`| export | encoder ${mb("encoder")} MB, classifier ${mb("classifier")} MB${r.export.float16 ? " (float16)" : ""} | ${seconds(work, "export")} |`);
  L.push(`| evaluate | TypeScript engine: accuracy ${pct(ev?.accuracy)}, macro-F1 ${pct(ev?.macroF1)} on ${ev?.n ?? "–"} reviews, ${typeof ev?.examplesPerSecond === "number" ? (ev.examplesPerSecond as number).toFixed(0) : "–"} reviews/s | ${seconds(work, "evaluate")} |`);
  L.push("", "## The recipe", "", "```json", JSON.stringify(r, null, 2), "```", "");
  const out = join(work, "RECIPE.md");
  writeFileSync(out, L.join("\n"));
  return out;
}
