// Spearman's rank correlation: do two explanations order the words the same way?

/** Ranks 1..n, ties given the mean of the ranks they span. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1][0] === order[s][0]) e++;
    for (let k = s; k <= e; k++) r[order[k][1]] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return r;
}

/** Pearson correlation of the ranks, in [-1, 1]; NaN when either side is constant or fewer than 2 items. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`spearman: ${a.length} and ${b.length} items`);
  const n = a.length;
  if (n < 2) return NaN;
  const ra = ranks(a), rb = ranks(b);
  const mean = (n + 1) / 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i] - mean, y = rb[i] - mean;
    sab += x * y; saa += x * x; sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}
