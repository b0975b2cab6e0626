// The stages of `npm run models`, in order: vocabulary → corpus encoding → pretraining → fine-tuning → n-gram
// teacher → distillation rounds → export → evaluation → model card. Each stage names the recipe section it
// reads, the stages it depends on and the files it leaves; the runner (scripts/models.ts) decides what to skip.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Recipe } from "./recipe";

export interface Cmd {
  argv: string[]; // argv[0] "python" is the project's python3 (scripts/py.mjs), "tsx" is tsx
  /** For Python commands: CPU threads (the runner sets it; students of one round share the cores). */
  threads?: boolean;
  /** Write the last stdout line (one JSON object, by the CLIs' contract) to this file... */
  stdoutJson?: string;
  /** ...and only when it says {"done": true}; else the build stops there, to be run again (pretraining's time limit). */
  untilDone?: boolean;
}

export interface Stage {
  name: string;
  what: string; // one line for --dry-run
  deps: string[];
  section: unknown; // the part of the recipe that shapes this stage's output (part of its up-to-date key)
  inputs?: string[]; // files from outside the build it reads (their size and mtime are part of the key too)
  dir: string; // where its output goes; wiped before a fresh (not resumed) run
  done: string[]; // files that exist once it has finished
  resumable?: boolean; // pretraining: a second start continues the checkpoint
  /** Groups of commands: a group's commands may run side by side; groups run in order. */
  commands: () => Cmd[][];
}

export interface Inputs {
  work: string;
  corpus: string;
  train: string;
  test: string;
}

const PY = "python";
const flag = (name: string, v: unknown): string[] => (v === undefined || v === null || v === false ? [] : v === true ? [`--${name}`] : [`--${name}`, String(v)]);

/** Half of the unlabelled reviews (each distillation student takes one half), from encode-corpus's meta.json. */
function half(work: string): number | undefined {
  const meta = join(work, "corpus", "meta.json");
  if (!existsSync(meta)) return undefined; // a dry run before encoding
  return Math.floor(JSON.parse(readFileSync(meta, "utf8")).files["unlabeled.bin"].reviews / 2);
}

export function stages(r: Recipe, io: Inputs): Stage[] {
  const W = io.work;
  const limit = r.data?.limit;
  const dirOf = (name: string) => join(W, name); // each stage's output folder is named after it
  const vocab = join(W, "vocab", "vocab.txt");
  const corpus = join(W, "corpus");
  const list: Stage[] = [
    {
      name: "vocab",
      what: `train a ${r.vocab.size}-piece WordPiece vocabulary on ${io.corpus} + ${io.train}${limit ? ` (first ${limit} reviews each)` : ""}`,
      deps: [],
      section: { vocab: r.vocab, limit },
      inputs: [io.corpus, io.train, io.test],
      dir: join(W, "vocab"),
      done: [vocab, join(W, "vocab", "vocab-stats.json")],
      commands: () => [[{ argv: ["tsx", "scripts/vocab.ts", "--corpus", io.corpus, "--train", io.train, "--test", io.test, "--out", join(W, "vocab"),
        "--size", String(r.vocab.size), "--min-char-freq", String(r.vocab.min_char_freq), ...flag("limit", limit)] }]],
    },
    {
      name: "encode",
      what: "encode the corpus and both NSMC splits with the TypeScript tokenizer (uint16 ids)",
      deps: ["vocab"],
      section: { limit },
      inputs: [io.corpus, io.train, io.test],
      dir: corpus,
      done: [join(corpus, "meta.json")],
      commands: () => [[{ argv: ["tsx", "scripts/encode-corpus.ts", "--corpus", io.corpus, "--vocab", vocab, "--out", corpus,
        "--train", io.train, "--test", io.test, ...flag("limit", limit)] }]],
    },
    {
      name: "pretrain",
      what: `masked-LM pretraining, ${r.pretrain.preset} ${r.pretrain.batch}×${r.pretrain.seq_len}, ${r.pretrain.total_steps} scheduled steps` +
        ((r.pretrain.surgery ?? []).length ? `, surgery ${JSON.stringify(r.pretrain.surgery)}` : "") + " (resumable)",
      deps: ["encode"],
      section: r.pretrain,
      dir: join(W, "pretrain"),
      done: [join(W, "pretrain", "done.json")],
      resumable: true,
      commands: () => [[{ argv: [PY, "scripts/pretrain/pretrain.py", "--config", `${join(W, "recipe.json")}:pretrain`, "--vocab", vocab,
        "--corpus", corpus, "--out", join(W, "pretrain")], threads: true, stdoutJson: join(W, "pretrain", "done.json"), untilDone: true }]],
    },
    {
      name: "finetune",
      what: `fine-tune on NSMC train minus the last ${r.finetune.val} (validation), ${r.finetune.epochs} epoch(s), lr ${r.finetune.lr}; label the unlabelled reviews`,
      deps: ["pretrain"],
      section: r.finetune,
      dir: dirOf("finetune"),
      done: [join(dirOf("finetune"), "result.json"), join(dirOf("finetune"), "unlabeled_probs.npy")],
      commands: () => [[{ argv: [PY, "scripts/pretrain/finetune_ref.py", "--init", join(W, "pretrain"), "--corpus", corpus, "--out", dirOf("finetune"),
        "--epochs", String(r.finetune.epochs), "--lr", String(r.finetune.lr), "--batch", String(r.finetune.batch), "--max-len", String(r.finetune.max_len),
        "--val", String(r.finetune.val), "--warmup-frac", String(r.finetune.warmup_frac), "--dropout", String(r.finetune.dropout),
        "--seed", String(r.finetune.seed), "--predict-unlabeled"], threads: true }]],
    },
    {
      name: "teacher_lr",
      what: `n-gram logistic regression teacher (TF-IDF${r.teacher_lr.words ? " char + word" : " char"} n-grams, C on validation)`,
      deps: ["encode"],
      section: r.teacher_lr,
      inputs: [io.corpus, io.train, io.test],
      dir: dirOf("teacher_lr"),
      done: [join(dirOf("teacher_lr"), "result.json")],
      commands: () => [[{ argv: [PY, "scripts/pretrain/teacher_lr.py", "--out", dirOf("teacher_lr"), "--train", io.train, "--test", io.test,
        "--unlabeled", io.corpus, "--corpus", corpus, "--val", String(r.teacher_lr.val), ...flag("words", r.teacher_lr.words), ...flag("C", r.teacher_lr.C)] }]],
    },
  ];
  const d = r.distill;
  d.rounds.forEach((round, i) => {
    const name = `round${i + 1}`;
    const dir = join(W, name);
    const laterUse = d.rounds.slice(i + 1).some((x) => x.teacher.includes(name));
    const common = (out: string) => ["--init", join(W, "pretrain"), "--corpus", corpus, "--out", out, "--batch", String(d.batch),
      "--max-len", String(d.max_len), "--val", String(d.val)];
    list.push({
      name,
      what: `distillation round ${i + 1}: teacher = ${round.teacher.join(" + ")} (weights on validation); ${round.seeds.length} students from ${round.init}, ` +
        `lr ${round.lr}, ${round.epochs} epoch(s), each on gold + one half of the unlabelled reviews; their weight average (soup)`,
      deps: [...new Set([...round.teacher, round.init])],
      section: { round, batch: d.batch, max_len: d.max_len, val: d.val, laterUse },
      dir,
      done: [join(dir, "result.json"), ...(laterUse ? [join(dir, "unlabeled_probs.npy")] : [])],
      commands: () => {
        const h = half(W);
        const students = round.seeds.map((seed, j) => join(dir, `student${j + 1}`));
        return [
          [{ argv: [PY, "scripts/pretrain/ensemble.py", "--corpus", corpus, "--out", join(dir, "teacher"), ...round.teacher.map(dirOf)] }],
          round.seeds.map((seed, j) => ({
            argv: [PY, "scripts/pretrain/finetune_ref.py", ...common(students[j]), "--init-classifier", join(dirOf(round.init), "classifier.pt"),
              "--pseudo", join(dir, "teacher", "unlabeled_probs.npy"), "--pseudo-skip", h === undefined ? `<${round.halves[j]} × half>` : String(round.halves[j] * h), "--pseudo-limit", h === undefined ? "<half of the unlabelled reviews>" : String(h),
              "--lr", String(round.lr), "--epochs", String(round.epochs), "--seed", String(seed)],
            threads: true,
          })),
          [{ argv: [PY, "scripts/pretrain/finetune_ref.py", ...common(dir), "--init-classifier", students.map((s) => join(s, "classifier.pt")).join(","),
            "--epochs", "0", ...(laterUse ? ["--predict-unlabeled"] : [])], threads: true }],
        ];
      },
    });
  });
  const last = d.rounds.length ? `round${d.rounds.length}` : "finetune";
  const exp = join(W, "export");
  list.push(
    {
      name: "export",
      what: `export the encoder (masked-LM head) and the classifier (${last}) to the browser's format${r.export.float16 ? ", float16" : ""}`,
      deps: ["pretrain", last],
      section: r.export,
      dir: exp,
      done: [join(exp, "encoder", "weights.json"), join(exp, "classifier", "weights.json")],
      commands: () => [[
        { argv: [PY, "scripts/pretrain/export_tfjs.py", "--from", join(W, "pretrain"), "--kind", "mlm", "--out", join(exp, "encoder"), "--vocab", vocab, ...flag("float16", r.export.float16)] },
        { argv: [PY, "scripts/pretrain/export_tfjs.py", "--from", dirOf(last), "--kind", "classifier", "--out", join(exp, "classifier"), "--vocab", vocab, ...flag("float16", r.export.float16)] },
      ]],
    },
    {
      name: "evaluate",
      what: `score the exported classifier on ${io.test} with the TypeScript engine (tfjs-wasm)${r.evaluate.limit ? `, first ${r.evaluate.limit}` : ""}`,
      deps: ["export"],
      section: r.evaluate,
      dir: join(W, "evaluate"),
      done: [join(W, "evaluate", "result.json")],
      commands: () => [[{ argv: ["tsx", "scripts/evaluate.ts", "--model", join(exp, "classifier"), "--data", io.test, "--batch", String(r.evaluate.batch),
        ...flag("limit", r.evaluate.limit ?? limit)], stdoutJson: join(W, "evaluate", "result.json") }]],
    },
  );
  return list;
}
