// The notebook kernel (see kernel.worker.ts) and what the page needs to talk to it.
// The worker itself is not exported: KernelClient starts it.
export * from "./protocol";
export * from "./client";
export * from "./transform";
export * from "./format";
export * from "./storage";
