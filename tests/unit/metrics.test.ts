// lib/train/metrics: bad class ids are named with their row instead of crashing inside the confusion matrix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeMetrics } from "../../lib/train/metrics";

test("an out-of-range label or prediction is a clear error naming the value and the row", () => {
  assert.throws(() => computeMetrics([0, 1, 1], [0, 2, 1], 2), { message: "computeMetrics: label 2 at row 1 is not a class id (0..1 for 2 classes)" });
  assert.throws(() => computeMetrics([0, 1], [-1, 0], 2), /label -1 at row 0/);
  assert.throws(() => computeMetrics([0, 0.5], [0, 0], 2), /prediction 0.5 at row 1/);
  assert.throws(() => computeMetrics([0, 3], [0, 1], 3 - 1), /prediction 3 at row 1 is not a class id \(0..1/);
  // In range: unchanged.
  assert.deepEqual(computeMetrics([0, 1, 1], [0, 1, 0], 2).confusion, [[1, 1], [0, 1]]);
});
