"use client";
// One kernel per chapter page. The worker starts on the first run (or when the reader picks a
// backend), not on page load: reading a chapter costs nothing.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { KernelClient, type KernelState } from "@/lib/cells/client";

interface KernelContextValue {
  slug: string;
  kernel: KernelClient | null;
  state: KernelState;
}

const initialState: KernelState = { status: "off", backend: null, tried: [], names: [], cellsRun: [], generation: 0 };
const KernelContext = createContext<KernelContextValue>({ slug: "", kernel: null, state: initialState });

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

  const value = useMemo(() => ({ slug, kernel, state }), [slug, kernel, state]);
  return <KernelContext.Provider value={value}>{children}</KernelContext.Provider>;
}

export function useKernel(): KernelContextValue {
  return useContext(KernelContext);
}
