// lib/format: sizes in binary units labelled as such, durations for the pages (Korean) and the CLIs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GiB, KiB, MiB, formatBytes, formatDuration, formatDurationShort, formatMs } from "../../lib/format";
import * as engine from "../../lib";

test("formatBytes: binary units with binary labels", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1024), "1.00 KiB");
  assert.equal(formatBytes(1536, 1), "1.5 KiB");
  assert.equal(formatBytes(24 * MiB), "24.00 MiB");
  assert.equal(formatBytes(3.13 * GiB), "3.13 GiB");
  assert.equal(formatBytes(5 * 1024 * GiB), "5.00 TiB");
  assert.equal(formatBytes(-2 * KiB), "-2.00 KiB");
  // Just under the next unit: not "1024.00 KiB".
  assert.equal(formatBytes(MiB - 1), "1.00 MiB");
  assert.equal(formatBytes(NaN), "-");
  // The engine namespace (cells use engine.formatBytes) exposes the same function.
  assert.equal(engine.formatBytes, formatBytes);
  assert.equal(engine.GiB, GiB);
});

test("formatDuration: Korean, seconds padded after minutes", () => {
  assert.equal(formatDuration(0), "0초");
  assert.equal(formatDuration(42.4), "42초");
  assert.equal(formatDuration(59.6), "1분 00초"); // rounded first, never "60초"
  assert.equal(formatDuration(65), "1분 05초");
  assert.equal(formatDuration(3599.7), "1시간 00분");
  assert.equal(formatDuration(7380), "2시간 03분");
  assert.equal(formatDuration(47 * 3600 + 59 * 60), "47시간 59분");
  assert.equal(formatDuration(354 * 3600), "14일 18시간");
  assert.equal(formatDuration(NaN), "-");
  assert.equal(formatDuration(-1), "-");
  assert.equal(formatDuration(Infinity), "-");
});

test("formatMs: a cell's run time", () => {
  assert.equal(formatMs(0), "0ms");
  assert.equal(formatMs(420.4), "420ms");
  assert.equal(formatMs(999.7), "1.00초");
  assert.equal(formatMs(3254), "3.25초");
  assert.equal(formatMs(12_345), "12.3초");
  assert.equal(formatMs(59_990), "1분 00초");
  assert.equal(formatMs(65_000), "1분 05초");
  assert.equal(formatMs(NaN), "-");
});

test("formatDurationShort: the CLIs' logs", () => {
  assert.equal(formatDurationShort(7), "7s");
  assert.equal(formatDurationShort(185), "3m05s");
  assert.equal(formatDurationShort(3720), "1h02m");
  assert.equal(formatDurationShort(NaN), "?");
  assert.equal(formatDurationShort(Infinity), "?");
});
