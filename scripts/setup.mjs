#!/usr/bin/env node
// The first step of `npm test`: makes sure the machine has what the tests need beyond node_modules, before any
// test runs, so a newcomer never meets a failure forty tests in.
//
//   node scripts/setup.mjs            everything `npm test` needs (Chromium, Python side, OpenBLAS, CJK fonts)
//   node scripts/setup.mjs --python   only the Python side (what `npm run test:fast`'s unit tests need)
//   node scripts/setup.mjs --check    say what is missing, install nothing (exit 1 if anything is)
//
// What is missing comes from Debian's packages: installed with apt-get when we run as root (CI, a fresh machine,
// a container), or, when we do not, named in one message with the exact command, and we stop (exit 1).
// Nothing here downloads anything but Debian's packages. $CHROMIUM and $PYTHON point elsewhere, as in the tests.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { findPython } from "./py.mjs";

const PY_MODULES = ["torch", "numpy", "tqdm", "sklearn"];

/** Each need: what it is for the reader, whether it is there, and the Debian packages that bring it. */
function needs({ python: pythonOnly }) {
  const out = [];
  let python = null;
  try {
    python = findPython(PY_MODULES);
  } catch {
    python = null;
  }
  out.push({
    what: "python3 with torch, numpy, tqdm and scikit-learn (the pretraining and PyTorch parity tests)",
    ok: python !== null,
    packages: ["python3-torch", "python3-numpy", "python3-tqdm", "python3-sklearn"],
  });
  // Debian's torch calls the system BLAS; without OpenBLAS it falls back to the reference BLAS, ~50x slower.
  // Only Debian's torch needs it (a pip torch brings its own), so it is asked for only with /usr/bin/python3.
  const debianTorch = python === null || python === "/usr/bin/python3";
  if (debianTorch) {
    out.push({ what: "OpenBLAS (Debian's torch is ~50x slower without it)", ok: openblas(), packages: ["libopenblas0-pthread"] });
  }
  if (pythonOnly) return out;
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  out.push({ what: `Chromium at ${chromium} (the browser tests)`, ok: existsSync(chromium), packages: ["chromium"] });
  out.push({ what: "Noto Sans CJK (Hangul in the browser's fallback font, for screenshots)", ok: cjkFont(), packages: ["fonts-noto-cjk"] });
  return out;
}

function openblas() {
  for (const dir of ["/usr/lib", ...subdirs("/usr/lib")]) {
    if (existsSync(`${dir}/openblas-pthread/libblas.so.3`)) return true;
  }
  return false;
}

function cjkFont() {
  const fc = spawnSync("fc-list", [":lang=ko", "family"], { encoding: "utf8" });
  if (fc.status === 0 && /Noto Sans CJK/i.test(fc.stdout)) return true;
  return existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
}

function subdirs(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${dir}/${d.name}`);
  } catch {
    return [];
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

export function main(argv = process.argv.slice(2)) {
  const flags = new Set(argv);
  const missing = needs({ python: flags.has("--python") }).filter((n) => !n.ok);
  if (missing.length === 0) {
    console.log("setup: everything the tests need is here");
    return 0;
  }
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const list = missing.map((n) => `  - ${n.what}`).join("\n");
  const apt = `apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (flags.has("--check") || !isRoot || !hasApt) {
    const how = hasApt
      ? `Install them once (Debian's packages; a few minutes), then run the tests again:\n  sudo apt-get update && sudo ${apt}`
      : "This is not a Debian machine: install the same things with your system's packages, or set $CHROMIUM to a\n" +
        "Chromium binary and $PYTHON to a python3 with `pip install -r requirements.txt`.";
    console.error(`setup: the tests need what this machine lacks:\n${list}\n${how}`);
    return 1;
  }
  const t0 = Date.now();
  console.log(`setup: installing what the tests need (first run only; a few minutes):\n${list}\n  ${apt}`);
  run("apt-get", ["update"]);
  run("apt-get", apt.split(" ").slice(1));
  const still = needs({ python: flags.has("--python") }).filter((n) => !n.ok);
  if (still.length > 0) {
    console.error(`setup: still missing after the install:\n${still.map((n) => `  - ${n.what}`).join("\n")}`);
    return 1;
  }
  console.log(`setup: installed ${packages.join(", ")} in ${Math.round((Date.now() - t0) / 1000)} s`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
