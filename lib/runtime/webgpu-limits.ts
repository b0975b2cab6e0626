// Test mode: WebGPU as the weakest real GPUs give it, with exactly the WebGPU spec's default limits.
// tfjs-backend-webgpu 4.22 (dist/base.js) asks requestDevice for the adapter's maxima of six limits
// (maxComputeWorkgroupStorageSize, maxComputeWorkgroupsPerDimension, maxStorageBufferBindingSize, maxBufferSize,
// maxComputeWorkgroupSizeX, maxComputeInvocationsPerWorkgroup). Headless tests run on SwiftShader, whose maxima are
// generous; an integrated laptop GPU or a phone gives the defaults or little more. Wrapping
// navigator.gpu.requestAdapter before tfjs creates its device makes tfjs read the defaults as the adapter's limits,
// and the device it asks for really gets them. Switched on only by the page's `?webgpu-limits=default`.

/** The spec's default ("guaranteed") limits that tfjs's kernels depend on. */
export const WEBGPU_DEFAULT_LIMITS = {
  maxStorageBuffersPerShaderStage: 8,
  maxUniformBuffersPerShaderStage: 12,
  maxUniformBufferBindingSize: 65_536,
  maxStorageBufferBindingSize: 134_217_728,   // 128 MiB
  maxBufferSize: 268_435_456,                 // 256 MiB
  maxComputeWorkgroupStorageSize: 16_384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupSizeY: 256,
  maxComputeWorkgroupSizeZ: 64,
  maxComputeWorkgroupsPerDimension: 65_535,
  maxBindGroups: 4,
  maxBindingsPerBindGroup: 1000,
} as const;
export type WebGpuLimitName = keyof typeof WEBGPU_DEFAULT_LIMITS;

/** The page's switch: `?webgpu-limits=default` (tests only; readers never set it). */
export const WEBGPU_LIMITS_PARAM = "webgpu-limits";

/** "default" when this page's URL asks for the default-limits mode, else undefined. */
export function webGpuLimitsSwitch(search = (globalThis as { location?: { search?: string } }).location?.search ?? ""): "default" | undefined {
  return new URLSearchParams(search).get(WEBGPU_LIMITS_PARAM) === "default" ? "default" : undefined;
}

interface DeviceDescriptorLike { requiredLimits?: Record<string, number>; [k: string]: unknown }
interface AdapterLike {
  limits: Record<string, number>;
  features: unknown;
  info?: unknown;
  isFallbackAdapter?: boolean;
  requestDevice(d?: DeviceDescriptorLike): Promise<unknown>;
  requestAdapterInfo?(): Promise<unknown>;
}
interface GpuLike { requestAdapter(o?: unknown): Promise<AdapterLike | null> }

/** A limit the adapter reports in this mode: the default for the names above, the real value otherwise. */
function clampedLimits(real: Record<string, number>): Record<string, number> {
  return new Proxy(real, {
    get: (t, k) => (typeof k === "string" && k in WEBGPU_DEFAULT_LIMITS ? WEBGPU_DEFAULT_LIMITS[k as WebGpuLimitName] : (Reflect.get(t, k, t) as unknown)),
  });
}

/**
 * requiredLimits cut to the defaults: a maximum asked above its default becomes the default, and a limit not in
 * the table is dropped (the device then gets its default). So the device has exactly the default limits.
 */
export function clampRequiredLimits(req: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(req ?? {})) {
    if (k in WEBGPU_DEFAULT_LIMITS) out[k] = Math.min(v, WEBGPU_DEFAULT_LIMITS[k as WebGpuLimitName]);
  }
  return out;
}

/** Wrap a real GPUAdapter. A plain object, not a subclass: GPUAdapter's methods check their `this`. */
function wrapAdapter(a: AdapterLike): AdapterLike {
  const limits = clampedLimits(a.limits);
  return {
    get limits() { return limits; },
    get features() { return a.features; },
    get info() { return a.info; },
    get isFallbackAdapter() { return a.isFallbackAdapter; },
    requestDevice: (d: DeviceDescriptorLike = {}) => a.requestDevice({ ...d, requiredLimits: clampRequiredLimits(d.requiredLimits) }),
    ...(a.requestAdapterInfo ? { requestAdapterInfo: () => a.requestAdapterInfo!() } : {}),
  };
}

let installed = false;

/**
 * From now on in this page or worker, navigator.gpu's adapters report the default limits and make devices with
 * exactly those. Call before tfjs initialises webgpu (its device is made once, at the first setBackend("webgpu")).
 * Returns false where there is no navigator.gpu.
 */
export function installDefaultWebGpuLimits(): boolean {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return false;
  if (installed) return true;
  const real = gpu.requestAdapter.bind(gpu);
  // An own property on the GPU object shadows the prototype's method, for tfjs and for our own probe.
  gpu.requestAdapter = async (o?: unknown) => {
    const a = await real(o);
    return a && wrapAdapter(a);
  };
  installed = true;
  return true;
}
