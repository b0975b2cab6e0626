// Barrel for lib/runtime: see lib/README.md for its contract.
export * from "./backend";
export * from "./failure";
export { softwareRendererIn } from "./software";
export { TimeoutError, withTimeout } from "./timeout";
export * from "./limits";
export * from "./wasm-threads";
export * from "./webgpu-limits";
