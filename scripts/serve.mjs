#!/usr/bin/env node
// Serves the static export (out/) — what `npm run serve` and the browser tests use.
//   node scripts/serve.mjs [--port 3000] [--dir out] [--host 127.0.0.1] [--log] [--no-isolation] [--no-compress]
// By default every response carries Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy:
// require-corp and Cross-Origin-Resource-Policy: same-origin, so the page is cross-origin isolated and tfjs-wasm runs
// its threaded build (lib/runtime/wasm-threads.ts). --no-isolation leaves them out, as a static host that cannot set
// headers does (GitHub Pages): there public/coi-sw.js, a service worker, adds them (public/coi-register.js).
// Like a real static host it gzips text, JavaScript, JSON, SVG and WASM for a client that accepts gzip
// (`--no-compress` does not); the .gz data files and the weights (.bin) go as they are.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".bin": "application/octet-stream",
  // The bytes of the file as they are, never `Content-Encoding: gzip`: the page gunzips the NSMC files itself
  // (lib/data/fetch-text.ts), as it must on a static host that sends them this way.
  ".gz": "application/gzip",
  ".webmanifest": "application/manifest+json",
};

/** Types a static host compresses: text and the like. Not .gz (the page gunzips those itself) nor .bin weights. */
export function compressible(type) {
  return /^(text\/|application\/(json|wasm|manifest\+json)|image\/svg\+xml)/.test(type);
}

// Compressed bodies, by file and modification time: each file is gzipped once per server.
const gzipped = new Map();
function gzipOf(file, stat) {
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  let body = gzipped.get(key);
  if (!body) {
    body = zlib.gzipSync(fs.readFileSync(file), { level: 6 });
    gzipped.set(key, body);
  }
  return body;
}

/** Maps a URL path to a file in dir: /learn/x → learn/x.html or learn/x/index.html. */
function resolveFile(dir, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const safe = path.normalize(p).replace(/^(\.\.[/\\])+/, "");
  const base = path.join(dir, safe);
  if (!base.startsWith(dir)) return null;
  const candidates = [base, `${base}.html`, path.join(base, "index.html")];
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // next
    }
  }
  return null;
}

/** The headers that make a page cross-origin isolated (sent unless --no-isolation; next.config.mjs sends them in dev). */
export const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
};

export function serve({ dir = "out", port = 0, host = "127.0.0.1", log = false, isolation = true, compress = true } = {}) {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new Error(`${root} does not exist: run \`npm run build\` first`);
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    let file = resolveFile(root, url);
    let status = 200;
    if (!file) {
      status = 404;
      file = resolveFile(root, "/404");
    }
    if (log) console.log(status, url);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const stat = fs.statSync(file);
    const gzip = compress && compressible(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? gzipOf(file, stat) : null;
    res.writeHead(status, {
      "content-type": type,
      "content-length": body ? body.length : stat.size,
      ...(body ? { "content-encoding": "gzip" } : {}),
      ...(compress && compressible(type) ? { vary: "accept-encoding" } : {}),
      "cache-control": url.startsWith("/_next/static/") ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
      ...(isolation ? ISOLATION_HEADERS : {}),
    });
    if (req.method === "HEAD") res.end();
    else if (body) res.end(body);
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const actualPort = typeof addr === "object" && addr ? addr.port : port;
      resolve({
        url: `http://${host}:${actualPort}`,
        port: actualPort,
        close: () => new Promise((r) => server.close(() => r())),
        server,
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const usage = "usage: node scripts/serve.mjs [--port 3000] [--dir out] [--host 127.0.0.1] [--log] [--no-isolation] [--no-compress]";
  let flags;
  try {
    flags = parseArgs({
      options: { port: { type: "string" }, dir: { type: "string" }, host: { type: "string" }, log: { type: "boolean" }, isolation: { type: "boolean" }, "no-isolation": { type: "boolean" }, "no-compress": { type: "boolean" } },
    }).values;   // --isolation, the default, is still accepted
  } catch (e) {
    console.error(`${e.message}\n${usage}`);
    process.exit(2);
  }
  const port = Number(flags.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0) {
    console.error(`--port must be a port number, got "${flags.port ?? process.env.PORT}"\n${usage}`);
    process.exit(2);
  }
  const { url } = await serve({ dir: flags.dir ?? "out", port, host: flags.host ?? "127.0.0.1", log: flags.log ?? false, isolation: !flags["no-isolation"], compress: !flags["no-compress"] });
  console.log(`BERT Lab: ${url}/  (${flags["no-isolation"] ? "교차 출처 격리 헤더 없음, " : ""}Ctrl+C로 끝내기)`);
}
