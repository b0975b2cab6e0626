// Snapshot keys and files, at build time (Node): see lib/cells/snapshot.ts for what a snapshot is.
//
// A cell's key is a short sha256 of its code, the code of every cell before it in the chapter, and one hash of the
// files the cells load (public/models/ and public/data/, except notes and pictures: *.md, *.svg). The chapter page
// shows a snapshot entry only while its key equals the cell's key now; tests/unit/snapshots.test.ts fails on a stale
// or missing one and names the command that refreshes it (`npm run snapshots`).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { extractCells } from "../scripts/cells/extract";
import type { ChapterSnapshot, SnapshotFile } from "../lib/cells/snapshot";

// The repository root: the build, the script and the tests all run there (as app/chapters.ts assumes).
const ROOT = process.cwd();
export const SNAPSHOT_DIR = path.join(ROOT, "content", "snapshots");
/** Under public/ (and out/ once built). */
export const ASSET_DIRS = ["models", "data"];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

const cache = new Map<string, string>();
/**
 * One hash of every model and data file the cells may load (path and bytes), computed once per process. `base` is
 * the folder that holds models/ and data/: public/ (default) or a built out/.
 */
export function assetsHash(base = path.join(ROOT, "public")): string {
  const hit = cache.get(base);
  if (hit) return hit;
  const h = createHash("sha256");
  const files = ASSET_DIRS.flatMap((d) => walk(path.join(base, d)))
    .filter((f) => !/\.(md|svg)$/.test(f))
    .map((f) => path.relative(base, f).split(path.sep).join("/"))
    .sort();
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(fs.readFileSync(path.join(base, f)));
    h.update("\0");
  }
  const hash = h.digest("hex");
  cache.set(base, hash);
  return hash;
}

/** Each cell's key, in chapter order: sha256 over the assets hash and the code of this cell and every cell before it. */
export function cellKeys(mdx: string, file = "chapter", assetHash = assetsHash()): Map<string, string> {
  const keys = new Map<string, string>();
  const h = createHash("sha256");
  h.update(`bert-lab snapshot v1\0${assetHash}\0`);
  for (const c of extractCells(mdx, file)) {
    h.update(`${c.id}\0${c.code}\0`);
    keys.set(c.id, h.copy().digest("hex").slice(0, 16));
  }
  return keys;
}

export const snapshotPath = (slug: string): string => path.join(SNAPSHOT_DIR, `${slug}.json`);

export function readSnapshot(slug: string): SnapshotFile | null {
  const p = snapshotPath(slug);
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, "utf8")) as SnapshotFile) : null;
}

/**
 * What a chapter page shows: the entries of content/snapshots/<slug>.json whose key is current and that printed
 * something. null when there is no file or nothing current.
 */
export function chapterSnapshot(slug: string, mdx: string, file = slug): ChapterSnapshot | null {
  const snap = readSnapshot(slug);
  if (!snap) return null;
  const keys = cellKeys(mdx, file);
  const cells: ChapterSnapshot["cells"] = {};
  for (const [id, e] of Object.entries(snap.cells)) {
    if (keys.get(id) === e.key && e.items.length > 0) cells[id] = e.items;
  }
  return Object.keys(cells).length ? { backend: snap.backend, date: snap.date, cells } : null;
}
