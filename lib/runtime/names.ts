// The tfjs backends the project knows, in the order the automatic choice tries them. The one list:
// the kernel, the kernel bar, the explorer and the CLI all read it from here.
export const BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];
export const DEFAULT_ORDER: readonly BackendName[] = BACKENDS;

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === "string" && (BACKENDS as readonly string[]).includes(x);
}

/** True for the backends that run on a GPU (or on a software emulation of one). */
export const isGpuBackend = (name: string): boolean => name === "webgpu" || name === "webgl";

/** The same backends with CPU first: the reference that the diagnostics compare the others against. */
export const CPU_FIRST: readonly BackendName[] = ["cpu", ...BACKENDS.filter((b) => b !== "cpu")];
