// Tiny seeded PRNG so initialisation, shuffling and dropout masks are reproducible everywhere.

/** mulberry32: 32-bit state, good enough for shuffles and seeds. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
