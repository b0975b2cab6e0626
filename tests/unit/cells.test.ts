// The cell kernel's pure parts: the TypeScript → notebook-JS rewrite and value formatting.
// (The worker, Monaco and the UI are covered by tests/browser/cells.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { cellFramesInStack, compileCell } from "../../lib/cells/transform";
import { formatTensorValues, formatValue } from "../../lib/cells/format";

const G = globalThis as unknown as Record<string, unknown>;

/** Runs a cell the way the kernel does: define declared names as globals, eval, call. */
async function runCell(source: string, runId: number): Promise<unknown> {
  const r = compileCell(source, runId);
  if (!r.ok) throw new Error(`syntax: ${r.error.message} @${r.error.line}`);
  for (const n of r.cell.declared) if (!(n in G)) G[n] = undefined;
  const fn = (0, eval)(r.cell.code) as (k: unknown) => Promise<unknown>;
  return fn({ g: G, require: () => ({ answer: 42 }) });
}

test("top-level declarations become shared globals, in run order", async () => {
  await runCell("const nbA: number = 2;\nlet nbB = 1;\nfunction nbTimes(x: number) { return x * nbA + nbB }\nclass NbBox { v = 7 }", 1);
  assert.equal(await runCell("nbB = 10;\nnbTimes(3)", 2), 16);
  assert.equal(await runCell("new NbBox().v", 3), 7);
  // Destructuring and re-declaring on re-run.
  await runCell("const { nbX, nbY: [nbZ] } = { nbX: 1, nbY: [5] };\nconst nbA = 100;", 4);
  assert.equal(await runCell("nbX + nbZ + nbA", 5), 106);
  for (const k of ["nbA", "nbB", "nbTimes", "NbBox", "nbX", "nbZ"]) delete G[k];
});

test("top-level await works and the last expression is the cell's value", async () => {
  assert.equal(await runCell("const v = await Promise.resolve(41);\nv + 1", 6), 42);
  assert.equal(await runCell("let w = 1;\nw = 2", 7), undefined, "an assignment is not displayed");
  // A lone string literal is a directive to the parser; the reader still sees it. "use strict" stays silent.
  assert.equal(await runCell('"영화 정말 재밌어요"', 8), "영화 정말 재밌어요");
  assert.equal(compileCell('"use strict"', 9).ok && (compileCell('"use strict"', 9) as { cell: { returnsLast: boolean } }).cell.returnsLast, false);
  delete G.v;
  delete G.w;
});

test("declared names and imports", () => {
  const r = compileCell('import * as tf from "@tensorflow/tfjs";\nimport { WordPieceTokenizer } from "@/lib";\nlet a, [b, ...c] = [1, 2];\nexport const d = 1;', 1);
  assert.ok(r.ok);
  assert.deepEqual(r.cell.declared, ["tf", "WordPieceTokenizer", "a", "b", "c", "d"]);
  const bad = compileCell('const x = 1;\nimport d3 from "d3";', 1);
  assert.ok(!bad.ok);
  assert.equal(bad.error.line, 2);
});

test("line numbers are preserved: syntax errors and runtime stack frames point at the reader's line", async () => {
  const syn = compileCell("const a: number = 1;\ninterface X { y: string }\nconst b = ;\n", 1);
  assert.ok(!syn.ok);
  assert.equal(syn.error.line, 3);

  const r = compileCell("// comment\ntype T = { a: number };\nconst o: T | null = null as T | null;\nconst z = (o as any).a;\n", 99);
  assert.ok(r.ok);
  const lines = r.cell.code.split("\n");
  assert.match(lines[3], /\(o\)\.a|\(o \)\.a|o\)\.a/, "line 4 of the output is line 4 of the cell");
  try {
    await (0, eval)(r.cell.code)({ g: G, require: () => ({}) });
    assert.fail("should throw");
  } catch (e) {
    const frames = cellFramesInStack((e as Error).stack ?? "");
    assert.equal(frames[0]?.runId, 99);
    assert.equal(frames[0]?.line, 4);
  } finally {
    delete G.o;
    delete G.z;
  }
});

test("formatValue and tensor text", () => {
  assert.equal(formatValue("안녕"), "안녕");
  assert.equal(formatValue({ a: [1, 2.5, "x"], b: null }), '{ a: [1, 2.5, "x"], b: null }');
  assert.equal(formatValue(new Float32Array([1, 0.5])), "Float32Array(2) [1, 0.5]");
  assert.equal(formatTensorValues({ shape: [2, 2], dtype: "float32", values: [7, 10, 15, 22] }), "[[ 7, 10],\n [15, 22]]");
  const big = formatTensorValues({ shape: [1000], dtype: "int32", values: Array.from({ length: 1000 }, (_, i) => i) });
  assert.equal(big, "[  0,   1,   2, …, 997, 998, 999]");
  assert.equal(formatTensorValues({ shape: [], dtype: "float32", values: [3.5] }), "3.5");
});
