// scripts/cli-util: flags through node:util parseArgs with clear errors; the progress bar's log-friendly mode; TSV
// files for --train/--eval/--data, plain or gzipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { gzipSync } from "node:zlib";
import { ProgressBar, UsageError, loadTsv, readFlags } from "../../scripts/cli-util";

const SPEC = { model: "string", epochs: "number", lr: "number", resume: "boolean" } as const;

test("flags: --key value, --key=value, --flag; absent ones undefined/false", () => {
  const f = readFlags(["--model", "m", "--epochs=2", "--lr", "5e-5", "--resume"], SPEC);
  assert.equal(f.model, "m");
  assert.equal(f.epochs, 2);
  assert.equal(f.lr, 5e-5);
  assert.equal(f.resume, true);
  const g = readFlags([], SPEC);
  assert.equal(g.model, undefined);
  assert.equal(g.epochs, undefined);
  assert.equal(g.resume, false);
});

test("flags: a repeatable string flag collects every value in order, and is [] when absent", () => {
  const spec = { text: "strings", model: "string" } as const;
  assert.deepEqual(readFlags(["--text", "a b", "--model", "m", "--text=c"], spec).text, ["a b", "c"]);
  assert.deepEqual(readFlags([], spec).text, []);
});

test("flags: unknown flag, non-number, missing value and stray argument are UsageErrors naming the flag", () => {
  assert.throws(() => readFlags(["--epoch", "2"], SPEC), (e: unknown) => e instanceof UsageError && /--epoch\b/.test(e.message));
  assert.throws(() => readFlags(["--epochs", "two"], SPEC), (e: unknown) => e instanceof UsageError && e.message === '--epochs must be a number, got "two"');
  assert.throws(() => readFlags(["--epochs="], SPEC), /--epochs must be a number, got ""/);
  assert.throws(() => readFlags(["--model"], SPEC), (e: unknown) => e instanceof UsageError && /--model/.test(e.message));
  assert.throws(() => readFlags(["stray"], SPEC), UsageError);
  assert.deepEqual(readFlags(["wasm", "cpu"], {}, { positionals: true })._, ["wasm", "cpu"]);
});

function fakeStderr() {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

test("progress without a terminal: plain lines, one per interval even in a synchronous loop, and the last state", () => {
  const err = fakeStderr();
  const bar = new ProgressBar("encode", { stream: err.stream, everyMs: 40 });
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < 130) bar.update(Math.min(++i, 1e9), 1e9, "busy"); // never yields to timers
  bar.update(1e9, 1e9, "busy");
  bar.stop();
  const lines = err.text().split("\n").filter(Boolean);
  assert.ok(!err.text().includes("\x1b"), "no terminal escapes in a log");
  assert.ok(lines.length >= 3 && lines.length <= 8, `${lines.length} lines:\n${err.text()}`);
  for (const l of lines) assert.match(l, /^encode \[[#.]{24}\] \d+\/1000000000 \(\d+%\) ETA \S+ busy$/);
  assert.match(lines.at(-1)!, /1000000000\/1000000000 \(100%\)/);
  bar.log("after");
  assert.ok(err.text().endsWith("after\n"));
});

test("loadTsv: a plain and a gzipped file give the same rows; bad rows counted; --limit keeps the first N", async () => {
  const tsv = "id\tdocument\tlabel\n1\t재밌어요\t1\n2\t\t0\n3\t지루하다\t0\n4\t최고\t1\n";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "load-tsv-"));
  try {
    fs.writeFileSync(path.join(dir, "a.txt"), tsv);
    fs.writeFileSync(path.join(dir, "a.txt.gz"), gzipSync(tsv));
    const plain = await loadTsv(path.join(dir, "a.txt"));
    const gz = await loadTsv(path.join(dir, "a.txt.gz"));
    assert.deepEqual(gz, plain);
    assert.deepEqual(plain.rows.map((r) => r.text), ["재밌어요", "지루하다", "최고"]);
    assert.equal(plain.skipped, 1);
    assert.deepEqual((await loadTsv(path.join(dir, "a.txt.gz"), 2)).rows.map((r) => r.id), ["1", "3"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("loadTsv on the shipped ratings_test.txt.gz: 49,999 rows and 1 empty review", async () => {
  const { rows, skipped } = await loadTsv("public/data/nsmc/ratings_test.txt.gz");
  assert.equal(rows.length, 49_999);
  assert.equal(skipped, 1);
});
