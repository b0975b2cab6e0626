"use client";
// A cell's code as the reader left it: restored after hydration, saved (debounced, and when the page hides),
// reset to the chapter's code. An edit made from an older version of the chapter is not silently kept: the
// cell reports it as stale so the reader can take the new code, see a diff, or keep theirs.
import { useCallback, useEffect, useRef, useState } from "react";
import { clearCell, codeHash, isStale, loadCell, saveCell } from "@/lib/cells/storage";
import { migrateRenamedSlugs } from "@/lib/cells/migrate";

const SAVE_DELAY_MS = 300;

export interface Persistence {
  source: string;
  /** Always the latest source (for a run started from a key handler). */
  sourceRef: React.RefObject<string>;
  edited: boolean;
  /** Bumped when the editor must take `source` from outside (reset, new code taken). */
  resetKey: number;
  onChange(v: string): void;
  reset(): void;
  flushSave(): void;
  /** The reader's edit was made from other code than the chapter's current one ("unknown": saved before hashes). */
  stale: null | "changed" | "unknown";
  /** Puts code from outside into the cell (an exercise's solution), saved like an edit. */
  replace(v: string): void;
  /** Stale: replace the edit with the chapter's new code. */
  takeNew(): void;
  /** Stale: keep the edit, now counted as based on the current code. */
  keepMine(): void;
}

export function useCellPersistence(slug: string, id: string, original: string): Persistence {
  const [source, setSource] = useState(original);
  const [resetKey, setResetKey] = useState(0);
  const [stale, setStale] = useState<Persistence["stale"]>(null);
  const sourceRef = useRef(original);
  /** Hash of the code the current edit is based on. */
  const base = useRef<string | null>(codeHash(original));   // null: an edit from before hashes were kept

  // Restore the reader's edit after hydration (the server rendered the original).
  useEffect(() => {
    migrateRenamedSlugs();   // edits saved under a chapter's old slug (once per page load)
    const saved = loadCell(slug, id);
    if (saved === null || saved.source === original) return;
    sourceRef.current = saved.source;
    // localStorage is only readable after hydration: the server rendered the original.
    setSource(saved.source);
    setResetKey((k) => k + 1);
    if (isStale(saved, original)) {
      base.current = saved.base;
      setStale(saved.base === null ? "unknown" : "changed");
    }
  }, [slug, id, original]);

  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /**
   * Writes the edit if there is one not yet written. Only then: a page that hides without edits must not touch
   * storage (it would delete an edit saved by another tab, or one the page has not restored yet).
   */
  const dirty = useRef(false);
  const flushSave = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    if (!dirty.current) return;
    dirty.current = false;
    saveCell(slug, id, sourceRef.current, original, base.current);
  }, [slug, id, original]);

  useEffect(() => {
    window.addEventListener("pagehide", flushSave);
    const onHidden = () => document.visibilityState === "hidden" && flushSave();
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flushSave);
      document.removeEventListener("visibilitychange", onHidden);
      if (saveTimer.current) flushSave();
    };
  }, [flushSave]);

  const onChange = useCallback(
    (v: string) => {
      sourceRef.current = v;
      setSource(v);
      dirty.current = true;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(flushSave, SAVE_DELAY_MS);
    },
    [flushSave],
  );

  const reset = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    dirty.current = false;
    sourceRef.current = original;
    base.current = codeHash(original);
    setSource(original);
    setResetKey((k) => k + 1);
    setStale(null);
    clearCell(slug, id);
  }, [original, slug, id]);

  const replace = useCallback(
    (v: string) => {
      onChange(v);
      base.current = codeHash(original);
      setStale(null);
      setResetKey((k) => k + 1);   // the editor takes the new code
      flushSave();
    },
    [onChange, original, flushSave],
  );

  const keepMine = useCallback(() => {
    base.current = codeHash(original);
    setStale(null);
    dirty.current = true;
    flushSave();
  }, [original, flushSave]);

  return { source, sourceRef, edited: source !== original, resetKey, onChange, replace, reset, flushSave, stale, takeNew: reset, keepMine };
}
