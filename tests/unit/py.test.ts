// scripts/py.mjs: which python3 the npm scripts run, and what it says when none will do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const run = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ["scripts/py.mjs", ...args], { encoding: "utf8", env: { ...process.env, ...env } });

test("py.mjs skips a python3 on PATH that lacks torch and takes the next one", () => {
  // A fake python3 first on PATH that has no modules at all (it prints them all as missing).
  const dir = mkdtempSync(path.join(tmpdir(), "py-"));
  const fake = path.join(dir, "python3");
  writeFileSync(fake, `#!/bin/sh\necho torch,numpy,tqdm\n`);
  chmodSync(fake, 0o755);
  const r = run({ PATH: `${dir}:${process.env.PATH}`, PYTHON: "" }, "-c", "import sys, torch; print(sys.executable)");
  assert.equal(r.status, 0, r.stderr);
  assert.notEqual(r.stdout.trim(), fake);
  assert.match(r.stdout.trim(), /python3/);
});

test("py.mjs without a usable python3 says which modules are missing and how to install them", () => {
  const r = run({ PYTHON: "/nonexistent/python3" }, "-c", "print(1)");
  assert.equal(r.status, 3);
  assert.match(r.stderr, /no python3 with torch, numpy, tqdm/);
  assert.match(r.stderr, /\/nonexistent\/python3: does not run/);
  assert.match(r.stderr, /apt-get install python3-torch/);
  assert.match(r.stderr, /requirements\.txt/);
});
