// The Node CLIs end to end on a synthetic model folder: finetune writes a loadable folder, evaluate prints JSON last.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { BertForMaskedLM, makeConfig, saveModelFiles } from "../../lib/model";
import { writeFiles } from "../../lib/train/node";
import { VOCAB, toyDataset } from "./helpers/synthetic";

const run = promisify(execFile);
tf.env().set("PROD", true);
await tf.setBackend("cpu");

async function fixture() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bertlab-cli-"));
  const config = makeConfig("tiny", { vocab_size: VOCAB.length, max_position_embeddings: 32 });
  const pre = BertForMaskedLM.create(config, 1);  // a "pretrained" encoder: MLM head, no classifier
  await writeFiles(path.join(dir, "pretrained"), await saveModelFiles(pre.params, config));
  pre.dispose();
  await writeFile(path.join(dir, "pretrained", "vocab.txt"), VOCAB.join("\n") + "\n");
  const tsv = (rows: { text: string; label: number }[]) => ["id\tdocument\tlabel", ...rows.map((r, i) => `${i}\t${r.text}\t${r.label}`), "99\t\t1", ""].join("\n");
  await writeFile(path.join(dir, "train.tsv"), tsv(toyDataset(256, 1)));
  await writeFile(path.join(dir, "test.tsv"), tsv(toyDataset(100, 2)));
  return dir;
}

test("finetune CLI writes a browser-loadable folder; evaluate CLI's last stdout line is JSON", async () => {
  const dir = await fixture();
  try {
    const out = path.join(dir, "out");
    const ft = await run("npx", ["tsx", "scripts/finetune.ts", "--model", path.join(dir, "pretrained"), "--train", path.join(dir, "train.tsv"),
      "--eval", path.join(dir, "test.tsv"), "--out", out, "--epochs", "4", "--batch", "16", "--lr", "2e-3", "--max-len", "16", "--backend", "cpu", "--seed", "1"]);
    // The pretrained folder is a masked-LM model: like Hugging Face's BertForMaskedLM it has no pooler, so both are new.
    assert.match(ft.stderr, /initialised randomly \(seed 1\): bert\.pooler\.dense\.weight, bert\.pooler\.dense\.bias, classifier\.weight, classifier\.bias/);
    const files = await readdir(out);
    for (const f of ["config.json", "vocab.txt", "weights.json", "group1-shard1of1.bin", "metrics.json"]) assert.ok(files.includes(f), f);
    const metrics = JSON.parse(await readFile(path.join(out, "metrics.json"), "utf8"));
    assert.equal(metrics.trainSkipped, 1);
    assert.ok(metrics.eval.accuracy > 0.95, `eval accuracy ${metrics.eval.accuracy}`);

    const ev = await run("npx", ["tsx", "scripts/evaluate.ts", "--model", out, "--data", path.join(dir, "test.tsv"), "--backend", "wasm", "--limit", "80"]);
    const last = ev.stdout.trim().split("\n").at(-1)!;
    const result = JSON.parse(last);
    assert.equal(result.n, 80);
    assert.equal(result.skipped, 1);
    assert.ok(result.accuracy > 0.95);
    assert.ok(result.examplesPerSecond > 0);
    assert.equal(result.confusion.flat().reduce((a: number, b: number) => a + b, 0), 80);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
