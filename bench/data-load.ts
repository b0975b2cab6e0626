// How long chapter 6's data cell (load-data: both NSMC files, fetched and parsed) takes, and how many bytes it pulls,
// for two builds side by side: e.g. one that serves the raw .txt files and one that serves them gzipped.
//
//   npm run build && npx tsx bench/data-load.ts --before /tmp/old/out [--after out] [--runs 3] [--rates 0,5]
//
// --rates: link speeds in MB/s (10^6 bytes) to run at, 0 = as fast as localhost goes; tests/browser/proxy.ts paces the
// responses and counts the body bytes it sends. Runs alternate before/after, each in a fresh browser context (empty
// cache) of its build's own Chromium (fresh user-data dir, the harness's flags), after the kernel is up, so the time
// is the cell's alone: from the click on 실행 to the cell's "완료", measured in the page.
// Not part of `npm test`.
import path from "node:path";
import { cellSel, openPage, runInKernel, startSite, type Site } from "../tests/browser/harness";
import { startProxy, type Proxy } from "../tests/browser/proxy";
import { parseFlags } from "../scripts/cli-util";

const CHAPTER = "/learn/finetune";
const CELL = "load-data";
const USAGE = "usage: npx tsx bench/data-load.ts --before <out dir> [--after out] [--runs 3] [--rates 0,5]";
const flags = parseFlags(process.argv.slice(2), { before: "string", after: "string", runs: "number", rates: "string" }, USAGE);
if (!flags.before) { process.stderr.write(`missing --before\n${USAGE}\n`); process.exit(2); }
const runs = flags.runs ?? 3;
const rates = (flags.rates ?? "0,5").split(",").map(Number);
if (rates.some((r) => !Number.isFinite(r) || r < 0)) { process.stderr.write(`--rates: MB/s numbers, got "${flags.rates}"\n`); process.exit(2); }

// Plain JS text: tsx would wrap a function written here in helpers that do not exist in the page (see harness.ts).
const CLICK_AND_TIME = `(sel) => new Promise((resolve, reject) => {
  const cell = document.querySelector(sel);
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    const s = cell.dataset.status;
    if (s === "ok") { obs.disconnect(); resolve(performance.now() - t0); }
    else if (s === "error" || s === "stopped") { obs.disconnect(); reject(new Error("cell " + s)); }
  });
  obs.observe(cell, { attributes: true, attributeFilter: ["data-status"] });
  cell.querySelector("button.btn-run").click();
})`;

interface Build { name: "before" | "after"; dir: string; site: Site; proxy: Proxy }
interface Row { build: string; rateMBps: number; run: number; ms: number; dataBytes: number; allBytes: number; files: string }

const builds: Build[] = [];
for (const [name, dir] of [["before", flags.before], ["after", flags.after ?? "out"]] as const) {
  const site = await startSite({ dir: path.resolve(dir) });
  builds.push({ name, dir, site, proxy: await startProxy(site) });
}
const rows: Row[] = [];
try {
  for (const rate of rates) {
    for (let run = 1; run <= runs; run++) {
      for (const b of builds) {
        b.proxy.bytesPerSecond = rate > 0 ? rate * 1e6 : null;
        const { page, context } = await openPage(b.proxy.site, CHAPTER);
        await runInKernel(page, "1", { timeout: 120_000 });   // the kernel is up: its start is not the cell's time
        await page.locator(cellSel(CELL)).scrollIntoViewIfNeeded();
        b.proxy.sent.clear();
        const ms = (await page.evaluate(([fn, sel]) => (0, eval)(fn as string)(sel), [CLICK_AND_TIME, cellSel(CELL)] as const)) as number;
        const data = [...b.proxy.sent].filter(([p]) => p.startsWith("/data/"));
        const row: Row = {
          build: b.name, rateMBps: rate, run, ms: Math.round(ms),
          dataBytes: data.reduce((s, [, n]) => s + n, 0),
          allBytes: [...b.proxy.sent.values()].reduce((s, n) => s + n, 0),
          files: data.map(([p, n]) => `${path.basename(p)}=${n}`).join(" "),
        };
        rows.push(row);
        console.log(JSON.stringify(row));
        await context.close();
      }
    }
  }
} finally {
  for (const b of builds) { await b.proxy.close(); await b.site.close(); }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log("\nbuild   rate      ms (each run)              median   data bytes");
for (const rate of rates) {
  for (const b of builds) {
    const mine = rows.filter((r) => r.build === b.name && r.rateMBps === rate);
    const label = rate ? `${rate} MB/s` : "local";
    console.log(`${b.name.padEnd(7)} ${label.padEnd(9)} ${mine.map((r) => String(r.ms).padStart(6)).join(" ").padEnd(26)} ${String(median(mine.map((r) => r.ms))).padStart(6)}   ${mine[0]?.dataBytes.toLocaleString("en-US")}`);
  }
}
const summary = Object.fromEntries(rates.map((rate) => {
  const m = (name: string) => median(rows.filter((r) => r.build === name && r.rateMBps === rate).map((r) => r.ms));
  return [rate ? `${rate}MBps` : "local", { beforeMs: m("before"), afterMs: m("after"), ratio: Number((m("after") / m("before")).toFixed(2)) }];
}));
console.log(JSON.stringify(summary));
