// npm run snapshots [-- <slug> ...] [--out=<built site>]
//
// Records the pre-rendered outputs of the chapters' cells (issue #30 §3): serves the built site (out/, from
// `npm run build`; this script builds nothing), opens each chapter in headless Chromium without GPU flags (so the
// kernel runs on WASM, as tests/browser/no-gpu.test.ts does), presses 모두 실행 with the chapter's defaults, and
// writes each cell's final output items to content/snapshots/<slug>.json with the cell's key (app/snapshots.ts).
// With slugs, only those chapters; without, every chapter with cells.
//
// Not recorded (lib/cells/snapshot.ts skipReason): exercise scratch cells (ex-…) and the cells DEPENDS_ON_READER lists
// (a file picker, a question, the Hub); a cell that asks the reader and is not listed there stops the recording.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { listChapters } from "../app/chapters";
import { assetsHash, cellKeys, SNAPSHOT_DIR, snapshotPath } from "../app/snapshots";
import { extractCells } from "./cells/extract";
import { askedReader, skipReason, snapshotItems, type SnapshotFile } from "../lib/cells/snapshot";
import { GPU_FLAGS, OUT_DIR, ROOT, openPage, runAllCells, startSite } from "../tests/browser/harness";

interface Recorded { ok: boolean; stopped?: boolean; ms: number; backend: string; items: Record<string, unknown>[] }

// Plain JS (tsx would wrap a function written here in helpers the page does not have): typed arrays as arrays,
// download bytes left out.
const READ_RECORD = `JSON.stringify(window.__bertLabRecord, (k, v) =>
  v instanceof Uint8Array ? undefined : ArrayBuffer.isView(v) ? Array.from(v) : v)`;

async function main() {
  // --out: a copy of out/ to serve, so a build can go on while this runs.
  const outDir = path.resolve(process.argv.find((a) => a.startsWith("--out="))?.slice(6) ?? OUT_DIR);
  if (!fs.existsSync(path.join(outDir, "index.html"))) {
    console.error("out/ is missing: run `npm run build` first (npm run snapshots records the built site, it builds nothing).");
    process.exit(1);
  }
  if (assetsHash(path.join(ROOT, "public")) !== assetsHash(outDir)) {
    console.error("out/models or out/data differ from public/: run `npm run build` again first.");
    process.exit(1);
  }
  const want = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const chapters = (await listChapters()).filter((c) => c.cells && (want.length === 0 || want.includes(c.slug)));
  const unknown = want.filter((w) => !chapters.some((c) => c.slug === w));
  if (unknown.length) throw new Error(`no chapter with cells named ${unknown.join(", ")}`);
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });

  const t0 = Date.now();
  const site = await startSite({ dir: outDir, omitArgs: GPU_FLAGS });
  try {
    for (const ch of chapters) {
      const t = Date.now();
      const mdx = fs.readFileSync(path.join(ROOT, "content", ch.file), "utf8");
      const cells = extractCells(mdx, ch.file);
      const keys = cellKeys(mdx, ch.file);
      const context = await site.newContext();
      await context.addInitScript("window.__bertLabRecord = {}");
      const { page, problems } = await openPage(site, `/learn/${ch.slug}`, { context });
      // The built page must have the chapter's code as it is now, or the keys would not describe what ran.
      const built = await page.locator("section.cell[data-cell-id] pre.static-code").evaluateAll((els) =>
        els.map((e) => [(e.closest("section") as HTMLElement).dataset.cellId!, (e.textContent ?? "").replace(/\s+$/, "")]));
      const drift = cells.filter((c) => built.find(([id]) => id === c.id)?.[1] !== c.code.replace(/\s+$/, "")).map((c) => c.id);
      if (drift.length) throw new Error(`out/ is older than content/${ch.file} (cells ${drift.join(", ")}): run \`npm run build\` first`);

      await runAllCells(page, ch.slug);
      const record = JSON.parse((await page.evaluate(READ_RECORD)) as string) as Record<string, Recorded>;
      const file: SnapshotFile = { backend: "", date: new Date().toISOString().slice(0, 10), cells: {} };
      const backends = new Set<string>();
      const skipped: string[] = [];
      for (const c of cells) {
        const r = record[c.id];
        if (!r) throw new Error(`${ch.slug}#${c.id}: no recorded run`);
        const why = skipReason(ch.slug, c.id);
        if (why) {
          skipped.push(`${c.id} (${why})`);
          continue;
        }
        if (askedReader(r.items as { kind: string }[])) {
          throw new Error(`${ch.slug}#${c.id} asks the reader (a file or a yes/no): add it to DEPENDS_ON_READER in lib/cells/snapshot.ts`);
        }
        backends.add(r.backend);
        file.cells[c.id] = { key: keys.get(c.id)!, ms: Math.round(r.ms), items: snapshotItems(r.items) };
      }
      if (backends.size > 1) throw new Error(`${ch.slug}: cells ran on several backends (${[...backends]}); expected one`);
      file.backend = [...backends][0] ?? "wasm";
      const json = JSON.stringify(file);
      fs.writeFileSync(snapshotPath(ch.slug), json + "\n");
      const printed = Object.values(file.cells).filter((e) => e.items.length > 0).length;
      console.log(
        `${ch.slug}: ${Object.keys(file.cells).length} cells (${printed} print something) on ${file.backend} in ` +
          `${((Date.now() - t) / 1000).toFixed(0)} s; ${Buffer.byteLength(json)} B, ${gzipSync(json).length} B gzip → ${path.relative(ROOT, snapshotPath(ch.slug))}`,
      );
      if (skipped.length) console.log(`  skipped: ${skipped.join("; ")}`);
      for (const p of problems()) console.log(`  page problem: ${p}`);
      await context.close();
    }
  } finally {
    await site.close();
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; now \`npm run build\` to put them in the pages.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
