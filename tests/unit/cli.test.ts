// The Node CLIs end to end on a synthetic model folder: finetune writes a loadable folder (and a Hugging Face
// one), evaluate and predict print JSON last; a Hugging Face folder goes in and comes out in its own format.
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
      "--eval", path.join(dir, "test.tsv"), "--out", out, "--epochs", "4", "--batch", "16", "--lr", "2e-3", "--max-len", "16", "--backend", "cpu", "--seed", "1",
      "--export-hf", path.join(dir, "hf")]);
    // The pretrained folder is a masked-LM model: like Hugging Face's BertForMaskedLM it has no pooler, so both are new.
    assert.match(ft.stderr, /newly initialised: bert\.pooler\.dense\.weight, bert\.pooler\.dense\.bias, classifier\.weight, classifier\.bias/);
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

    // The same model as a Hugging Face folder (--export-hf): predict reads it, and both folders predict alike.
    const hfConfig = JSON.parse(await readFile(path.join(dir, "hf", "config.json"), "utf8"));
    assert.deepEqual(hfConfig.id2label, { 0: "부정", 1: "긍정" });
    const texts = ["the movie was great", "awful plot"];
    const predict = async (model: string) => {
      const r = await run("npx", ["tsx", "scripts/predict.ts", "--model", model, ...texts.flatMap((t) => ["--text", t])]);
      return JSON.parse(r.stdout.trim().split("\n").at(-1)!).predictions as { text: string; tokens: string[]; ids: number[]; logits: number[]; probs: number[]; label: string }[];
    };
    const [ours, hf] = [await predict(out), await predict(path.join(dir, "hf"))];
    assert.deepEqual(Object.keys(ours[0]), ["text", "tokens", "ids", "logits", "probs", "label"]);
    assert.deepEqual(ours.map((p) => p.label), ["긍정", "부정"]);
    assert.deepEqual(ours[0].tokens, ["[CLS]", "the", "movie", "was", "great", "[SEP]"]);
    assert.deepEqual(hf.map((p) => p.label), ours.map((p) => p.label));
    hf.forEach((p, i) => p.logits.forEach((l, k) => assert.ok(Math.abs(l - ours[i].logits[k]) < 1e-4)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("finetune CLI takes a Hugging Face folder and writes one; predict's tokens are the HF vocabulary's", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bertlab-cli-hf-"));
  try {
    const rows = Array.from({ length: 64 }, (_, i) => `${i}\t영화 ${i % 2 ? "좋다!" : "별로?"}\t${i % 2}`);
    await writeFile(path.join(dir, "train.tsv"), ["id\tdocument\tlabel", ...rows, ""].join("\n"));
    const out = path.join(dir, "out");
    const ft = await run("npx", ["tsx", "scripts/finetune.ts", "--model", "tests/fixtures/hf/mlm", "--train", path.join(dir, "train.tsv"),
      "--eval", path.join(dir, "train.tsv"), "--out", out, "--epochs", "1", "--batch", "16", "--max-len", "16", "--backend", "cpu"]);
    assert.match(ft.stderr, /a BertForMaskedLM checkpoint \(model\.safetensors, 42 F32\), loaded as BertForSequenceClassification/);
    const files = (await readdir(out)).sort();
    assert.deepEqual(files, ["checkpoints", "config.json", "metrics.json", "model.safetensors", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt"]);
    const r = await run("npx", ["tsx", "scripts/predict.ts", "--model", out, "--text", "영화 좋다!"]);
    const [p] = JSON.parse(r.stdout.trim().split("\n").at(-1)!).predictions;
    assert.equal(p.ids[0], 101, "[CLS] is 101 in Google's layout");
    assert.deepEqual(p.tokens.slice(0, 3), ["[CLS]", "ᄋ", "##ᅧ"], "uncased: Hangul as jamo");
    assert.ok(["부정", "긍정"].includes(p.label));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
