// scripts/setup.mjs, the first step of `npm test`: with something missing it names it and the exact command, and
// with --check it installs nothing (the path a non-root newcomer takes: they get the message and exit 1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const setup = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["scripts/setup.mjs", ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });

test("setup --check with Chromium missing: one message, the package, the command; exit 1", () => {
  const r = setup(["--check"], { CHROMIUM: "/nonexistent/chromium" });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /Chromium at \/nonexistent\/chromium/);
  assert.match(r.stderr, /apt-get install -y --no-install-recommends [^\n]*\bchromium\b/);
});

test("setup --check --python ignores Chromium (test:fast needs only the Python side)", () => {
  const r = setup(["--check", "--python"], { CHROMIUM: "/nonexistent/chromium" });
  assert.doesNotMatch(r.stderr, /Chromium/);
});

test("setup --check with a python3 that lacks torch names the Python packages", () => {
  const r = setup(["--check", "--python"], { PYTHON: "/nonexistent/python3" });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /python3 with torch/);
  assert.match(r.stderr, /python3-torch python3-numpy python3-tqdm python3-sklearn/);
});
