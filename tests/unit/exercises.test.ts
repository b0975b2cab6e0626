// Exercises hold together: every <Exercise id> in a chapter has its scratch cell (ex-<id>) and a check in
// lib/cells/exercises that belongs to that chapter, the scratch cell and the solution hand the named answer to
// show.check, and every solution type-checks in place of its scratch cell (the copy button puts it there). The checks
// that need no model run here on right, starter and wrong answers; tests/browser/exercises.test.ts runs them all in
// the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { EXERCISES, runCheck } from "../../lib/cells/exercises";
import * as engine from "../../lib";
import { extractCells, extractExercises, type ChapterExercise } from "../../scripts/cells/extract";
import { checkChapters, formatCellDiagnostic } from "../../scripts/cells/typecheck";

const ROOT = path.join(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "content");
const files = readdirSync(CONTENT).filter((f) => /^\d+-.*\.mdx$/.test(f)).sort();
const slugOf = (f: string) => f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "");

interface Parsed extends ChapterExercise { file: string }
const exercisesOf = (file: string, mdx: string): Parsed[] => extractExercises(mdx).map((e) => ({ ...e, file }));

const chapters = files.map((file) => ({ file, source: readFileSync(path.join(CONTENT, file), "utf8") }));
const all = chapters.flatMap(({ file, source }) => exercisesOf(file, source));

test("every exercise has an id, a check of its chapter, a scratch cell and a solution that both call show.check", () => {
  assert.ok(all.length >= 17, `only ${all.length} exercises`);
  for (const ex of all) {
    const where = `${ex.file} <Exercise${ex.id ? ` id="${ex.id}"` : ""}>`;
    assert.ok(ex.id, `${where}: no id, so nothing checks it`);
    const check = EXERCISES[ex.id!];
    assert.ok(check, `${where}: no check in lib/cells/exercises`);
    assert.equal(check.chapter, slugOf(ex.file), `${where}: the check says chapter ${check.chapter}`);
    const cells = extractCells(ex.block, where);
    assert.deepEqual(cells.map((c) => c.id), [`ex-${ex.id}`], `${where}: one scratch cell, ex-${ex.id}`);
    const call = `await show.check("${ex.id}", ${check.answer});`;
    assert.ok(cells[0].code.includes(call), `${where}: the scratch cell ends with ${call}`);
    assert.ok(ex.solution?.includes(call), `${where}: the solution's first code block has ${call}`);
    assert.match(ex.block, new RegExp("`" + check.answer + "[` =]"), `${where}: the task names the answer \`${check.answer}\``);
  }
  const used = new Set(all.map((e) => e.id));
  assert.deepEqual(Object.keys(EXERCISES).filter((id) => !used.has(id)), [], "checks no chapter uses");
  for (const slug of ["bring-your-bert"]) {
    assert.ok(all.filter((e) => slugOf(e.file) === slug).length >= 2, `chapter ${slug} has at least two exercises`);
  }
});

test("a link to an exercise (#ex-<id>) names it by its title: [연습: <title>](#ex-<id>)", () => {
  for (const { file, source } of chapters) {
    const titles = new Map([...source.matchAll(/<Exercise id="([^"]+)" title="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    for (const m of source.matchAll(/\]\(#ex-([a-z0-9-]+)\)/g)) {
      // The label: back from "](" to its "[", skipping bracket pairs inside (like `[CLS]`).
      let depth = 0, i = m.index! - 1;
      for (; i >= 0; i--) {
        if (source[i] === "]") depth++;
        else if (source[i] === "[" && depth-- === 0) break;
      }
      const label = source.slice(i + 1, m.index);
      assert.ok(titles.has(m[1]), `${file}: a link to #ex-${m[1]}, which is not an exercise of this chapter`);
      assert.equal(label, `연습: ${titles.get(m[1])}`, `${file}: the link to #ex-${m[1]}`);
    }
  }
});

test("every solution type-checks in place of its scratch cell", () => {
  // Each chapter again, with each scratch cell's code swapped for its solution, checked in one Program.
  const swapped = chapters.map(({ file, source }) => {
    let s = source;
    for (const ex of exercisesOf(file, source)) {
      if (!ex.id || !ex.solution) continue;
      const cell = extractCells(ex.block, file).find((c) => c.id === `ex-${ex.id}`);
      if (cell) s = s.replace(cell.code, ex.solution);
    }
    return { file: file.replace(/\.mdx$/, ".solutions.mdx"), source: s };
  });
  const result = checkChapters(swapped, ROOT);
  const problems = result.diagnostics.filter((d) => /^ex-/.test(d.cell ?? "") || d.file === "(program)").map(formatCellDiagnostic);
  assert.deepEqual(problems, []);
});

// ------------------------------------------------------------------ checks that need no model, run here

const verdict = async (id: string, answer: unknown, g: Record<string, unknown> = {}) => runCheck(id, answer, g);
const okText = async (id: string, answer: unknown, g?: Record<string, unknown>) => {
  const v = await verdict(id, answer, g);
  assert.ok(v.ok, `${id}: expected ✔, got ✘ ${v.ok ? "" : v.hint}`);
  return v.text;
};
const hint = async (id: string, answer: unknown, g?: Record<string, unknown>) => {
  const v = await verdict(id, answer, g);
  assert.ok(!v.ok, `${id}: expected ✘ for ${String(answer)}`);
  return v.hint;
};

test("sum-squares: 385 ✔ (a number or a tensor); the starter's 0 and tf.range(1, 10) ✘ with their hints", async () => {
  assert.match(await okText("sum-squares", 385), /385/);
  assert.match(await okText("sum-squares", tf.range(1, 11).square().sum()), /385/);
  assert.match(await hint("sum-squares", 0), /아직 0/);
  assert.match(await hint("sum-squares", (await tf.range(1, 10).square().sum().data())[0]), /tf\.range\(1, 11\)/);
  assert.match(await hint("sum-squares", "385"), /숫자를 넣어야/);
});

test("large-size: BERT-large ✔; base and our model ✘ with their hints", async () => {
  const c = engine.makeConfig("mini", { vocab_size: 12000 });
  const large = engine.parameterCount(engine.makeConfig("large", { vocab_size: 30522 }));
  assert.equal(large, 335_141_888);
  assert.match(await okText("large-size", large, { c }), /335,141,888/);
  assert.match(await hint("large-size", engine.parameterCount(c), { c }), /BERT-mini/);
  assert.match(await hint("large-size", engine.parameterCount(engine.makeConfig("base", { vocab_size: 30522 })), { c }), /BERT-base/);
});

test("longest-t and half-precision: the engine's own numbers ✔, the likely slips ✘", async () => {
  const base = engine.makeConfig("base", { vocab_size: 30522 });
  let want = 0;
  for (let T = 8; T <= 512; T += 8) if (engine.estimateTrainingMemory(base, { batchSize: 8, seqLen: T }).total <= 3.4 * 2 ** 30) want = T;
  assert.ok(want > 0 && want < 512);
  await okText("longest-t", want, { base });
  assert.match(await hint("longest-t", 0, { base }), /3\.4 GiB/);
  assert.match(await hint("longest-t", want + 8, { base }), /한도를 넘습니다/);
  const f32 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512 });
  const f16 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512, bytesPerValue: 2 });
  await okText("half-precision", f16.activations / f32.activations, { base });
  assert.match(await hint("half-precision", 0.5, { base }), /정확히 0\.5는 아닙니다/);
  assert.match(await hint("half-precision", f32.activations / f16.activations, { base }), /거꾸로/);
});

test("lr-schedule and fixed-padding: computed from the chapter's globals; a missing global is a ✘ naming the cell", async () => {
  const g = { config: { batchSize: 32, epochs: 1, lr: 7e-4, maxLen: 64 }, trainSet: new Array(5000).fill(0), lengths: [10, 20, 70, 100] };
  const lr = engine.linearWarmupDecay(100, 157, 16, 7e-4);
  assert.match(await okText("lr-schedule", lr, g), /전체 157스텝, 워밍업 16스텝/);
  assert.match(await hint("lr-schedule", 7e-4, g), /최대 학습률 그대로/);
  assert.match(await hint("lr-schedule", engine.linearWarmupDecay(100, 157, 0, 7e-4), g), /워밍업을 빠뜨렸/);
  await okText("fixed-padding", (10 + 20 + 64 + 64) / (4 * 64), g);
  assert.match(await hint("fixed-padding", (10 + 20 + 70 + 100) / (4 * 64), g), /잘리므로/);
  assert.match(await hint("fixed-padding", 0.5, { config: g.config }), /`tokenize` 셀을 실행/);
});

test("unflatten: [row, col] of the largest value ✔; swapped or divided by the row count ✘", async () => {
  const x = tf.tensor2d([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [1, 1, 1, 1, 1]]);   // max at flat 9 = row 1, col 4
  await okText("unflatten", [1, 4], { x });
  assert.match(await hint("unflatten", [4, 1], { x }), /뒤바뀌었습니다/);
  assert.match(await hint("unflatten", [3, 0], { x }), /행 수\(3\)로 나눴습니다/);
  assert.match(await hint("unflatten", [0, 0], { x }), /몫과 나머지/);
});

test("an unknown exercise id is an error, not a silent ✘", async () => {
  await assert.rejects(runCheck("no-such", 1, {}), /연습 문제는 없습니다/);
});
