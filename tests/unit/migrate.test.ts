// lib/cells/migrate: saved cell edits follow a renamed chapter slug ("sample" → "cells") and a cell moved to another chapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MOVED_CELLS, REMOVED_CELLS, RENAMED_SLUGS, migrateCell, migrateSlug, orphanEdits } from "../../lib/cells/migrate";
import { cellKey } from "../../lib/cells/storage";

/** The Storage interface over a Map (what localStorage offers). */
function memoryStorage(init: Record<string, string> = {}): Storage & { dump(): Record<string, string> } {
  const m = new Map(Object.entries(init));
  return {
    get length() { return m.size; },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, String(v)),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    dump: () => Object.fromEntries(m),
  };
}

test("edits under the old slug move to the new one; other chapters and other keys stay", () => {
  const edit = JSON.stringify({ v: 2, source: "console.log(1)", base: "0badc0de" });
  const s = memoryStorage({
    "bert-lab:cell:sample:hello": edit,
    "bert-lab:cell:sample:playground": "x + 1",
    "bert-lab:cell:samples:other": "not this chapter",
    "bert-lab:cell:finetune:config": "kept",
    "unrelated": "1",
  });
  assert.equal(migrateSlug("sample", "cells", s), 2);
  assert.deepEqual(s.dump(), {
    "bert-lab:cell:cells:hello": edit,
    "bert-lab:cell:cells:playground": "x + 1",
    "bert-lab:cell:samples:other": "not this chapter",
    "bert-lab:cell:finetune:config": "kept",
    "unrelated": "1",
  });
  assert.equal(cellKey("cells", "hello"), "bert-lab:cell:cells:hello");
  // Once moved there is nothing left: calling it on every page load is harmless.
  assert.equal(migrateSlug("sample", "cells", s), 0);
  assert.equal(RENAMED_SLUGS.sample, "cells");
});

test("an edit already saved under the new slug is the newer one and wins", () => {
  const s = memoryStorage({ "bert-lab:cell:sample:hello": "old", "bert-lab:cell:cells:hello": "new" });
  assert.equal(migrateSlug("sample", "cells", s), 0);
  assert.deepEqual(s.dump(), { "bert-lab:cell:cells:hello": "new" });
});

test("no storage, or storage that throws: nothing thrown", () => {
  assert.equal(migrateSlug("sample", "cells", null), 0);
  const broken = memoryStorage({ "bert-lab:cell:sample:a": "1" });
  broken.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.equal(migrateSlug("sample", "cells", broken), 0);
  assert.equal(broken.getItem("bert-lab:cell:sample:a"), "1"); // left for next time
});

test("saved edits of cells the chapter no longer has are found (with why), never deleted; present cells are not", () => {
  const s = memoryStorage({
    "bert-lab:cell:finetune:dashboard": JSON.stringify({ v: 2, source: "async function trainWithDashboard() {}", base: "1" }),
    "bert-lab:cell:finetune:config": JSON.stringify({ v: 2, source: "const config = {}", base: "2" }),
    "bert-lab:cell:finetune:old-bare": "x + 1",
    "bert-lab:cell:encoder:dashboard": "another chapter",
  });
  const found = orphanEdits("finetune", new Set(["config", "train", "prepare"]), s);
  assert.deepEqual(found.map((e) => e.cellId), ["dashboard", "old-bare"]);
  assert.equal(found[0].source, "async function trainWithDashboard() {}");
  assert.equal(found[0].why, REMOVED_CELLS.finetune.dashboard);
  assert.match(found[0].why!, /show\.trainer/);
  assert.equal(found[1].source, "x + 1");
  assert.equal(found[1].why, undefined);
  assert.equal(Object.keys(s.dump()).length, 4, "nothing removed");
  assert.deepEqual(orphanEdits("finetune", new Set(["config", "dashboard", "old-bare"]), s), []);
  assert.deepEqual(orphanEdits("finetune", new Set(), null), []);
});

test("a moved cell's edit follows it to its new chapter (MOVED_CELLS); a newer edit there wins; other cells stay", () => {
  const edit = JSON.stringify({ v: 2, source: "const latin = 1", base: "0badc0de" });
  const s = memoryStorage({
    "bert-lab:cell:bert-overview:latin-vocab": edit,
    "bert-lab:cell:bert-overview:nfd-jamo": "old jamo edit",
    "bert-lab:cell:tokenization:nfd-jamo": "newer jamo edit",
    "bert-lab:cell:bert-overview:fill-mask": "stays",
  });
  for (const [from, to] of Object.entries(MOVED_CELLS)) migrateCell(from, to, s);
  assert.deepEqual(s.dump(), {
    "bert-lab:cell:tokenization:latin-vocab": edit,   // value unchanged: the stale notice compares its base hash
    "bert-lab:cell:tokenization:nfd-jamo": "newer jamo edit",
    "bert-lab:cell:bert-overview:fill-mask": "stays",
  });
  assert.equal(MOVED_CELLS["bert-overview:latin-vocab"], "tokenization:latin-vocab");
  assert.equal(MOVED_CELLS["bert-overview:nfd-jamo"], "tokenization:nfd-jamo");
  // Idempotent, and harmless without storage or when storage throws.
  assert.equal(migrateCell("bert-overview:latin-vocab", "tokenization:latin-vocab", s), false);
  assert.equal(migrateCell("bert-overview:latin-vocab", "tokenization:latin-vocab", null), false);
  const broken = memoryStorage({ "bert-lab:cell:bert-overview:latin-vocab": "x" });
  broken.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.equal(migrateCell("bert-overview:latin-vocab", "tokenization:latin-vocab", broken), false);
  assert.equal(broken.getItem("bert-lab:cell:bert-overview:latin-vocab"), "x");   // left for next time
  // After the move, chapter 1 has no orphan edit of the moved cells.
  assert.deepEqual(orphanEdits("bert-overview", new Set(["fill-mask"]), s), []);
});
