// What a page costs before the reader does anything: every response Chromium receives (the page, its workers,
// Next's link prefetches) from the load until the network has been quiet for a while, grouped by kind, with
// each body's raw size and its gzip size (level 6, what a static host sends). Used by the budget test
// (tests/browser/page-weight.test.ts) and by `npm run bench:pages`.
import { gzipSync } from "node:zlib";
import type { BrowserContext, Response } from "playwright-core";
import { openPage, type Site } from "../tests/browser/harness";

export type Kind = "js" | "css" | "html" | "wasm" | "model" | "font" | "data" | "other";
export interface FileWeight { path: string; kind: Kind; raw: number; gzip: number }
export interface PageWeight {
  path: string;
  /** Raw and gzip bytes per kind, and how many files. */
  kinds: Record<Kind, { raw: number; gzip: number; files: number }>;
  files: FileWeight[];
  problems: string[];
}

export const KINDS: Kind[] = ["js", "css", "html", "wasm", "model", "font", "data", "other"];

export function kindOf(path: string, type: string): Kind {
  if (/\/models\//.test(path) && /\.(bin|json|txt|safetensors)$/.test(path)) return "model";
  if (/javascript/.test(type) || /\.m?js$/.test(path)) return "js";
  if (/css/.test(type)) return "css";
  if (/html/.test(type)) return "html";
  if (/wasm/.test(type)) return "wasm";
  if (/font|woff/.test(type)) return "font";
  if (/\.(gz|tsv|json)$/.test(path)) return "data";
  return "other";
}

/** Totals by kind. */
export function byKind(files: FileWeight[]): PageWeight["kinds"] {
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { raw: 0, gzip: 0, files: 0 }])) as PageWeight["kinds"];
  for (const f of files) {
    kinds[f.kind].raw += f.raw;
    kinds[f.kind].gzip += f.gzip;
    kinds[f.kind].files += 1;
  }
  return kinds;
}

/**
 * Records every response of `context` from now on (call before the navigation); `settle()` waits until no response
 * has come for `quietMs` (at most `maxMs`), stops recording and returns the files.
 */
export function recordResponses(context: BrowserContext) {
  const pending: Promise<FileWeight | null>[] = [];
  let last = Date.now();
  const onResponse = (r: Response) => {
    last = Date.now();
    const url = new URL(r.url());
    if (!url.protocol.startsWith("http")) return;
    pending.push(
      r.body().then(
        (body) => {
          last = Date.now();
          const type = r.headers()["content-type"] ?? "";
          return { path: url.pathname + url.search, kind: kindOf(url.pathname, type), raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
        },
        () => null,   // a redirect or an aborted prefetch has no body
      ),
    );
  };
  context.on("response", onResponse);
  return {
    async settle(quietMs = 2500, maxMs = 45_000): Promise<FileWeight[]> {
      const t0 = Date.now();
      while (Date.now() - last < quietMs && Date.now() - t0 < maxMs) await new Promise((r) => setTimeout(r, 250));
      context.off("response", onResponse);
      return (await Promise.all(pending)).filter((f): f is FileWeight => f !== null);
    },
  };
}

/**
 * Opens `urlPath` in a fresh context and records what arrives until the network is quiet. Nothing is clicked,
 * typed or hovered: this is the page before the reader's first input.
 */
export async function pageWeight(site: Site, urlPath: string, opts: { quietMs?: number; maxMs?: number } = {}): Promise<PageWeight> {
  const context = await site.newContext();
  const rec = recordResponses(context);
  const { problems } = await openPage(site, urlPath, { context });
  const files = await rec.settle(opts.quietMs, opts.maxMs);
  await context.close();
  return { path: urlPath, kinds: byKind(files), files, problems: problems() };
}

/** Gzip budgets for all the JavaScript before the first input (issue #28), by page. */
export function jsBudget(urlPath: string): number {
  if (urlPath.startsWith("/learn/")) return 700_000;
  if (urlPath.startsWith("/explorer")) return 400_000;
  return 250_000;
}
