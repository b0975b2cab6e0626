// npm run models — rebuild the shipped models from a recipe, stage by stage (scripts/models/stages.ts).
//
//   npm run models -- [--recipe models/recipe.json] [--work .cache/models] [--corpus ../shared/nsmc/unlabeled.txt]
//                     [--threads 2] [--dry-run] [--force <stage>] [--install]
//
// - Every hyperparameter comes from the recipe file; the resolved recipe is written to <work>/recipe.json.
// - A stage is skipped when its output is up to date: its files exist and its stamp (<work>/stamps/<stage>.json)
//   holds the same key, a hash of its recipe section, its inputs and the keys of the stages it depends on. Change
//   a hyperparameter and that stage and everything after it run again.
// - A stage that was interrupted runs again from its start, except pretraining, which resumes its checkpoint
//   (exactly: scripts/pretrain/pretrain.py). Pass `--minutes N` to stop pretraining after N minutes; the next
//   `npm run models` continues it.
// - --dry-run lists the stages, whether each would run or be skipped, and its commands.
// - --install copies the exported models and vocabulary into public/models/ and writes the model card's recipe
//   section (public/models/RECIPE.md) from this run's outputs.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CORPUS, PATHS } from "./corpus-io";
import { parseFlags } from "./cli-util";
import { findPython } from "./py.mjs";
import { loadRecipe, type Recipe } from "./models/recipe";
import { stages, type Cmd, type Stage } from "./models/stages";
import { writeCard } from "./models/card";

const USAGE = "usage: npm run models -- [--recipe models/recipe.json] [--work .cache/models] [--corpus <unlabeled.txt>] [--threads N] [--minutes N] [--dry-run] [--force <stage>] [--install]";
const flags = parseFlags(process.argv.slice(2), {
  recipe: "string", work: "string", corpus: "string", threads: "number", minutes: "number", "dry-run": "boolean", force: "strings", install: "boolean", help: "boolean",
}, USAGE);
if (flags.help) {
  process.stdout.write(USAGE + "\n");
  process.exit(0);
}

const recipePath = flags.recipe ?? "models/recipe.json";
const recipe: Recipe = loadRecipe(recipePath);
const work = flags.work ?? ".cache/models";
const io = {
  work,
  corpus: flags.corpus ?? recipe.data?.corpus ?? DEFAULT_CORPUS,
  train: recipe.data?.train ?? PATHS.train,
  test: recipe.data?.test ?? PATHS.test,
};
const threads = flags.threads ?? 2;
const all = stages(recipe, io);
const byName = new Map(all.map((s) => [s.name, s]));
for (const f of flags.force) if (!byName.has(f)) fail(`--force ${f}: no such stage (${all.map((s) => s.name).join(", ")})`);

function fail(msg: string): never {
  process.stderr.write(`models: ${msg}\n`);
  process.exit(2);
}

/** A file outside the build (the corpus, the NSMC splits) changes the key through its size and mtime. */
function fileId(path: string): string {
  if (!existsSync(path)) return `${path}: missing`;
  const s = statSync(path);
  return `${path}:${s.size}:${Math.floor(s.mtimeMs)}`;
}

const keys = new Map<string, string>();
function keyOf(s: Stage): string {
  if (!keys.has(s.name)) {
    const h = createHash("sha256");
    h.update(JSON.stringify({ name: s.name, section: s.section, deps: s.deps.map((d) => keyOf(byName.get(d)!)) }));
    h.update((s.inputs ?? []).map(fileId).join("|"));
    keys.set(s.name, h.digest("hex").slice(0, 16));
  }
  return keys.get(s.name)!;
}

const stampPath = (s: Stage) => join(work, "stamps", `${s.name}.json`);
function stamp(s: Stage): { key: string; state: "started" | "done" } | undefined {
  return existsSync(stampPath(s)) ? JSON.parse(readFileSync(stampPath(s), "utf8")) : undefined;
}
function upToDate(s: Stage): boolean {
  const st = stamp(s);
  return !flags.force.includes(s.name) && st?.state === "done" && st.key === keyOf(s) && s.done.every((f) => existsSync(f)) && s.deps.every((d) => upToDate(byName.get(d)!));
}
function resuming(s: Stage): boolean {
  const st = stamp(s);
  return !!s.resumable && !flags.force.includes(s.name) && st?.key === keyOf(s) && (existsSync(join(s.dir, "ckpt.pt")) || existsSync(join(s.dir, "ckpt.pt.000")));
}

function argvOf(c: Cmd, threadsEach: number, s: Stage): string[] {
  const extra = [...(c.threads ? ["--threads", String(threadsEach)] : []), ...(s.resumable && resuming(s) ? ["--resume"] : []),
    ...(s.name === "pretrain" && flags.minutes !== undefined ? ["--minutes", String(flags.minutes)] : [])];
  return [...c.argv, ...extra];
}

function show(argv: string[]): string {
  return argv.map((a) => (/^[\w./:,=-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

let python: string | undefined;
function run(argv: string[], c: Cmd, label: string): Promise<string> {
  const [exe, ...rest] = argv;
  let cmd: string;
  let args: string[];
  if (exe === "python") {
    python ??= findPython(["torch", "numpy", "tqdm"]);
    [cmd, args] = [python, rest];
  } else if (exe === "tsx") [cmd, args] = [process.execPath, ["--import", "tsx", ...rest]];
  else [cmd, args] = [exe, rest];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PYTHONUNBUFFERED: "1" } });
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      process.stdout.write(b);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${label}: exited with ${code}: ${show(argv)}`))));
  });
}

function lastJson(out: string): Record<string, unknown> {
  const line = out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"));
  if (!line) throw new Error("no JSON line on stdout");
  return JSON.parse(line);
}

async function runStage(s: Stage): Promise<boolean> {
  if (!resuming(s)) rmSync(s.dir, { recursive: true, force: true });
  mkdirSync(join(work, "stamps"), { recursive: true });
  mkdirSync(s.dir, { recursive: true });
  writeFileSync(stampPath(s), JSON.stringify({ key: keyOf(s), state: "started", at: new Date().toISOString() }) + "\n");
  const t0 = Date.now();
  for (const group of s.commands()) {
    const each = group.length > 1 ? Math.max(1, Math.floor(threads / group.length)) : threads;
    const outs = await Promise.all(group.map((c, i) => {
      const argv = argvOf(c, each, s);
      process.stderr.write(`\n[models] ${s.name}${group.length > 1 ? ` (${i + 1}/${group.length}, side by side)` : ""}: ${show(argv)}\n`);
      return run(argv, c, s.name).then((out) => ({ out, c }));
    }));
    for (const { out, c } of outs) {
      if (!c.stdoutJson) continue;
      const j = lastJson(out);
      if (c.untilDone && j.done !== true) {
        process.stderr.write(`[models] ${s.name} stopped before its end (${JSON.stringify(j)}); run the same command again to continue it\n`);
        return false;
      }
      writeFileSync(c.stdoutJson, JSON.stringify(j, null, 2) + "\n");
    }
  }
  writeFileSync(stampPath(s), JSON.stringify({ key: keyOf(s), state: "done", seconds: Math.round((Date.now() - t0) / 1000), at: new Date().toISOString() }) + "\n");
  return true;
}

async function main() {
  if (flags["dry-run"]) {
    process.stdout.write(`recipe ${recipePath}, work folder ${work}, corpus ${io.corpus}${existsSync(io.corpus) ? "" : " (MISSING)"}, ${threads} threads\n\n`);
    for (const [i, s] of all.entries()) {
      const state = upToDate(s) ? "up to date: skip" : resuming(s) ? "resume from its checkpoint" : "run";
      process.stdout.write(`${i + 1}. ${s.name} [${state}]  ${s.what}\n`);
      process.stdout.write(`   after: ${s.deps.join(", ") || "(nothing)"}; writes ${s.dir}\n`);
      for (const group of s.commands()) {
        const each = group.length > 1 ? Math.max(1, Math.floor(threads / group.length)) : threads;
        for (const c of group) process.stdout.write(`   ${group.length > 1 ? "∥ " : "$ "}${show(argvOf(c, each, s))}\n`);
      }
    }
    return;
  }
  if (!existsSync(io.corpus) && !all.slice(0, 2).every(upToDate)) {
    fail(`no pretraining corpus at ${io.corpus}: pass --corpus <file> (one review per line, UTF-8, plain or .gz); see README "Rebuilding the models"`);
  }
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "recipe.json"), JSON.stringify(recipe, null, 2) + "\n"); // what the Python stages read
  const t0 = Date.now();
  for (const s of all) {
    if (upToDate(s)) {
      process.stderr.write(`[models] ${s.name}: up to date, skipped\n`);
      continue;
    }
    if (!(await runStage(s))) process.exit(0);
    for (const later of all) if (later.deps.includes(s.name)) keys.delete(later.name);
  }
  const card = writeCard(recipe, recipePath, io, work);
  process.stderr.write(`[models] all stages done in ${Math.round((Date.now() - t0) / 1000)} s; card: ${card}\n`);
  if (flags.install) {
    for (const m of ["encoder", "classifier"]) {
      rmSync(join("public/models", m), { recursive: true, force: true });
      cpSync(join(work, "export", m), join("public/models", m), { recursive: true });
    }
    cpSync(join(work, "vocab", "vocab.txt"), PATHS.vocab);
    cpSync(join(work, "vocab", "vocab-stats.json"), PATHS.vocabStats);
    cpSync(card, "public/models/RECIPE.md");
    process.stderr.write("[models] installed into public/models/ (encoder, classifier, vocab.txt, vocab-stats.json, RECIPE.md)\n");
  }
}

main().catch((e) => {
  process.stderr.write(`models: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
