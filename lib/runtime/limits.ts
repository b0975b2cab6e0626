// What the active backend can hold: the largest single buffer, and memory in all when anything says so.
// Pages cannot see GPU memory; WebGPU tells per-buffer limits, WebGL its texture size, WASM its 4 GiB heap.
import * as tf from "@tensorflow/tfjs";
import { GiB } from "../format";

export interface BackendLimits {
  backend: string;
  /** The largest one tensor may be, in bytes (WebGPU maxStorageBufferBindingSize / maxBufferSize; WebGL texture). */
  maxTensorBytes?: number;
  maxTensorSource?: string;        // which limit that is, for messages
  /** Memory the whole run may use, in bytes, when known. */
  memoryBytes?: number;
  memorySource?: string;           // where that number comes from
}

// tfjs-wasm runs in a 32-bit WebAssembly memory: its heap cannot grow past 4 GiB, in a page or in Node.
const WASM_HEAP = 4 * GiB;

interface WebGpuLike { device?: { limits?: { maxStorageBufferBindingSize?: number; maxBufferSize?: number } } }
interface WebGlLike { gpgpu?: { gl?: WebGL2RenderingContext } }

/** The page's or process's RAM, when the platform says (Chrome: navigator.deviceMemory, rounded, at most 8 GiB). */
function hostMemory(): { bytes: number; source: string } | undefined {
  const nav = (globalThis as { navigator?: { deviceMemory?: number } }).navigator;
  if (nav?.deviceMemory) return { bytes: nav.deviceMemory * GiB, source: "navigator.deviceMemory (rounded down, at most 8 GiB)" };
  return undefined;
}

/** Limits of the backend tfjs is using now (or of `name` when it is the active one). */
export function backendLimits(override?: Partial<BackendLimits>): BackendLimits {
  const backend = tf.getBackend();
  const out: BackendLimits = { backend };
  if (backend === "webgpu") {
    const l = (tf.backend() as unknown as WebGpuLike).device?.limits;
    // A tensor is bound as one storage buffer in every kernel that reads it: the binding limit is the real bound.
    if (l?.maxStorageBufferBindingSize) {
      out.maxTensorBytes = Math.min(l.maxStorageBufferBindingSize, l.maxBufferSize ?? Infinity);
      out.maxTensorSource = "WebGPU maxStorageBufferBindingSize";
    }
    const host = hostMemory();
    if (host) { out.memoryBytes = host.bytes; out.memorySource = `${host.source}; GPU memory is not visible to pages`; }
  } else if (backend === "webgl") {
    const gl = (tf.backend() as unknown as WebGlLike).gpgpu?.gl;
    const size = gl?.getParameter(gl.MAX_TEXTURE_SIZE) as number | undefined;
    if (size) {
      out.maxTensorBytes = size * size * 4 * 4;   // packed RGBA float32 texels
      out.maxTensorSource = `WebGL MAX_TEXTURE_SIZE ${size}`;
    }
    const host = hostMemory();
    if (host) { out.memoryBytes = host.bytes; out.memorySource = host.source; }
  } else if (backend === "wasm") {
    out.memoryBytes = WASM_HEAP;
    out.memorySource = "the WebAssembly heap limit (32-bit memory)";
  } else {
    const host = hostMemory();
    if (host) { out.memoryBytes = host.bytes; out.memorySource = host.source; }
  }
  return { ...out, ...override };
}
