#!/usr/bin/env node
// Runs the project's Python: `node scripts/py.mjs <script.py | -m module> [args...]`.
//
// Which python3: $PYTHON when set; else the first `python3` on PATH that can import torch (a pyenv shim or a
// venv without torch may come first, and Debian's python3-torch lives beside /usr/bin/python3). When none can,
// it says which modules are missing and how to install them, instead of a traceback. See requirements.txt.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const NEEDED = ["torch", "numpy", "tqdm"];

export function candidates() {
  if (process.env.PYTHON) return [process.env.PYTHON];
  const seen = new Set();
  const out = [];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, "python3");
    try {
      accessSync(p, constants.X_OK);
    } catch {
      continue;
    }
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
  }
  return out;
}

/** Missing modules of `python`, or null when it cannot run at all. */
function missing(python, modules) {
  const code = `import importlib.util as u; print(",".join(m for m in ${JSON.stringify(modules)} if u.find_spec(m) is None))`;
  const r = spawnSync(python, ["-c", code], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return r.stdout.trim() ? r.stdout.trim().split(",") : [];
}

/** The python3 to use, or throws an Error whose message says what to install. */
export function findPython(modules = NEEDED) {
  const report = [];
  for (const p of candidates()) {
    const m = missing(p, modules);
    if (m && m.length === 0) return p;
    report.push(`  ${p}: ${m === null ? "does not run" : `no ${m.join(", ")}`}`);
  }
  throw new Error(
    `no python3 with ${modules.join(", ")} found${process.env.PYTHON ? " ($PYTHON is set)" : " on PATH"}:\n${report.join("\n") || "  (no python3 at all)"}\n` +
      "install them with Debian's packages: apt-get install python3-torch python3-numpy python3-tqdm python3-sklearn libopenblas0-pthread\n" +
      "or in a virtual environment: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt (then put .venv/bin first on PATH, or set PYTHON)",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let python;
  try {
    python = findPython();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(3);
  }
  const r = spawnSync(python, process.argv.slice(2), { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
