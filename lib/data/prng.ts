// Seeded randomness for data order. Math.random cannot be seeded, and a tutorial run (or a test)
// must shuffle the same way every time so that "seed 42" means the same batches everywhere.

/** mulberry32: a tiny 32-bit PRNG, plenty for shuffling. Returns floats in [0, 1). */
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

/** In-place Fisher–Yates shuffle driven by `rand` (every permutation equally likely). */
export function shuffleInPlace<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
  return arr;
}

/** A shuffled copy; the same seed always gives the same order. */
export function seededShuffle<T>(arr: readonly T[], seed: number): T[] {
  return shuffleInPlace([...arr], mulberry32(seed));
}
