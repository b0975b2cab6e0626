// Is this "GPU" really a CPU pretending? Browsers without a usable GPU hand out software rasterisers:
// Chromium's SwiftShader (WebGPU and WebGL), Mesa's llvmpipe/lavapipe/softpipe, Windows' Basic Render
// Driver. On those, tfjs's GPU backends run every shader on the CPU through an emulator: measured here,
// a chapter-6 training step took ~20 s on WebGL/SwiftShader against ~3 s on WASM. So the automatic choice
// skips them (the reader can still pick one by hand).
import { withTimeout } from "./timeout";

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software ?(rasterizer|renderer|adapter)|basic render driver|microsoft basic/i;

const CANONICAL: Record<string, string> = { swiftshader: "SwiftShader", llvmpipe: "llvmpipe", lavapipe: "lavapipe", softpipe: "softpipe" };

/** The software renderer's name if `text` names one ("SwiftShader", whatever the case in `text`), else null. */
export function softwareRendererIn(text: string): string | null {
  const m = SOFTWARE.exec(text);
  return m ? CANONICAL[m[0].toLowerCase()] ?? m[0] : null;
}

interface AdapterInfoLike { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }
interface AdapterLike { info?: AdapterInfoLike; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<AdapterInfoLike> }
interface GpuLike { requestAdapter(opts?: unknown): Promise<AdapterLike | null> }

export interface AdapterProbe {
  /** No adapter at all (null from requestAdapter). */
  none: boolean;
  /** "google swiftshader …": what the adapter says it is. */
  description: string;
  /** The software renderer's name, or null for a real GPU. */
  software: string | null;
}

/** Asks navigator.gpu for an adapter (with a timeout: a stuck driver can leave the promise pending forever). */
export async function probeWebGpuAdapter(timeoutMs: number): Promise<AdapterProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) throw new Error("navigator.gpu is missing (no WebGPU in this browser/runtime)");
  const adapter = await withTimeout(gpu.requestAdapter(), timeoutMs, "navigator.gpu.requestAdapter()");
  if (!adapter) return { none: true, description: "", software: null };
  let info: AdapterInfoLike = adapter.info ?? {};
  if (!adapter.info && adapter.requestAdapterInfo) info = await withTimeout(adapter.requestAdapterInfo(), timeoutMs, "adapter.requestAdapterInfo()").catch(() => ({}));
  const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ").trim();
  const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  return { none: false, description, software: softwareRendererIn(description) ?? (fallback ? "fallback adapter" : null) };
}

/** WebGL2's unmasked renderer string ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))"), or null. */
export function webglRenderer(): string | null {
  const g = globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(k: string): unknown }; document?: { createElement(t: string): { getContext(k: string): unknown } } };
  const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document?.createElement("canvas");
  // WebGL2, else WebGL1: tfjs runs on either.
  const gl = (canvas?.getContext("webgl2") ?? canvas?.getContext("webgl")) as null | {
    getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null;
    getParameter(p: number): unknown; RENDERER: number;
    getExtension(n: "WEBGL_lose_context"): { loseContext(): void } | null;
  };
  if (!gl) return null;
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? "");
  (gl.getExtension("WEBGL_lose_context") as { loseContext(): void } | null)?.loseContext();   // free it: tfjs makes its own
  return renderer;
}
