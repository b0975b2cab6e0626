// Every figure a chapter can use without importing it (mdx-components.tsx spreads these). Chapters 1–3 register in
// ./early, chapters 4–8 in ./late.
export * from "./early";
export * from "./late";
