// Barrel for lib/pipeline: load shipped models with their tokenizer, fill masks, classify reviews.
export * from "./load";
export * from "./tasks";
export * from "./hf";
