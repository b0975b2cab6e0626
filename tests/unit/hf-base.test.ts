// A bert-base-sized Hugging Face folder (random weights, vocabulary 30,522, written here, never committed): it loads
// by range reads, its preflight is chapter 4's estimate, and it takes one training step at batch 2 x 32 in Node on
// WASM. The step's time and peak tensor memory are printed as diagnostics (never asserted: tests do not time).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, estimateTrainingMemory, hfModelFiles, makeConfig, parameterCount } from "../../lib/model";
import { loadHuggingFace } from "../../lib/pipeline";
import { backendLimits } from "../../lib/runtime";
import { finetune, preflight } from "../../lib/train";
import { dirSource, writeFiles } from "../../lib/train/node";
import { formatBytes } from "../../lib/format";
import { setupNodeBackend } from "../../scripts/node-backend";

await setupNodeBackend("wasm");
const wasmHeapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;

test("bert-base (110M parameters, vocabulary 30,522): loads from safetensors, preflight = chapter 4, one step at 2 x 32 on WASM", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "bert-base-"));
  try {
    const config = makeConfig("base");
    const t0 = performance.now();
    const made = BertForSequenceClassification.create(config, 1);
    await writeFiles(dir, await hfModelFiles(made.params, config));
    made.dispose();
    // Google's layout; the tokens beyond a real vocabulary's are placeholders: this test is about size.
    const head = ["[PAD]", ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`), "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
    const rest = Array.from({ length: config.vocab_size - head.length }, (_, i) => (i < 26 ? String.fromCharCode(97 + i) : `w${i}`));
    writeFileSync(path.join(dir, "vocab.txt"), [...head, ...rest].join("\n") + "\n");
    t.diagnostic(`wrote a ${formatBytes(parameterCount(config, { head: "classifier" }) * 4)} model.safetensors in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const t1 = performance.now();
    const m = await loadHuggingFace(dirSource(dir));
    t.diagnostic(`loaded in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    assert.deepEqual(m.report.missing, []);
    assert.equal(m.report.parameters, 109_483_778, "bert-base + a 2-class head, as PyTorch counts it");

    const plan = { batchSize: 2, seqLen: 32 };
    const p = preflight(m.model.config, plan, backendLimits());
    assert.deepEqual(p.estimate, estimateTrainingMemory(config, { ...plan, head: "classifier" }));
    assert.equal(p.fits, true, p.lines.join("\n"));

    const words = rest.slice(0, 26);
    const text = Array.from({ length: 40 }, (_, i) => words[i % 26]).join(" ");   // 40 words: cut to 32 pieces
    const t2 = performance.now();
    const result = await finetune({ model: m.model, tokenizer: m.tokenizer, train: [{ text, label: 0 }, { text, label: 1 }], epochs: 1, batchSize: 2, maxLen: 32, lr: 2e-5 });
    const seconds = (performance.now() - t2) / 1000;
    assert.equal(result.state.step, 1);
    assert.ok(Number.isFinite(result.state.history[0].loss));
    // The WASM heap only grows, so its size is the run's high-water mark (live tensors plus the allocator's gaps).
    t.diagnostic(`one training step at 2 x 32 on WASM (1 thread): ${seconds.toFixed(2)} s; WASM heap ${formatBytes(wasmHeapBytes())} at its peak, live tensors after the step ${formatBytes(tf.memory().numBytes)} (preflight estimate of the step ${formatBytes(p.estimate.total)})`);
    result.optimizer.dispose();
    m.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
