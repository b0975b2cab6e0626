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
const CORES = g.navigator?.hardwareConcurrency;   // read before reportCoresForTfjs changes what tfjs sees

/** Threads to ask for on this machine: all logical cores, capped at MAX_WASM_THREADS. */
export function wantedWasmThreads(cores = CORES): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores ?? 1)));
}

/** Call before the wasm backend's first initialisation (setThreadsCount has no effect after it). */
export function configureWasmThreads(wasm: typeof WasmBackend, wasmPaths?: string | Record<string, string>): void {
  const wanted = wantedWasmThreads();
  wasm.setThreadsCount(wanted);
  if (!g.crossOriginIsolated) return;   // the single-threaded build: nothing else applies
  if (typeof wasmPaths === "string") sendPthreadsTheUnminifiedScript(wasmPaths);
  reportCoresForTfjs(wanted);
}

/**
 * tfjs-wasm caps its threads at navigator.hardwareConcurrency / 2 (its C code assumes two hyper-threads per core),
 * so a 2-core machine gets one thread and an 8-thread laptop four. It reads that number once, when the module
 * starts: we let it see twice the threads we want, in this worker only.
 */
function reportCoresForTfjs(wanted: number): void {
  const nav = g.navigator;
  if (!nav) return;
  try {
    Object.defineProperty(nav, "hardwareConcurrency", { configurable: true, get: () => 2 * wanted });
  } catch { /* read-only here: tfjs keeps its own cap */ }
}

/**
 * tfjs-wasm gives each pthread worker its factory as source text (`factory.toString()` in a Blob). After the site's
 * minifier that text refers to a variable of the enclosing scope by its new short name, which the worker does not
 * have ("ReferenceError: r is not defined" in every pthread, and the kernel hangs). The fix: when the kernel starts
 * a pthread worker ({cmd: "load"} message), hand it the package's own unminified script instead, served next to
 * the .wasm files (scripts/copy-assets.mjs). The same build, so both sides agree on the module and its memory.
 */
function sendPthreadsTheUnminifiedScript(prefix: string): void {
  const W = (globalThis as { Worker?: { prototype: { postMessage(m: unknown, t?: unknown): void } } }).Worker;
  if (!W || (W.prototype as { __bertLabPatched?: boolean }).__bertLabPatched) return;
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(`${prefix}tfjs-backend-wasm-threaded-simd.js`, base).href;
  const post = W.prototype.postMessage;
  W.prototype.postMessage = function (this: unknown, m: unknown, t?: unknown) {
    const msg = m as { cmd?: string; urlOrBlob?: unknown } | null;
    if (msg && msg.cmd === "load" && typeof Blob !== "undefined" && msg.urlOrBlob instanceof Blob) msg.urlOrBlob = url;
    return post.call(this, m, t);
  };
  (W.prototype as { __bertLabPatched?: boolean }).__bertLabPatched = true;
}

/** After initialisation: how many threads it really runs, and if one, why. */
export function wasmThreadsInfo(wasm: typeof WasmBackend): WasmThreadsInfo {
  let threads = 1;
  try { threads = wasm.getThreadsCount(); } catch { /* not initialised yet */ }
  const isolated = typeof g.crossOriginIsolated === "boolean" ? g.crossOriginIsolated : null;
  const sharedMemory = typeof g.SharedArrayBuffer === "function";
  const cores = CORES ?? null;
  const singleReason = threads > 1 ? null
    : isolated === false ? "this page is not cross-origin isolated (no COOP/COEP headers), so SharedArrayBuffer is off"
    : isolated === null ? "tfjs-wasm runs threads only in browsers (not in Node)"
    : !sharedMemory ? "SharedArrayBuffer is not available in this browser"
    : cores === 1 ? "this machine reports one core"
    : "tfjs-wasm chose its single-threaded build";
  return { threads, isolated, sharedMemory, cores, singleReason };
}
