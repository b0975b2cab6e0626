// lib/data: NSMC reader (bad rows reported, never fatal), seeded shuffle, length-bucketed batches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeBatches, paddingEfficiency, parseNsmc, seededShuffle } from "../../lib/data";
import { PATHS, readText } from "../../scripts/corpus-io";

test("parseNsmc: good rows parsed, each kind of bad row reported with its 1-based line and skipped", () => {
  const tsv = [
    "id\tdocument\tlabel", // line 1
    "1\t재밌어요\t1", // 2 ok
    "2\t\t0", // 3 empty document
    "3\t별로\t2", // 4 bad label
    "4\t탭이\t하나\t더\t1", // 5 too many fields
    "5\t필드부족", // 6 too few fields
    "6\t   \t1", // 7 whitespace-only document
    "7\t최고\t", // 8 missing label
    "8\t지루하다\t0", // 9 ok
    "", // trailing newline
  ].join("\n");
  const { rows, bad } = parseNsmc(tsv);
  assert.deepEqual(rows, [
    { id: "1", text: "재밌어요", label: 1 },
    { id: "8", text: "지루하다", label: 0 },
  ]);
  assert.deepEqual(
    bad.map((b) => b.line),
    [3, 4, 5, 6, 7, 8],
  );
  assert.match(bad[0].reason, /비어 있습니다/);
  assert.match(bad[1].reason, /레이블은 0 또는 1이어야 하는데 "2"입니다/);
  assert.match(bad[2].reason, /칸이 3개여야 하는데 5개입니다/);
  assert.match(bad[3].reason, /칸이 3개여야 하는데 2개입니다/);
  assert.match(bad[5].reason, /레이블은 0 또는 1/);
  assert.equal(bad[1].raw, "3\t별로\t2");
});

test("parseNsmc: a blank line in the middle is a bad row; CRLF and BOM are tolerated", () => {
  const { rows, bad } = parseNsmc("\uFEFFid\tdocument\tlabel\r\n1\t좋다\t1\r\n\r\n2\t싫다\t0\r\n");
  assert.equal(rows.length, 2);
  assert.deepEqual(bad.map((b) => b.line), [3]);
});

test("parseNsmc: wrong header throws a clear error", () => {
  assert.throws(() => parseNsmc("id\ttext\tlabel\n1\t좋다\t1\n"), /expected header "id\\tdocument\\tlabel"/);
  assert.throws(() => parseNsmc(""), /header/);
});

test("parseNsmc on the real ratings_train.txt.gz: 149,992 rows + 8 empty reviews", () => {
  const { rows, bad } = parseNsmc(readText(PATHS.train));
  assert.equal(rows.length, 149_992);
  assert.equal(bad.length, 8);
  assert.ok(bad.every((b) => b.reason === "리뷰 글이 비어 있습니다"));
  assert.ok(rows.every((r) => r.label === 0 || r.label === 1));
});

test("seededShuffle: deterministic per seed, a permutation, input untouched", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const a = seededShuffle(xs, 42);
  assert.deepEqual(a, seededShuffle(xs, 42));
  assert.notDeepEqual(a, seededShuffle(xs, 43));
  assert.notDeepEqual(a, xs);
  assert.deepEqual([...a].sort((x, y) => x - y), xs);
  assert.equal(xs[0], 0);
});

// Review-like lengths: mostly short, a long tail.
function fakeLengths(n: number): number[] {
  let s = 7;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const u = s / 2 ** 31;
    return 3 + Math.floor(120 * u ** 3);
  });
}

test("makeBatches: every index exactly once, batch sizes, determinism", () => {
  const lengths = fakeLengths(1003);
  const batches = makeBatches(lengths, 32, { seed: 1 });
  const all = batches.flat().sort((x, y) => x - y);
  assert.deepEqual(all, Array.from({ length: 1003 }, (_, i) => i));
  assert.equal(batches.filter((b) => b.length !== 32).length, 1, "one short batch");
  assert.deepEqual(batches, makeBatches(lengths, 32, { seed: 1 }));
  assert.notDeepEqual(batches, makeBatches(lengths, 32, { seed: 2 }));
  const dropped = makeBatches(lengths, 32, { seed: 1, dropLast: true });
  assert.ok(dropped.every((b) => b.length === 32));
  assert.equal(dropped.flat().length, 992);
  assert.equal(new Set(dropped.flat()).size, 992);
});

test("makeBatches: bucketing wastes far less padding than random batches", () => {
  const lengths = fakeLengths(5000);
  const bucketed = paddingEfficiency(lengths, makeBatches(lengths, 32, { seed: 3, bucketSize: 50 }));
  const random = paddingEfficiency(lengths, makeBatches(lengths, 32, { seed: 3, bucketSize: 1 }));
  assert.equal(bucketed.realTokens, random.realTokens);
  assert.ok(bucketed.efficiency > 0.9, `bucketed ${bucketed.efficiency}`);
  assert.ok(random.efficiency < 0.5, `random ${random.efficiency}`);
});

test("paddingEfficiency: exact numbers on a tiny case", () => {
  const r = paddingEfficiency([2, 4, 3, 3], [[0, 1], [2, 3]]);
  assert.deepEqual(r, { realTokens: 12, paddedTokens: 14, efficiency: 12 / 14 });
});
