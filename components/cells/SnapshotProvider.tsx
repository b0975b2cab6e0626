"use client";
// The chapter's pre-rendered outputs (content/snapshots/<slug>.json, loaded at build time by the chapter page with
// only the entries whose key is current; see lib/cells/snapshot.ts): each cell shows its entry until the reader's
// first run of it.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { OutputItem } from "@/lib/cells/protocol";
import { toOutputItems, type ChapterSnapshot } from "@/lib/cells/snapshot";

const SnapshotContext = createContext<ChapterSnapshot | null>(null);

export function SnapshotProvider({ snapshot, children }: { snapshot: ChapterSnapshot | null; children: ReactNode }) {
  return <SnapshotContext.Provider value={snapshot}>{children}</SnapshotContext.Provider>;
}

export interface CellSnapshot {
  backend: string;
  date: string;
  items: OutputItem[];
}

/** The pre-rendered output of one cell, or null. */
export function useCellSnapshot(id: string): CellSnapshot | null {
  const snap = useContext(SnapshotContext);
  const items = snap?.cells[id];
  return useMemo(() => (snap && items?.length ? { backend: snap.backend, date: snap.date, items: toOutputItems(items) } : null), [snap, items]);
}
