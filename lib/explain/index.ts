// Barrel for lib/explain: word-level attention, summaries across heads and layers, and explanations tied to the
// output (gradient × input, Integrated Gradients, occlusion) with their rank correlations.
export * from "./words";
export * from "./summary";
export * from "./rank";
export * from "./attribution";
export * from "./explain";
