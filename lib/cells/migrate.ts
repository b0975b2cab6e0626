// Saved reader edits follow a chapter whose slug changed (its file was renamed), and a cell that moved to another
// chapter or changed its id: the edits are stored under "bert-lab:cell:<slug>:<cell id>" (./storage), so without
// this they would be left behind under the old key.

import { cellKey, parseSaved } from "./storage";

/** Chapters renamed since readers started saving edits: old slug → new slug. */
export const RENAMED_SLUGS: Readonly<Record<string, string>> = { sample: "cells" };

/** Every key of `store` that starts with `prefix`, collected before anything is read or removed. */
function keysStartingWith(store: Storage, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k !== null && k.startsWith(prefix)) keys.push(k);
  }
  return keys;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Moves every saved edit of chapter `from` to chapter `to`: "bert-lab:cell:<from>:<id>" becomes
 * "bert-lab:cell:<to>:<id>", value unchanged, and the old key is removed. An edit already saved under the new
 * slug wins (it is the newer one). Idempotent: a second call finds nothing to move. Returns how many moved;
 * without storage (or when it fails, e.g. full) it moves what it can and never throws.
 */
export function migrateSlug(from: string, to: string, store: Storage | null = defaultStorage()): number {
  if (!store || from === to) return 0;
  let moved = 0;
  try {
    const prefix = cellKey(from, "");
    for (const k of keysStartingWith(store, prefix)) {   // collected first: removing while indexing skips keys
      const target = cellKey(to, k.slice(prefix.length));
      const value = store.getItem(k);
      if (value !== null && store.getItem(target) === null) {
        store.setItem(target, value);
        moved++;
      }
      store.removeItem(k);
    }
  } catch {
    // Storage disabled or full: the rest stays where it is and is tried again next time.
  }
  return moved;
}

/**
 * Cells that moved to another chapter or changed id: "<old slug>:<old id>" → "<new slug>:<new id>".
 * The saved value (with the hash of the code the edit was made from) moves unchanged, so the cell in its new place
 * reports the edit as made from other code (the stale notice: take the new code, see a diff, or keep it).
 */
export const MOVED_CELLS: Readonly<Record<string, string>> = {
  // Chapter 1's Latin-vocabulary and NFD cells belong to tokenization (issue #29).
  "bert-overview:latin-vocab": "tokenization:latin-vocab",
  "bert-overview:nfd-jamo": "tokenization:nfd-jamo",
};

/** "slug:id" → [slug, id] (a cell id never contains ":"; a slug never does either). */
function splitCellRef(ref: string): [string, string] {
  const i = ref.indexOf(":");
  return [ref.slice(0, i), ref.slice(i + 1)];
}

/**
 * Moves one saved edit from cell `from` ("slug:id") to cell `to`. An edit already saved at the new place wins
 * (it is the newer one) and the old one is removed. Returns whether an edit moved; never throws.
 */
export function migrateCell(from: string, to: string, store: Storage | null = defaultStorage()): boolean {
  if (!store || from === to) return false;
  try {
    const source = cellKey(...splitCellRef(from));
    const target = cellKey(...splitCellRef(to));
    const value = store.getItem(source);
    if (value === null) return false;
    const moved = store.getItem(target) === null;
    if (moved) store.setItem(target, value);
    store.removeItem(source);
    return moved;
  } catch {
    return false;   // storage disabled or full: tried again next time
  }
}

let migrated = false;

/** migrateSlug for every RENAMED_SLUGS entry, then migrateCell for every MOVED_CELLS entry, once per page load. */
export function migrateRenamedSlugs(store: Storage | null = defaultStorage()): void {
  if (migrated) return;
  migrated = true;
  for (const [from, to] of Object.entries(RENAMED_SLUGS)) migrateSlug(from, to, store);
  for (const [from, to] of Object.entries(MOVED_CELLS)) migrateCell(from, to, store);
}

/** Cells removed from a chapter, with what became of their code (said next to a reader's saved edit of one). */
export const REMOVED_CELLS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  finetune: {
    dashboard:
      "그래프, 진행 막대, 체크포인트, NaN 건너뛰기, 메모리 부족 설명, WASM 전환은 이제 show.trainer(…)가 합니다. " +
      "학습 셀(train)이 그것을 부릅니다.",
  },
};

export interface OrphanEdit {
  cellId: string;
  source: string;
  /** Why the cell is gone, when the chapter says so (REMOVED_CELLS). */
  why?: string;
}

/**
 * Saved edits of chapter `slug` whose cell is not on the page any more (`present`: the ids the page has).
 * Nothing is deleted here: the reader decides (see components/cells/OrphanEdits.tsx).
 */
export function orphanEdits(slug: string, present: ReadonlySet<string>, store: Storage | null = defaultStorage()): OrphanEdit[] {
  if (!store) return [];
  const out: OrphanEdit[] = [];
  try {
    const prefix = cellKey(slug, "");
    for (const k of keysStartingWith(store, prefix)) {
      const cellId = k.slice(prefix.length);
      if (present.has(cellId)) continue;
      const raw = store.getItem(k) ?? "";
      let source = raw;
      try {
        source = parseSaved(raw).source;
      } catch { /* a broken saved value: show it as it is */ }
      out.push({ cellId, source, why: REMOVED_CELLS[slug]?.[cellId] });
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => a.cellId.localeCompare(b.cellId));
}
