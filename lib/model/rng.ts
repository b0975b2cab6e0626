// Seeds for initialisation and dropout masks, so they are reproducible everywhere.
// The generator itself is lib/data's mulberry32 (one PRNG for the whole engine).
import { mulberry32 } from "../data/prng";

export { mulberry32 };

/** FNV-1a hash of a string mixed with a seed: a stable per-name seed ("seed 42, tensor classifier.weight"). */
export function hashSeed(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A stream of integer seeds (one per dropout call) derived from one base seed. */
export class SeedStream {
  private next: () => number;
  constructor(seed: number) { this.next = mulberry32(seed); }
  seed(): number { return Math.floor(this.next() * 2 ** 31); }
}
