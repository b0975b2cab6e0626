// The engine as one namespace: cells receive it as `engine`, CLIs and tests import from here.
export * from "./tokenizer";
export * from "./model";
export * from "./data";
export * from "./train";
export * from "./runtime";
export * from "./pipeline";
export * from "./explain";
export { EngineError, type EngineErrorCode } from "./errors";   // English + code; Korean at the edge (lib/cells/korean.ts)
export { formatDuration } from "./format";   // cells show ETAs and estimates in Korean
