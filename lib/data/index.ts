// Barrel for lib/data: see lib/README.md for its contract.
// (mulberry32 is re-exported by lib/model, which seeds its initialisation and dropout with it.)
export { parseNsmc, NSMC_HEADER, type NsmcRow, type NsmcBadRow, type NsmcParseResult } from "./nsmc";
export { shuffleInPlace, seededShuffle } from "./prng";
export { makeBatches, paddingEfficiency, type BatchOptions, type PaddingReport } from "./batching";
export { fetchText, fetchTextDetailed, FetchTextError, type ByteProgressSink, type FetchTextFailure, type FetchTextOptions, type FetchTextResult } from "./fetch-text";
