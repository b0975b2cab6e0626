// The global gradient norm on WASM in Node, against float64. tfjs-wasm's Sum adds numbers one after another in
// float32; summed that way over a 4M-number group, BERT-mini's gradient norm came out 0.16% low in the browser
// (tests/browser/webgpu-limits.test.ts). globalNorm sums by tensor and by rows there (lib/train/clip.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { globalNorm } from "../../lib/train";
import { setupNodeBackend } from "../../scripts/node-backend";

tf.env().set("PROD", true);
await setupNodeBackend("wasm");

/** Seeded numbers in (-1, 1), shaped like an embedding gradient [12000, 256] and a few small ones. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

test("globalNorm on wasm is float64's to 1e-6, where one float32 pass over the numbers is not", () => {
  const shapes = [[12000, 256], [256], [1024, 256], [2, 256]];
  const arrays = shapes.map((sh, i) => values(sh.reduce((a, b) => a * b, 1), 7 + i));
  let sum64 = 0;
  for (const a of arrays) for (const x of a) sum64 += x * x;
  const want = Math.sqrt(sum64);
  const grads = arrays.map((a, i) => tf.tensor(a, shapes[i]));
  const got = globalNorm(grads).dataSync()[0];
  // The cause, kept visible: one Sum over all 3.4M squares in one pass.
  const naive = Math.sqrt(tf.tidy(() => tf.sum(tf.square(tf.concat(grads.map((g) => tf.reshape(g, [-1])))))).dataSync()[0]);
  console.log(`float64 ${want} · globalNorm ${got} (rel ${(Math.abs(got - want) / want).toExponential(2)}) · one pass ${naive} (rel ${(Math.abs(naive - want) / want).toExponential(2)})`);
  assert.equal(tf.getBackend(), "wasm");
  assert.ok(Math.abs(got - want) <= 1e-6 * want, `globalNorm ${got} vs ${want}`);
  assert.ok(Math.abs(naive - want) > 1e-4 * want, "one float32 pass was exact here: the test no longer shows the reason for the fix");
  tf.dispose(grads);
});
