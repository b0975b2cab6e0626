// A proxy in front of the harness's server (scripts/serve.mjs), for what serve.mjs never does on purpose:
//   - a slow link (`bytesPerSecond`): every response body paced in 16 KiB pieces, so a download shows its progress;
//   - other servers' ways with `.gz` files (`gz`): "content-encoding" sends them with `Content-Encoding: gzip` (the
//     browser then hands the page decompressed text), "missing" answers 404, "corrupt" garbles the deflate data;
//   - a count of the body bytes sent per path (`sent`), i.e. what went over the network.
// Same origin as far as the page knows: it is the only host the page talks to. Used by tests/browser/data-files.test.ts
// and bench/data-load.ts.
import http from "node:http";
import { pipeline } from "node:stream/promises";
import type { Site } from "./harness";

export type GzMode = "as-is" | "content-encoding" | "missing" | "corrupt";

export interface Proxy {
  url: string;
  /** null: as fast as localhost goes. Per response (two downloads at once get this rate each). */
  bytesPerSecond: number | null;
  gz: GzMode;
  /** Body bytes sent, by path (without the query). */
  sent: Map<string, number>;
  /** `site` with this proxy's url, for openPage(). */
  site: Site;
  close(): Promise<void>;
}

const PIECE = 16 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function startProxy(site: Site, opts: { bytesPerSecond?: number | null; gz?: GzMode } = {}): Promise<Proxy> {
  const upstream = new URL(site.url);
  const sent = new Map<string, number>();
  const state = { bytesPerSecond: opts.bytesPerSecond ?? null, gz: opts.gz ?? "as-is" };

  async function* paced(body: AsyncIterable<Buffer> | Buffer[], path: string) {
    // Each piece waits until the time the link would have delivered it (not a fixed sleep per piece, whose timer
    // overhead on a busy machine would make the link slower than asked).
    const t0 = performance.now();
    let bytes = 0;
    for await (const chunk of body) {
      for (let off = 0; off < chunk.length; off += PIECE) {
        const piece = chunk.subarray(off, off + PIECE);
        sent.set(path, (sent.get(path) ?? 0) + piece.length);
        yield piece;
        bytes += piece.length;
        if (state.bytesPerSecond) await sleep(t0 + (bytes / state.bytesPerSecond) * 1000 - performance.now());
      }
    }
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const up = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, async (upRes) => {
      const headers = { ...upRes.headers };
      let body: AsyncIterable<Buffer> | Buffer[] = upRes;
      if (path.endsWith(".gz") && upRes.statusCode === 200 && state.gz !== "as-is") {
        const bytes = Buffer.concat(await upRes.toArray());
        if (state.gz === "missing") {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cross-origin-resource-policy": "same-origin" }).end("not found");
          return;
        }
        if (state.gz === "content-encoding") {
          // What a host does that gzips on the fly and labels the file so: the body is the same gzip bytes.
          headers["content-encoding"] = "gzip";
          headers["content-type"] = "text/plain; charset=utf-8";
        } else {
          for (let i = 40; i < Math.min(bytes.length, 4000); i++) bytes[i] ^= 0x5a;   // header intact, data garbage
        }
        body = [bytes];
      }
      res.writeHead(upRes.statusCode ?? 502, headers);
      await pipeline(paced(body, path), res).catch(() => undefined);   // the page may abort a download
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    get bytesPerSecond() { return state.bytesPerSecond; },
    set bytesPerSecond(v) { state.bytesPerSecond = v; },
    get gz() { return state.gz; },
    set gz(v) { state.gz = v; },
    sent,
    site: { ...site, url },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
