// Copies runtime assets from node_modules into public/ so the static site serves them itself
// (no CDN): the tfjs WASM binaries. Runs before `dev` and `build`; the copies are git-ignored.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const jobs = [
  {
    from: "node_modules/@tensorflow/tfjs-backend-wasm/dist",
    to: "public/tfjs-wasm",
    files: ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"],
  },
  {
    // The threaded build's script, unminified, for its pthread workers (see lib/runtime/wasm-threads.ts).
    from: "node_modules/@tensorflow/tfjs-backend-wasm/wasm-out",
    to: "public/tfjs-wasm",
    files: ["tfjs-backend-wasm-threaded-simd.js"],
  },
];

for (const job of jobs) {
  const dest = path.join(root, job.to);
  fs.mkdirSync(dest, { recursive: true });
  for (const f of job.files) {
    const src = path.join(root, job.from, f);
    const dst = path.join(dest, f);
    const s = fs.statSync(src);
    const d = fs.existsSync(dst) ? fs.statSync(dst) : null;
    if (!d || d.size !== s.size || d.mtimeMs < s.mtimeMs) fs.copyFileSync(src, dst);
  }
  console.log(`copy-assets: ${job.files.length} files → ${job.to}/`);
}
