// Reader edits to cells, kept in localStorage per chapter and cell so they survive a reload.
// Keys: "bert-lab:cell:<chapter slug>:<cell id>". Storage can be missing or full (private
// windows, quotas): then edits live only in memory and nothing throws.
//
// Each edit is stored with a hash of the chapter's code it was made from, so that when a new version of the
// chapter changes that cell, the page can say so instead of silently keeping the reader's old copy
// (the stale-notebook problem JupyterLite readers report). Value: {"v":2,"source":…,"base":"<hash>"};
// a bare string is an edit saved before hashes existed (its base is unknown).

const PREFIX = "bert-lab:cell:";

export function cellKey(slug: string, cellId: string): string {
  return `${PREFIX}${slug}:${cellId}`;
}

/** FNV-1a, 32-bit, as 8 hex digits: enough to tell two versions of a cell apart. */
export function codeHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export interface SavedEdit {
  source: string;
  /** Hash of the original code the edit was made from; null for edits saved before hashes were kept. */
  base: string | null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** A stored value as an edit: {"v":2,…} with its base, or a bare string (base unknown). Throws on a broken v2 value. */
export function parseSaved(raw: string): SavedEdit {
  if (raw.startsWith('{"v":2')) {
    const v = JSON.parse(raw) as { source: string; base: string | null };
    return { source: String(v.source), base: v.base == null ? null : String(v.base) };
  }
  return { source: raw, base: null };
}

/** The reader's saved version of a cell, or null when it was never edited (or was reset). */
export function loadCell(slug: string, cellId: string): SavedEdit | null {
  try {
    const raw = storage()?.getItem(cellKey(slug, cellId));
    return raw == null ? null : parseSaved(raw);
  } catch {
    return null;
  }
}

/** Saves an edit made from `original`; saving the original text itself removes the entry. */
export function saveCell(slug: string, cellId: string, source: string, original: string, base: string | null = codeHash(original)): void {
  try {
    const s = storage();
    if (!s) return;
    if (source === original) s.removeItem(cellKey(slug, cellId));
    else s.setItem(cellKey(slug, cellId), JSON.stringify({ v: 2, source, base }));
  } catch {
    // Quota exceeded or storage disabled: keep going without persistence.
  }
}

export function clearCell(slug: string, cellId: string): void {
  try {
    storage()?.removeItem(cellKey(slug, cellId));
  } catch {
    // ignore
  }
}

/** Is the saved edit based on an older version of the cell than `original`? */
export const isStale = (saved: SavedEdit, original: string): boolean => saved.base !== codeHash(original);
