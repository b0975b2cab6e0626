// What a page makes Chromium download: every response by kind, with the JavaScript's gzip size (each body gzipped
// with zlib, as a static host would send it), plus the workers the page started. Used by explorer-weight.test.ts,
// and to measure a build before and after a change (`dir` of startSite).
import zlib from "node:zlib";
import type { BrowserContext, Response } from "playwright-core";

export interface Weight {
  js: { files: number; raw: number; gzip: number; urls: string[] };
  wasm: number;
  model: number;      // anything under /models/
  other: number;
  urls: string[];
}

/** Starts counting every response in `context` (call before goto); `done()` waits for `settleMs` of quiet network. */
export function countResponses(context: BrowserContext) {
  const pending: Promise<void>[] = [];
  const w: Weight = { js: { files: 0, raw: 0, gzip: 0, urls: [] }, wasm: 0, model: 0, other: 0, urls: [] };
  let last = Date.now();
  const on = (r: Response) => {
    last = Date.now();
    pending.push((async () => {
      const body = await r.body().catch(() => null);
      if (!body) return;
      const url = new URL(r.url()).pathname, type = r.headers()["content-type"] ?? "";
      w.urls.push(url);
      if (/javascript/.test(type) || url.endsWith(".js")) {
        w.js.files++; w.js.raw += body.length; w.js.gzip += zlib.gzipSync(body).length; w.js.urls.push(url);
      } else if (url.endsWith(".wasm")) w.wasm += body.length;
      else if (url.includes("/models/")) w.model += body.length;
      else w.other += body.length;
      last = Date.now();
    })());
  };
  context.on("response", on);
  return {
    context,
    weight: w,
    async done(settleMs = 3000, maxMs = 60_000): Promise<Weight> {
      const t0 = Date.now();
      while (Date.now() - last < settleMs && Date.now() - t0 < maxMs) await new Promise((r) => setTimeout(r, 200));
      await Promise.all(pending);
      context.off("response", on);
      return w;
    },
  };
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
