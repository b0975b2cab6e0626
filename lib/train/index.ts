// Barrel for lib/train: see lib/README.md for its contract. Node-only file storage lives in ./node (not here).
export * from "./schedule";
export * from "./clip";
export * from "./loss";
export * from "./adamw";
export * from "./metrics";
export * from "./grads";
export * from "./step";
export * from "./guarded-step";
export * from "./storage";
export * from "./storage-idb";
export * from "./storage-quota";
export * from "./checkpoint";
export * from "./data";
export * from "./evaluate";
export * from "./finetune";
export * from "./yield";
export * from "./bundle";
