// Page weight, time to the first cell output on a slow link, and Lighthouse's scores, for one build or two side
// by side (before/after). Prints one JSON object.
//
//   npm run build && npm run bench:pages [-- --dir out] [--dir2 /old/out] [--no-lighthouse] [--pages /,/learn/encoder]
//
// - bytes: every response before the reader's first input (bench/page-weight.ts), raw and gzip, per kind.
// - firstOutput: a fresh tab opens /learn/cells through a proxy that paces each response at 1.25 MB/s (10 Mbit/s;
//   each response gets that rate, so parallel downloads are faster than one real link), then ▶ on the first cell:
//   milliseconds from navigation to its output.
// - lighthouse: Lighthouse 12's mobile preset (simulated throttling) on Debian's Chromium: performance and
//   accessibility scores, LCP, time to interactive, total blocking time.
// Not part of `npm test` (a few minutes per build); the budgets are checked by tests/browser/page-weight.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { parseFlags } from "../scripts/cli-util";
import { CHROMIUM, cellSel, chromiumArgs, openPage, startSite, waitForStatus, type Site } from "../tests/browser/harness";
import { startProxy } from "../tests/browser/proxy";
import { jsBudget, pageWeight } from "./page-weight";

const USAGE = "usage: npx tsx bench/pages.ts [--dir out] [--dir2 <other out>] [--pages /,/learn/encoder,/explorer] [--no-lighthouse]";
const flags = parseFlags(process.argv.slice(2), { dir: "string", dir2: "string", pages: "string", "no-lighthouse": "boolean" }, USAGE);
const dirs = [flags.dir ?? "out", ...(flags.dir2 ? [flags.dir2] : [])].map((d) => path.resolve(d));
const pages = (flags.pages ?? "/,/learn/encoder,/explorer").split(",");
const LINK = 1.25e6;

async function firstOutput(site: Site): Promise<number> {
  const proxy = await startProxy(site, { bytesPerSecond: LINK });
  try {
    const t0 = Date.now();
    const { page, context } = await openPage(proxy.site, "/learn/cells");
    const cell = page.locator(cellSel("hello"));
    await cell.locator("button.btn-run:not([disabled])").click({ timeout: 120_000 });
    await waitForStatus(page, "hello", ["ok", "error"], 180_000);
    const ms = Date.now() - t0;
    await context.close();
    return ms;
  } finally {
    await proxy.close();
  }
}

async function lighthouseScores(url: string) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bert-lab-lh-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    ignoreDefaultFlags: true,
    chromeFlags: chromiumArgs(userDataDir, { omitArgs: ["--remote-debugging-pipe"] }).filter((a) => !a.startsWith("--user-data-dir") && a !== "about:blank"),
    userDataDir,
  });
  try {
    const r = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    const lhr = r!.lhr;
    const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      lcpMs: ms("largest-contentful-paint"),
      ttiMs: ms("interactive"),
      tbtMs: ms("total-blocking-time"),
      // Each failed accessibility audit with the first few elements it names.
      failedA11y: Object.values(lhr.audits)
        .filter((a) => a.score === 0 && lhr.categories.accessibility.auditRefs.some((x) => x.id === a.id))
        .map((a) => {
          const items = ((a.details as { items?: { node?: { snippet?: string; explanation?: string } }[] } | undefined)?.items ?? []);
          return { id: a.id, nodes: items.slice(0, 5).map((i) => `${i.node?.snippet ?? ""} ${i.node?.explanation?.split("\n")[0] ?? ""}`.slice(0, 300)) };
        }),
    };
  } finally {
    chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

const out: Record<string, unknown> = {};
for (const dir of dirs) {
  const site = await startSite({ dir });
  const entry: Record<string, unknown> = {};
  try {
    for (const p of pages) {
      const w = await pageWeight(site, p);
      const kinds = Object.fromEntries(Object.entries(w.kinds).filter(([, v]) => v.files > 0));
      const row: Record<string, unknown> = { jsGzip: w.kinds.js.gzip, jsBudget: jsBudget(p), withinBudget: w.kinds.js.gzip <= jsBudget(p), kinds };
      if (!flags["no-lighthouse"]) row.lighthouse = await lighthouseScores(site.url + p);
      entry[p] = row;
      process.stderr.write(`${dir} ${p}: JS ${(w.kinds.js.gzip / 1000).toFixed(0)} KB gzip\n`);
    }
    entry.firstOutputMs = await firstOutput(site);
  } finally {
    await site.close();
  }
  out[dir] = entry;
}
if (dirs.length === 2) {
  const [a, b] = dirs.map((d) => out[d] as Record<string, { jsGzip: number }>);
  out.jsGzipRatioSecondOverFirst = Object.fromEntries(pages.map((p) => [p, +(b[p].jsGzip / a[p].jsGzip).toFixed(3)]));
}
console.log(JSON.stringify(out, null, 1));
