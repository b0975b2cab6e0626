// Barrel for lib/runtime: see lib/README.md for its contract.
export * from "./backend";
