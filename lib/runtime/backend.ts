// Pick the fastest tfjs backend that really works here: WebGPU -> WebGL -> WASM -> CPU.
// "Works" means: registered, tf.setBackend() succeeded, and a tiny matMul + softmax gives the right numbers.
// Every skipped backend records why, so the page can tell the reader ("WebGPU: navigator.gpu is missing").
import * as tf from "@tensorflow/tfjs";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export const DEFAULT_ORDER: BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

export interface BackendAttempt { name: BackendName; ok: boolean; error?: string; ms: number }
export interface BackendChoice { backend: BackendName; reason: string; tried: BackendAttempt[] }

export interface ChooseOptions {
  order?: BackendName[];            // try in this order (default WebGPU, WebGL, WASM, CPU)
  force?: BackendName;              // only this one; throws if it does not work
  wasmPaths?: string | Record<string, string>;  // where the .wasm files are served (prefix ending in "/")
  timeoutMs?: number;               // per backend (adapter requests can hang); default 10 s
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
  } else if (name === "webgpu") {
    webgpuModule ??= import("@tensorflow/tfjs-backend-webgpu");
    await webgpuModule;
  }
  // cpu and webgl come with @tensorflow/tfjs.
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
    if (!(Math.abs(got[i] - want[i]) < 1e-4)) throw new Error(`sanity op gave ${Array.from(got)} instead of ${want}`);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Try one backend: register, set, check. Throws with the reason when it does not work. */
export async function tryBackend(name: BackendName, opts: ChooseOptions = {}): Promise<void> {
  const pre = precheck(name);
  if (pre) throw new Error(pre);
  await registerBackend(name, opts);
  if (!tf.findBackendFactory(name)) throw new Error(`backend "${name}" is not registered`);
  const ok = await withTimeout(tf.setBackend(name), opts.timeoutMs ?? 10_000, `tf.setBackend("${name}")`);
  if (!ok || tf.getBackend() !== name) throw new Error(`tf.setBackend("${name}") failed to initialise`);
  await tf.ready();
  await sanityCheck();
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Choose and activate a backend; returns which, why, and what was tried. */
export async function chooseBackend(opts: ChooseOptions = {}): Promise<BackendChoice> {
  const order = opts.force ? [opts.force] : opts.order ?? DEFAULT_ORDER;
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    const t0 = performance.now();
    try {
      await tryBackend(name, opts);
      tried.push({ name, ok: true, ms: performance.now() - t0 });
      const skipped = tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.error}`);
      const reason = opts.force
        ? `forced "${name}"`
        : skipped.length ? `${name} is the first that works (skipped ${skipped.join("; ")})` : `${name} is the preferred backend and works`;
      return { backend: name, reason, tried };
    } catch (e) {
      tried.push({ name, ok: false, error: message(e), ms: performance.now() - t0 });
    }
  }
  const why = tried.map((t) => `${t.name}: ${t.error}`).join("; ");
  throw new Error(opts.force ? `backend "${opts.force}" does not work: ${why}` : `no tfjs backend works: ${why}`);
}
