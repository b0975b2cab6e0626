// Length-bucketed batching. The tokenizer pads each batch to its longest row (dynamic padding), so
// the cost of a batch is batchSize × (its longest row). NSMC reviews run from 3 to 100+ tokens: a
// random batch almost always contains one long review and pays for it 32 times. Grouping similar
// lengths makes batches nearly padding-free while keeping the order random enough to train on:
//   shuffle all indices → cut into chunks of `bucketSize` batches → sort each chunk by length →
//   cut the chunk into batches → shuffle the order of all batches.
// (Sorting the whole dataset would be tighter still, but then every epoch would walk from short to
// long reviews, which biases training; a chunk of 50 batches is local enough to stay random.)
import { mulberry32, shuffleInPlace } from "./prng";

export interface BatchOptions {
  seed: number;
  bucketSize?: number; // batches per sorted chunk (default 50); 1 = no bucketing
  dropLast?: boolean; // drop the final short batch (default false: every example is used)
}

/** @returns batches of example indices; together they hold every index exactly once (unless dropLast). */
export function makeBatches(lengths: ArrayLike<number>, batchSize: number, opts: BatchOptions): number[][] {
  if (!(batchSize >= 1)) throw new Error(`makeBatches: batchSize must be >= 1, got ${batchSize}`);
  const bucketSize = opts.bucketSize ?? 50;
  const rand = mulberry32(opts.seed);
  const order = shuffleInPlace(Array.from({ length: lengths.length }, (_, i) => i), rand);

  const batches: number[][] = [];
  const chunk = batchSize * bucketSize;
  for (let c = 0; c < order.length; c += chunk) {
    // Array.prototype.sort is stable, so equal lengths keep their shuffled order.
    const part = order.slice(c, c + chunk).sort((x, y) => lengths[x] - lengths[y]);
    for (let b = 0; b < part.length; b += batchSize) batches.push(part.slice(b, b + batchSize));
  }
  // Only the very last batch built can be short (every chunk but the last is a multiple of batchSize).
  if (opts.dropLast && batches.length > 0 && batches[batches.length - 1].length < batchSize) batches.pop();
  return shuffleInPlace(batches, rand);
}

export interface PaddingReport {
  realTokens: number; // sum of lengths
  paddedTokens: number; // sum over batches of rows × longest row: what the model computes on
  efficiency: number; // real / padded, 1 = no padding at all
}

/** How much of the computed tensor is real tokens, for a given batching. */
export function paddingEfficiency(lengths: ArrayLike<number>, batches: readonly (readonly number[])[]): PaddingReport {
  let realTokens = 0;
  let paddedTokens = 0;
  for (const batch of batches) {
    let max = 0;
    for (const i of batch) {
      realTokens += lengths[i];
      max = Math.max(max, lengths[i]);
    }
    paddedTokens += max * batch.length;
  }
  return { realTokens, paddedTokens, efficiency: paddedTokens === 0 ? 1 : realTokens / paddedTokens };
}
