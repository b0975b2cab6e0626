// WASM threads. tfjs-wasm picks its threaded SIMD build by itself when the page may use SharedArrayBuffer, which
// a browser allows only in a cross-origin isolated page (COOP same-origin + COEP require-corp/credentialless).
// Here we choose the thread count before its first initialisation, and say afterwards what it got and why.
import type * as WasmBackend from "@tensorflow/tfjs-backend-wasm";

/** Most threads we ask for: XNNPACK's gains flatten past this for BERT-sized matrices, and the page needs cores too. */
export const MAX_WASM_THREADS = 8;

export interface WasmThreadsInfo {
  threads: number;            // what XNNPACK runs on (1 = single-threaded build)
  isolated: boolean | null;   // crossOriginIsolated (null where it does not exist: Node)
  sharedMemory: boolean;      // SharedArrayBuffer is defined
  cores: number | null;       // navigator.hardwareConcurrency
  /** Why there is only one thread, in English (null when threaded). */
  singleReason: string | null;
}

const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; navigator?: { hardwareConcurrency?: number } };

/** Threads to ask for on this machine: all logical cores, capped at MAX_WASM_THREADS. */
export function wantedWasmThreads(cores = g.navigator?.hardwareConcurrency): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores ?? 1)));
}

/** Call before the wasm backend's first initialisation (setThreadsCount has no effect after it). */
export function configureWasmThreads(wasm: typeof WasmBackend): void {
  wasm.setThreadsCount(wantedWasmThreads());
}

/** After initialisation: how many threads it really runs, and if one, why. */
export function wasmThreadsInfo(wasm: typeof WasmBackend): WasmThreadsInfo {
  let threads = 1;
  try { threads = wasm.getThreadsCount(); } catch { /* not initialised yet */ }
  const isolated = typeof g.crossOriginIsolated === "boolean" ? g.crossOriginIsolated : null;
  const sharedMemory = typeof g.SharedArrayBuffer === "function";
  const cores = g.navigator?.hardwareConcurrency ?? null;
  const singleReason = threads > 1 ? null
    : isolated === false ? "this page is not cross-origin isolated (no COOP/COEP headers), so SharedArrayBuffer is off"
    : isolated === null ? "tfjs-wasm runs threads only in browsers (not in Node)"
    : !sharedMemory ? "SharedArrayBuffer is not available in this browser"
    : cores === 1 ? "this machine reports one core"
    : "tfjs-wasm chose its single-threaded build";
  return { threads, isolated, sharedMemory, cores, singleReason };
}
