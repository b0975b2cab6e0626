"use client";
// One kernel per chapter page. The worker starts on the first run (or when the reader picks a
// backend), not on page load: reading a chapter costs nothing.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { KernelClient, type KernelState } from "@/lib/cells/client";

interface KernelContextValue {
  slug: string;
  kernel: KernelClient | null;
  state: KernelState;
  /** Cells register their run function here, for "모두 실행" (which passes batch: file pickers do not wait). */
  registerCell(id: string, run: (opts?: { batch?: boolean }) => void): () => void;
  /** Runs every cell of the page, top to bottom (they queue in the kernel). */
  runAll(): void;
  /** Runs these cells in this order (they queue in the kernel). */
  runCells(ids: string[]): void;
}

const initialState: KernelState = { status: "off", backend: null, tried: [], names: [], cellsRun: [], generation: 0 };
const KernelContext = createContext<KernelContextValue>({
  slug: "",
  kernel: null,
  state: initialState,
  registerCell: () => () => undefined,
  runAll: () => undefined,
  runCells: () => undefined,
});

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export function KernelProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const [kernel, setKernel] = useState<KernelClient | null>(null);
  const [state, setState] = useState<KernelState>(initialState);

  useEffect(() => {
    const k = new KernelClient({ wasmPath: new URL(`${basePath}/tfjs-wasm/`, window.location.origin).href });
    const unsub = k.subscribe(setState);
    setKernel(k);
    // Test and debugging hook: the kernel of this page.
    (window as unknown as { __bertLabKernel?: KernelClient }).__bertLabKernel = k;
    return () => {
      unsub();
      k.dispose();
    };
  }, []);

  const [cells] = useState(() => new Map<string, (opts?: { batch?: boolean }) => void>());
  const registerCell = useCallback(
    (id: string, run: (opts?: { batch?: boolean }) => void) => {
      cells.set(id, run);
      return () => {
        if (cells.get(id) === run) cells.delete(id);
      };
    },
    [cells],
  );
  const runAll = useCallback(() => {
    const ids = [...document.querySelectorAll<HTMLElement>("section.cell[data-cell-id]")].map((el) => el.dataset.cellId!);
    for (const id of ids) cells.get(id)?.({ batch: true });
  }, [cells]);

  const runCells = useCallback((ids: string[]) => {
    for (const id of ids) cells.get(id)?.();
  }, [cells]);

  const value = useMemo(() => ({ slug, kernel, state, registerCell, runAll, runCells }), [slug, kernel, state, registerCell, runAll, runCells]);
  return <KernelContext.Provider value={value}>{children}</KernelContext.Provider>;
}

export function useKernel(): KernelContextValue {
  return useContext(KernelContext);
}
