// The committed pre-rendered outputs (content/snapshots/<slug>.json, written by `npm run snapshots`) match the
// chapters as they are now: every cell that should have one has an entry whose key is the cell's key now (its code,
// the code before it, the model and data files: app/snapshots.ts), none is left for a cell that must not have one,
// each chapter's file stays small, and no snapshot holds a download's bytes or a placeholder.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { listChapters } from "../../app/chapters";
import { cellKeys, chapterSnapshot, readSnapshot, snapshotPath } from "../../app/snapshots";
import { extractCells } from "../../scripts/cells/extract";
import { forbiddenItems, skipReason, snapshotItems, toOutputItems } from "../../lib/cells/snapshot";

const CONTENT = path.join(import.meta.dirname, "../../content");
/** What a chapter's pre-rendered outputs may add to its HTML, gzip (issue #30); the JSON is the data under it. */
const MAX_GZIP = 150 * 1024;

const chapters = (await listChapters()).filter((c) => c.cells);
const refresh = (slug: string) => `run \`npm run build && npm run snapshots -- ${slug}\`, then commit content/snapshots/${slug}.json`;

/** Every problem with one chapter's snapshot, as messages naming the cell and the command. */
function problems(slug: string, mdx: string): string[] {
  const snap = readSnapshot(slug);
  if (!snap) return [`content/snapshots/${slug}.json is missing: ${refresh(slug)}`];
  const keys = cellKeys(mdx, slug);
  const out: string[] = [];
  for (const c of extractCells(mdx, slug)) {
    const e = snap.cells[c.id];
    const skip = skipReason(slug, c.id);
    if (skip) {
      if (e) out.push(`${slug}#${c.id} must have no snapshot (${skip}): ${refresh(slug)}`);
    } else if (!e) {
      out.push(`${slug}#${c.id} has no snapshot: ${refresh(slug)}`);
    } else if (e.key !== keys.get(c.id)) {
      out.push(`${slug}#${c.id}: snapshot is stale (this cell's code, an earlier cell's, or public/models|data changed): ${refresh(slug)}`);
    }
  }
  for (const id of Object.keys(snap.cells)) if (!keys.has(id)) out.push(`${slug}#${id}: snapshot of a cell the chapter no longer has: ${refresh(slug)}`);
  return out;
}

for (const ch of chapters) {
  const mdx = fs.readFileSync(path.join(CONTENT, ch.file), "utf8");

  test(`${ch.slug}: every cell's snapshot is current`, () => {
    assert.deepEqual(problems(ch.slug, mdx), []);
  });

  test(`${ch.slug}: the snapshot is small and holds nothing that must not be pre-rendered`, () => {
    const raw = fs.readFileSync(snapshotPath(ch.slug));
    const gz = gzipSync(raw).length;
    assert.ok(gz <= MAX_GZIP, `content/snapshots/${ch.slug}.json is ${gz} B gzip, over ${MAX_GZIP} B`);
    const snap = readSnapshot(ch.slug)!;
    assert.match(snap.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(snap.backend, /^(wasm|webgl|webgpu|cpu)$/);
    assert.deepEqual(forbiddenItems(snap), []);
    for (const e of Object.values(snap.cells)) {
      assert.ok(!e.items.some((it) => it.kind === "text" && it.role === "backend-note"), "the recording browser's backend note is not the cell's output");
    }
    console.log(`# ${ch.slug}: ${Object.keys(snap.cells).length} cells, ${raw.length} B, ${gz} B gzip`);
  });
}

test("a changed cell makes its snapshot and every later one stale, and the page then shows none of them", () => {
  const ch = chapters.find((c) => c.slug === "tokenization") ?? chapters[0];
  const mdx = fs.readFileSync(path.join(CONTENT, ch.file), "utf8");
  const cells = extractCells(mdx, ch.file);
  const target = cells[Math.floor(cells.length / 2)];
  const edited = mdx.replace(target.code, `${target.code}\n// 한 줄 더`);
  const msgs = problems(ch.slug, edited);
  const later = cells.slice(cells.indexOf(target)).filter((c) => !skipReason(ch.slug, c.id)).map((c) => c.id);
  assert.deepEqual(msgs.map((m) => m.split(":")[0]), later.map((id) => `${ch.slug}#${id}`));
  assert.match(msgs[0], /npm run snapshots -- /);
  const shown = chapterSnapshot(ch.slug, edited, ch.file);
  for (const id of later) assert.equal(shown?.cells[id], undefined, `${id}: a stale snapshot is never shown`);
  const before = cells.slice(0, cells.indexOf(target)).filter((c) => !skipReason(ch.slug, c.id) && readSnapshot(ch.slug)?.cells[c.id]?.items.length);
  for (const c of before) assert.ok(shown?.cells[c.id], `${c.id}: earlier cells keep theirs`);
});

test("what goes into a snapshot: no downloads, questions, placeholders or backend note; attention and charts compact", () => {
  const items = snapshotItems([
    { kind: "text", id: 1, text: "WASM으로 실행합니다", stream: "warn", role: "backend-note" },
    { kind: "text", id: 2, text: "안녕", stream: "log" },
    { kind: "download", id: 3, name: "a.bin", mime: "x", label: "받기" },
    { kind: "upload", id: 4, label: "고르기", state: "skipped" },
    { kind: "confirm", id: 5, message: "?", yes: "예", no: "아니오", state: "skipped" },
    { kind: "pending", id: 6, label: "…" },
    { kind: "attention", id: 7, tokens: ["a", "b"], layers: 1, heads: 1, values: [0.123456, 0.876544, 1, 0] },
    { kind: "chart", id: 8, spec: { type: "line", x: "step", data: Array.from({ length: 1000 }, (_, i) => ({ step: i, loss: 1 / (i + 1) })) } },
  ]);
  assert.deepEqual(items.map((i) => i.kind), ["text", "attention", "chart"]);
  const att = items[1] as unknown as { values: number[] };
  assert.deepEqual(att.values, [0.123, 0.877, 1, 0]);
  const chart = items[2] as unknown as { spec: { data: { step: number; loss: number }[] } };
  assert.ok(chart.spec.data.length <= 400 && chart.spec.data.at(-1)!.step === 999, "thinned, keeping the last point");
  assert.ok(toOutputItems(items)[1].kind === "attention" && (toOutputItems(items)[1] as { values: unknown }).values instanceof Float32Array);
  assert.deepEqual(forbiddenItems({ backend: "wasm", date: "2026-12-06", cells: { a: { key: "k", items: [{ kind: "download" } as never] } } }), ["a: download item"]);
});
