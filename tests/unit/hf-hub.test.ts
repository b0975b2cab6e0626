// The Hub path against a local server that serves a fixture folder under /<repo>/resolve/main/<file>, as the Hub
// does (no real Hub is reachable here): a load with progress, a 404, a connection cut mid-file, a second load
// served from the cache with no request, and sizes before downloading.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import * as tf from "@tensorflow/tfjs";
import { DownloadError, hubCachedSizes, hubDownload, hubFileSizes, hubSource, hubUrl, memoryCache, type DownloadProgress } from "../../lib/model";
import { loadHuggingFace } from "../../lib/pipeline";

tf.env().set("PROD", true);
await tf.setBackend("cpu");

const FIX = "tests/fixtures/hf/cls-f32";
let server: Server;
let endpoint = "";
const requests: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const m = /^\/([\w.-]+\/[\w.-]+)\/resolve\/main\/([\w.-]+)$/.exec(req.url ?? "");
    if (!m) { res.writeHead(404).end(); return; }
    const [, repo, file] = m;
    const path = `${FIX}/${file}`;
    if (repo === "test/cut" && file === "model.safetensors") {
      // Promise the whole file, send half, then drop the connection.
      const data = readFileSync(path);
      res.writeHead(200, { "content-length": String(data.byteLength) });
      res.write(data.subarray(0, data.byteLength >> 1), () => res.destroy());
      return;
    }
    if (repo === "test/down") { res.writeHead(503).end(); return; }
    if (!existsSync(path) || file === "expected.json") { res.writeHead(404).end("Entry not found"); return; }
    const data = readFileSync(path);
    res.writeHead(200, { "content-length": String(data.byteLength) });
    res.end(req.method === "HEAD" ? undefined : data);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test("a Hub repository loads through hubSource with progress; the second load comes from the cache without a request", async () => {
  const cache = memoryCache();
  const progress: DownloadProgress[] = [];
  const m = await loadHuggingFace(hubSource("test/bert", { endpoint, cache, onProgress: (p) => progress.push(p) }));
  assert.deepEqual(m.report.missing, []);
  assert.equal(m.report.source, "test/bert@main");
  const last = progress.filter((p) => p.file === "model.safetensors").at(-1)!;
  assert.equal(last.bytes, readFileSync(`${FIX}/model.safetensors`).byteLength);
  assert.equal(last.total, last.bytes);
  assert.equal(last.fromCache, false);
  assert.ok(last.mbPerSecond >= 0);
  const fetched = requests.length;
  assert.ok(fetched >= 4, `config, vocab, tokenizer files, weights: ${requests.join(", ")}`);

  const again = await loadHuggingFace(hubSource("test/bert", { endpoint, cache }));
  assert.deepEqual(requests.slice(fetched), [], "every file of the second load came from the cache");
  m.model.dispose();
  again.model.dispose();
});

test("a 404, a connection cut mid-file and a 503 each fail with what happened, and say whether a retry can help", async () => {
  const err404 = await hubDownload(hubUrl("test/bert", "pytorch_model.bin", { endpoint }), "pytorch_model.bin", { endpoint }).catch((e: unknown) => e);
  assert.ok(err404 instanceof DownloadError);
  assert.equal(err404.kind, "not-found");
  assert.equal(err404.retryable, false);
  assert.match(err404.message, /pytorch_model\.bin: 404, not in this repository/);

  const cache = memoryCache();
  const cut = await loadHuggingFace(hubSource("test/cut", { endpoint, cache })).catch((e: unknown) => e);
  assert.ok(cut instanceof DownloadError, String(cut));
  assert.equal(cut.kind, "cut");
  assert.equal(cut.retryable, true);
  assert.match(cut.message, /model\.safetensors: (the connection broke after|got) \d+/);
  assert.ok(!(await cache.get(hubUrl("test/cut", "model.safetensors", { endpoint }))), "nothing partial is cached");

  const down = await hubDownload(hubUrl("test/down", "config.json", { endpoint }), "config.json", { endpoint }).catch((e: unknown) => e);
  assert.ok(down instanceof DownloadError);
  assert.equal(down.kind, "http");
  assert.equal(down.retryable, true);
  assert.throws(() => hubUrl("not a repo!", "x"), /not a Hub repository id/);
});

test("sizes before downloading: HEAD requests, unknown for missing files", async () => {
  const sizes = await hubFileSizes("test/bert", ["model.safetensors", "config.json", "pytorch_model.bin"], { endpoint });
  assert.equal(sizes.get("model.safetensors"), readFileSync(`${FIX}/model.safetensors`).byteLength);
  assert.equal(sizes.get("pytorch_model.bin"), undefined);
});

test("a file the repository lacks is remembered: the next load asks only for what it has not seen; cached sizes need no request", async () => {
  const cache = memoryCache();
  const files = ["config.json", "vocab.txt", "model.safetensors", "pytorch_model.bin"];
  const none = await hubCachedSizes("test/bert", files, { endpoint, cache });
  assert.deepEqual([...none.values()], [undefined, undefined, undefined, undefined], "never fetched");

  const m = await loadHuggingFace(hubSource("test/bert", { endpoint, cache }));
  m.model.dispose();
  const err = await hubDownload(hubUrl("test/bert", "pytorch_model.bin", { endpoint }), "pytorch_model.bin", { endpoint, cache }).catch((e: unknown) => e);
  assert.ok(err instanceof DownloadError && err.kind === "not-found");

  const before = requests.length;
  const sizes = await hubCachedSizes("test/bert", files, { endpoint, cache });
  assert.equal(sizes.get("model.safetensors"), readFileSync(`${FIX}/model.safetensors`).byteLength);
  assert.equal(sizes.get("vocab.txt"), readFileSync(`${FIX}/vocab.txt`).byteLength);
  assert.equal(sizes.get("pytorch_model.bin"), null, "known missing");
  const again = await hubDownload(hubUrl("test/bert", "pytorch_model.bin", { endpoint }), "pytorch_model.bin", { endpoint, cache }).catch((e: unknown) => e);
  assert.ok(again instanceof DownloadError && again.kind === "not-found");
  assert.match(again.message, /remembered from an earlier request/);
  assert.deepEqual(requests.slice(before), [], "neither the sizes nor the known 404 made a request");
});
