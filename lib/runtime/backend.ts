// Pick the fastest tfjs backend that really works here: WebGPU -> WebGL -> WASM -> CPU.
// "Works" means: registered, not a software emulation of a GPU (unless asked for by name),
// tf.setBackend() succeeded within a time limit, and a tiny matMul + softmax gives the right numbers.
// Every skipped backend records a code and why, so a page can tell the reader in its own words.
import * as tf from "@tensorflow/tfjs";
import { DEFAULT_ORDER, type BackendName } from "./names";
import { probeWebGpuAdapter, softwareRendererIn, webglRenderer } from "./software";
import { TimeoutError, withTimeout } from "./timeout";
import { installSharedIdentityForWasm } from "./wasm-identity";
import { configureWasmThreads, wasmThreadsInfo, type WasmThreadsInfo } from "./wasm-threads";

export { BACKENDS, CPU_FIRST, DEFAULT_ORDER, isBackendName, isGpuBackend, type BackendName } from "./names";

/** Why a backend was not used. The kernel translates these; `error` keeps the English detail. */
export type SkipCode =
  | "unavailable"   // the API is missing (no navigator.gpu, no canvas, no WebAssembly)
  | "no-adapter"    // navigator.gpu gave no adapter
  | "timeout"       // an adapter/device request or initialisation did not answer in time
  | "software"      // a software renderer (SwiftShader, llvmpipe, …): skipped by the automatic choice
  | "init-failed"   // tf.setBackend() said no
  | "wrong-result"  // it initialised but computed a wrong answer
  | "error";        // anything else

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  code?: SkipCode;
  error?: string;
  /** What the GPU says it is ("google swiftshader"), when known. */
  renderer?: string;
  ms: number;
}
export interface BackendChoice { backend: BackendName; reason: string; tried: BackendAttempt[]; renderer?: string }

export interface ChooseOptions {
  order?: readonly BackendName[];   // try in this order (default WebGPU, WebGL, WASM, CPU)
  force?: BackendName;              // only this one; throws if it does not work (software GPUs allowed)
  wasmPaths?: string | Record<string, string>;  // where the .wasm files are served (prefix ending in "/")
  timeoutMs?: number;               // per request (adapter requests can hang); default 10 s
  /** Use software GPU emulations like any other backend (default: only when forced, or when nothing else works but CPU). */
  allowSoftware?: boolean;
}

/** A backend that could not be used, with the code the caller can translate. */
export class BackendError extends Error {
  constructor(readonly code: SkipCode, message: string, readonly renderer?: string) {
    super(message);
    this.name = "BackendError";
  }
}

/** Nothing in the order worked; `tried` says why for each. */
export class NoBackendError extends Error {
  constructor(message: string, readonly tried: BackendAttempt[]) {
    super(message);
    this.name = "NoBackendError";
  }
}

let wasmModule: Promise<typeof import("@tensorflow/tfjs-backend-wasm")> | null = null;
let webgpuModule: Promise<unknown> | null = null;

/**
 * Register the backends that are not in @tensorflow/tfjs itself (webgpu, wasm) by importing them lazily,
 * so a page that ends up on WebGL never downloads them, and Node can use cpu/wasm only.
 */
export async function registerBackend(name: BackendName, opts: { wasmPaths?: string | Record<string, string> } = {}): Promise<void> {
  if (name === "wasm") {
    const first = !wasmModule;
    wasmModule ??= import("@tensorflow/tfjs-backend-wasm");
    const wasm = await wasmModule;
    // Paths must be set before the backend's first initialisation.
    if (first && opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths as string);
    if (first) configureWasmThreads(wasm, opts.wasmPaths);
    installSharedIdentityForWasm();
  } else if (name === "webgpu") {
    webgpuModule ??= import("@tensorflow/tfjs-backend-webgpu");
    await webgpuModule;
  }
  // cpu and webgl come with @tensorflow/tfjs.
}

/** The WASM backend's threads and SIMD, once it has initialised (null if it never was). */
export async function wasmDetails(): Promise<(WasmThreadsInfo & { simd: boolean }) | null> {
  if (!wasmModule || !tf.findBackend("wasm")) return null;
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT").then(Boolean, () => false);
  return { ...wasmThreadsInfo(await wasmModule), simd };
}

/** Why a backend cannot work here, found before trying (cheap checks), or null. */
function precheck(name: BackendName): string | null {
  const g = globalThis as { navigator?: { gpu?: unknown }; WebAssembly?: unknown; document?: unknown; OffscreenCanvas?: unknown };
  if (name === "webgpu" && !g.navigator?.gpu) return "navigator.gpu is missing (no WebGPU in this browser/runtime)";
  if (name === "webgl" && !g.document && !g.OffscreenCanvas) return "no canvas (document/OffscreenCanvas) to create a WebGL context";
  if (name === "wasm" && !g.WebAssembly) return "WebAssembly is not available";
  return null;
}

/** Small numeric check: a matMul and a softmax on the new backend must match the known answer. */
export async function sanityCheck(): Promise<void> {
  const out = tf.tidy(() => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    return tf.softmax(tf.matMul(a, a)); // [[7, 10], [15, 22]] -> softmax rows
  });
  const got = await out.data();
  out.dispose();
  const row = (x: number, y: number) => [1 / (1 + Math.exp(y - x)), 1 / (1 + Math.exp(x - y))];
  const want = [...row(7, 10), ...row(15, 22)];
  for (let i = 0; i < 4; i++) {
    if (!(Math.abs(got[i] - want[i]) < 1e-4)) throw new BackendError("wrong-result", `sanity op gave ${Array.from(got)} instead of ${want}`);
  }
}

/** The GPU behind a backend, and whether it is a software emulation (only looked at for webgpu/webgl). */
async function probeGpu(name: BackendName, timeoutMs: number): Promise<{ renderer?: string; software: string | null }> {
  if (name === "webgpu") {
    const a = await probeWebGpuAdapter(timeoutMs);
    if (a.none) throw new BackendError("no-adapter", "navigator.gpu.requestAdapter() returned no adapter (no usable GPU, or WebGPU is disabled)");
    return { renderer: a.description || undefined, software: a.software };
  }
  if (name === "webgl") {
    const r = webglRenderer();
    if (r === null) throw new BackendError("init-failed", "could not create a WebGL context");
    return { renderer: r || undefined, software: softwareRendererIn(r) };
  }
  return { software: null };
}

/**
 * Try one backend: register, look at the GPU, set, check. Throws a BackendError with the reason when it does not
 * work. With allowSoftware false, a software GPU throws code "software" before tfjs initialises anything.
 */
export async function tryBackend(name: BackendName, opts: ChooseOptions & { allowSoftware?: boolean } = {}): Promise<{ renderer?: string }> {
  // WASM's first setBackend downloads its .wasm binary: on a slow phone connection that takes longer than a GPU answer.
  const timeoutMs = (opts.timeoutMs ?? 10_000) * (name === "wasm" ? 3 : 1);
  const pre = precheck(name);
  if (pre) throw new BackendError("unavailable", pre);
  const gpu = await probeGpu(name, timeoutMs);
  if (gpu.software && !opts.allowSoftware) {
    throw new BackendError("software", `${name} runs on a software renderer (${gpu.software}): slower than WASM on this CPU`, gpu.renderer);
  }
  if (timedOut.has(name)) throw new BackendError("timeout", `${name} timed out earlier in this page (${timedOut.get(name)}); restart the kernel to try it again`);
  await registerBackend(name, opts);
  if (!tf.findBackendFactory(name)) throw new BackendError("init-failed", `backend "${name}" is not registered`);
  try {
    const ok = await withTimeout(tf.setBackend(name), timeoutMs, `tf.setBackend("${name}")`);
    if (!ok || tf.getBackend() !== name) throw new BackendError("init-failed", `tf.setBackend("${name}") failed to initialise`);
    await withTimeout(tf.ready(), timeoutMs, "tf.ready()");
    await withTimeout(sanityCheck(), timeoutMs, `a first ${name} computation`);
  } catch (e) {
    if (e instanceof TimeoutError) forget(name, e.message);
    throw e;
  }
  return { renderer: gpu.renderer };
}

/** Backends whose initialisation hung: gone for this page (a worker restart gives them another chance). */
const timedOut = new Map<string, string>();

/**
 * tfjs keeps waiting for a hung initialisation (engine.pendingBackendInit), and tf.ready() with it, so every later
 * backend would wait too. Removing the backend drops that pending promise.
 */
function forget(name: BackendName, why: string): void {
  timedOut.set(name, why);
  try {
    tf.removeBackend(name);
  } catch {
    // not registered: nothing pending
  }
}

function attemptOf(name: BackendName, e: unknown, ms: number): BackendAttempt {
  const error = e instanceof Error ? e.message : String(e);
  const code: SkipCode = e instanceof BackendError ? e.code : e instanceof TimeoutError ? "timeout" : "error";
  return { name, ok: false, code, error, renderer: e instanceof BackendError ? e.renderer : undefined, ms };
}

/**
 * Choose and activate a backend; returns which, why, and what was tried. Software GPUs are tried only after
 * WASM (just before CPU), unless allowSoftware or force says otherwise.
 */
export async function chooseBackend(opts: ChooseOptions = {}): Promise<BackendChoice> {
  const order = opts.force ? [opts.force] : [...(opts.order ?? DEFAULT_ORDER)];
  const allowSoftware = opts.allowSoftware ?? Boolean(opts.force);
  const tried: BackendAttempt[] = [];
  const deferred: BackendName[] = [];   // software GPUs, kept for when nothing but CPU is left
  const queue = [...order];
  while (queue.length || deferred.length) {
    if (!queue.length) queue.push(...deferred.splice(0));
    const name = queue.shift()!;
    if (name === "cpu" && deferred.length) { queue.unshift(...deferred.splice(0), "cpu"); continue; }
    const retry = tried.some((t) => t.name === name && t.code === "software");
    const t0 = performance.now();
    try {
      const { renderer } = await tryBackend(name, { ...opts, allowSoftware: allowSoftware || retry });
      tried.push({ name, ok: true, renderer, ms: performance.now() - t0 });
      const skipped = tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.error}`);
      const reason = opts.force
        ? `forced "${name}"`
        : skipped.length ? `${name} is the first that works (skipped ${skipped.join("; ")})` : `${name} is the preferred backend and works`;
      return { backend: name, reason, tried, renderer };
    } catch (e) {
      const a = attemptOf(name, e, performance.now() - t0);
      tried.push(a);
      if (a.code === "software" && !retry) deferred.push(name);
    }
  }
  const why = tried.map((t) => `${t.name}: ${t.error}`).join("; ");
  throw new NoBackendError(opts.force ? `backend "${opts.force}" does not work: ${why}` : `no tfjs backend works: ${why}`, tried);
}
