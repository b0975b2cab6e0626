// The tf-free half of lib/explain, for pages and views: word spans, head summaries, ranks and the Explanation
// record with its notices. Nothing here imports tfjs (tests/unit/explain-view.test.ts bundles it to check).
export * from "./words";
export * from "./summary";
export * from "./rank";
export * from "./report";
