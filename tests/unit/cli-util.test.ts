// scripts/cli-util: flags through node:util parseArgs with clear errors; the progress bar's log-friendly mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { ProgressBar, UsageError, readFlags } from "../../scripts/cli-util";

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
