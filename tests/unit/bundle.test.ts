import { test } from "node:test";
import assert from "node:assert/strict";
import { bundleFiles, unbundleFiles } from "../../lib/train/bundle";

test("bundleFiles/unbundleFiles round-trip text and bytes", () => {
  const files = new Map<string, string | Uint8Array>([
    ["config.json", '{"한글": 1}'],
    ["group1-shard1of1.bin", new Uint8Array([0, 1, 2, 255])],
    ["empty.bin", new Uint8Array(0)],
  ]);
  const back = unbundleFiles(bundleFiles(files));
  assert.deepEqual([...back.keys()], [...files.keys()]);
  assert.equal(back.get("config.json"), '{"한글": 1}');
  assert.deepEqual(back.get("group1-shard1of1.bin"), new Uint8Array([0, 1, 2, 255]));
  assert.equal((back.get("empty.bin") as Uint8Array).length, 0);
});

test("unbundleFiles rejects other files and truncated ones", () => {
  assert.throws(() => unbundleFiles(new TextEncoder().encode("id\tdocument\tlabel\n")), /not a BERT Lab checkpoint/);
  const b = bundleFiles(new Map([["a.bin", new Uint8Array(100)]]));
  assert.throws(() => unbundleFiles(b.subarray(0, b.length - 10)), /truncated/);
});
