// lib/data/fetch-text: the shipped NSMC files as the page gets them. Served by scripts/serve.mjs (plain gzip bytes,
// application/gzip, no Content-Encoding) and by small servers that misbehave on purpose: Content-Encoding: gzip
// (Node's fetch then decompresses, as a browser does), a cut connection, a 404, a corrupt and a truncated gzip.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { FetchTextError, fetchText, fetchTextDetailed, type ByteProgressSink } from "../../lib/data";
import { PATHS, readText } from "../../scripts/corpus-io";
import { serve, type Served } from "../../scripts/serve.mjs";

const TEXT = "id\tdocument\tlabel\n" + Array.from({ length: 5000 }, (_, i) => `${i}\t리뷰 ${i}번: 재밌어요 ㅋㅋ\t${i % 2}`).join("\n") + "\n";
const GZ = gzipSync(Buffer.from(TEXT), { level: 9 });

let dir: string;
let site: Served;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fetch-text-"));
  fs.writeFileSync(path.join(dir, "reviews.txt.gz"), GZ);
  fs.writeFileSync(path.join(dir, "reviews.txt"), TEXT);
  const corrupt = Buffer.from(GZ);
  for (let i = 40; i < 200; i++) corrupt[i] ^= 0x5a;   // header intact, deflate data garbage
  fs.writeFileSync(path.join(dir, "corrupt.txt.gz"), corrupt);
  fs.writeFileSync(path.join(dir, "truncated.txt.gz"), GZ.subarray(0, GZ.length >> 1));
  fs.copyFileSync(PATHS.test, path.join(dir, "ratings_test.txt.gz"));
  site = await serve({ dir, port: 0 });
});
after(async () => {
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A ByteProgressSink that records what it was told. */
function recorder(signal?: AbortSignal) {
  const updates: Parameters<ByteProgressSink["update"]>[0][] = [];
  const r = { updates, done: undefined as undefined | { step?: number; total?: number; note?: string }, failed: undefined as undefined | string };
  const sink: ByteProgressSink = { signal, update: (p) => void updates.push({ ...p }), done: (p = {}) => { r.done = p; }, fail: (n) => { r.failed = n; } };
  return { ...r, sink, get result() { return r; } };
}

/** A one-route server for the cases serve.mjs never produces. */
async function oneRoute(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/x.txt.gz`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

test("serve.mjs sends .gz files as they are: application/gzip, no Content-Encoding, the file's length", async () => {
  const res = await fetch(`${site.url}/reviews.txt.gz`, { headers: { "accept-encoding": "identity" } });
  assert.equal(res.headers.get("content-type"), "application/gzip");
  assert.equal(res.headers.get("content-encoding"), null);
  assert.equal(Number(res.headers.get("content-length")), GZ.length);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), GZ);
});

test("a gzip file is gunzipped as it streams; progress in bytes of the gzip size, then done with a note", async () => {
  const rec = recorder();
  const r = await fetchTextDetailed(`${site.url}/reviews.txt.gz`, { progress: rec.sink });
  assert.equal(r.text, TEXT);
  assert.equal(r.gzip, true);
  assert.equal(r.bytes, GZ.length);
  assert.equal(r.textBytes, Buffer.byteLength(TEXT));
  assert.ok(rec.updates.length >= 3, "one update before the request, one at the headers, then per chunk");
  assert.deepEqual(rec.updates[0], { unit: "bytes", step: 0, total: 0 }, "size unknown until the headers");
  assert.ok(rec.updates.slice(1).every((u) => u.unit === "bytes" && u.total === GZ.length), "then Content-Length: the gzip size");
  const steps = rec.updates.map((u) => u.step);
  assert.deepEqual(steps, [...steps].sort((a, b) => a - b), "bytes only grow");
  assert.equal(steps.at(-1), GZ.length);
  assert.equal(rec.result.done?.step, GZ.length);
  assert.match(rec.result.done?.note ?? "", /받아 .*MiB로 풀었습니다|받아 .*KiB로 풀었습니다/);
  assert.equal(rec.result.failed, undefined);
});

test("the real ratings_test.txt.gz through the page's path equals scripts/corpus-io's readText", async () => {
  const text = await fetchText(`${site.url}/ratings_test.txt.gz`);
  assert.equal(text, readText(PATHS.test));
  assert.ok(text.startsWith("id\tdocument\tlabel\n"));
});

test("a plain text file is read as text (no gzip magic)", async () => {
  const r = await fetchTextDetailed(`${site.url}/reviews.txt`);
  assert.equal(r.text, TEXT);
  assert.equal(r.gzip, false);
});

test("Content-Encoding: gzip: the fetch already decompressed, so no second gunzip and no total (it would count the wrong bytes)", async () => {
  const s = await oneRoute((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip", "content-length": GZ.length }).end(GZ);
  });
  try {
    const rec = recorder();
    const r = await fetchTextDetailed(s.url, { progress: rec.sink });
    assert.equal(r.text, TEXT);
    assert.equal(r.gzip, false);
    assert.ok(rec.updates.every((u) => u.total === 0), "size unknown");
    assert.equal(rec.result.done?.step, Buffer.byteLength(TEXT));
  } finally {
    await s.close();
  }
});

test("HTTP 404: a Korean error with the status and the file name; the panel is told", async () => {
  const rec = recorder();
  await assert.rejects(fetchText(`${site.url}/missing.txt.gz`, { progress: rec.sink }), (e: unknown) => {
    assert.ok(e instanceof FetchTextError);
    assert.equal(e.kind, "http");
    assert.equal(e.status, 404);
    assert.match(e.message, /^missing\.txt\.gz을\(를\) 받지 못했습니다: HTTP 404 Not Found \(파일이 서버에 없습니다\)$/);
    return true;
  });
  assert.match(rec.result.failed ?? "", /HTTP 404/);
  assert.deepEqual(rec.updates, [{ unit: "bytes", step: 0, total: 0 }], "a panel in bytes even with no byte received");
  assert.equal(rec.result.done, undefined);
});

test("a corrupt gzip and a truncated one are 'corrupt', in Korean", async () => {
  for (const name of ["corrupt.txt.gz", "truncated.txt.gz"]) {
    await assert.rejects(fetchText(`${site.url}/${name}`), (e: unknown) => {
      assert.ok(e instanceof FetchTextError, String(e));
      assert.equal(e.kind, "corrupt", `${name}: ${e.message}`);
      assert.match(e.message, new RegExp(`^${name.replace(".", "\\.")}: gzip 압축을 풀지 못했습니다. 파일이 손상되었거나 잘렸습니다`));
      return true;
    });
  }
});

test("a connection cut before Content-Length is reached is 'cut', never a short text", async () => {
  const s = await oneRoute((_req, res) => {
    res.writeHead(200, { "content-type": "application/gzip", "content-length": GZ.length });
    res.write(GZ.subarray(0, 1000));
    setTimeout(() => res.destroy(), 50);
  });
  try {
    await assert.rejects(fetchText(s.url), (e: unknown) => {
      assert.ok(e instanceof FetchTextError, String(e));
      assert.equal(e.kind, "cut", e.message);
      assert.match(e.message, /x\.txt\.gz: .*연결이 끊겼습니다/);
      return true;
    });
  } finally {
    await s.close();
  }
});

test("the sink's signal (the cell's Stop) aborts the download: 'aborted'", async () => {
  const s = await oneRoute((_req, res) => {
    res.writeHead(200, { "content-type": "application/gzip", "content-length": GZ.length });
    res.write(GZ.subarray(0, 1000));   // and never the rest
  });
  try {
    const stop = new AbortController();
    const rec = recorder(stop.signal);
    const p = fetchText(s.url, { progress: rec.sink });
    setTimeout(() => stop.abort(), 100);
    await assert.rejects(p, (e: unknown) => e instanceof FetchTextError && e.kind === "aborted" && /받기를 멈췄습니다/.test(e.message));
    assert.match(rec.result.done?.note ?? "", /멈췄습니다/, "done(): the panel says 중지됨 by itself");
    assert.equal(rec.result.failed, undefined);
  } finally {
    await s.close();
  }
});

test("no server at all: 'network', in Korean", async () => {
  const s = await oneRoute(() => undefined);
  const url = s.url;
  await s.close();
  await assert.rejects(fetchText(url), (e: unknown) => e instanceof FetchTextError && e.kind === "network" && /서버에 연결할 수 없습니다/.test(e.message));
});

test("a browser without DecompressionStream: 'unsupported', saying which browsers will do", async () => {
  const g = globalThis as { DecompressionStream?: unknown };
  const saved = g.DecompressionStream;
  delete g.DecompressionStream;
  try {
    await assert.rejects(fetchText(`${site.url}/reviews.txt.gz`), (e: unknown) => e instanceof FetchTextError && e.kind === "unsupported" && /DecompressionStream이 없습니다/.test(e.message));
    assert.equal(await fetchText(`${site.url}/reviews.txt`), TEXT, "plain text needs no decompressor");
  } finally {
    g.DecompressionStream = saved;
  }
});

test("serve.mjs gzips text for a client that accepts it, like a static host; not without accept-encoding or --no-compress", async () => {
  const gz = await new Promise<http.IncomingMessage>((r) => http.get(`${site.url}/reviews.txt`, { headers: { "accept-encoding": "gzip, br" } }, r));
  const chunks: Buffer[] = [];
  for await (const c of gz) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(gz.headers.vary, "accept-encoding");
  assert.equal(Number(gz.headers["content-length"]), body.length);
  assert.ok(body.length < Buffer.byteLength(TEXT) / 3, `${body.length} bytes for ${Buffer.byteLength(TEXT)}`);
  assert.equal(gunzipSync(body).toString(), TEXT);
  const plain = await new Promise<http.IncomingMessage>((r) => http.get(`${site.url}/reviews.txt`, r));
  plain.resume();
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(Number(plain.headers["content-length"]), Buffer.byteLength(TEXT));
  const off = await serve({ dir, port: 0, compress: false });
  try {
    const res = await new Promise<http.IncomingMessage>((r) => http.get(`${off.url}/reviews.txt`, { headers: { "accept-encoding": "gzip" } }, r));
    res.resume();
    assert.equal(res.headers["content-encoding"], undefined);
  } finally {
    await off.close();
  }
});
