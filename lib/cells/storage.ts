// Reader edits to cells, kept in localStorage per chapter and cell so they survive a reload.
// Keys: "bert-lab:cell:<chapter slug>:<cell id>". Storage can be missing or full (private
// windows, quotas): then edits live only in memory and nothing throws.

const PREFIX = "bert-lab:cell:";

export function cellKey(slug: string, cellId: string): string {
  return `${PREFIX}${slug}:${cellId}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The reader's saved version of a cell, or null when it was never edited (or was reset). */
export function loadCell(slug: string, cellId: string): string | null {
  try {
    return storage()?.getItem(cellKey(slug, cellId)) ?? null;
  } catch {
    return null;
  }
}

/** Saves an edit; saving the original text removes the entry. */
export function saveCell(slug: string, cellId: string, source: string, original: string): void {
  try {
    const s = storage();
    if (!s) return;
    if (source === original) s.removeItem(cellKey(slug, cellId));
    else s.setItem(cellKey(slug, cellId), source);
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
