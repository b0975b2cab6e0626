// Barrel for lib/model: see lib/README.md for its contract.
export * from "./config";
export * from "./names";
export * from "./params";
export * from "./inputs";
export * from "./context";
export * from "./ops";
export * from "./embeddings";
export * from "./attention";
export * from "./layer";
export * from "./heads";
export * from "./bert";
export * from "./float16";
export * from "./io";
export * from "./rng";
export * from "./memory";
