// Barrel for lib/data: see lib/README.md for its contract.
// (mulberry32 stays internal here: lib/model exports the identical generator, and lib/index.ts
// re-exports both barrels, so exporting it twice would be an ambiguous name.)
export { parseNsmc, NSMC_HEADER, type NsmcRow, type NsmcBadRow, type NsmcParseResult } from "./nsmc";
export { shuffleInPlace, seededShuffle } from "./prng";
export { makeBatches, paddingEfficiency, type BatchOptions, type PaddingReport } from "./batching";
