// IndexedDBStorage on fake-indexeddb: round trip, summaries, and "saved" only once the transaction committed.
import "fake-indexeddb/auto";
import { test } from "node:test";
import assert from "node:assert/strict";
import { IDBFactory } from "fake-indexeddb";
import { CheckpointQuotaError, IndexedDBStorage, checkpointBytes } from "../../lib/train";

const files = () => new Map<string, Uint8Array | string>([
  ["config.json", '{"hidden_size": 8, "이름": "작은"}'],
  ["group1-shard1of1.bin", new Uint8Array([0, 1, 2, 250, 255])],
  ["trainer_state.json", JSON.stringify({ step: 12, totalSteps: 40, history: [] })],
]);

const fresh = (o: ConstructorParameters<typeof IndexedDBStorage>[0] = {}) => new IndexedDBStorage({ indexedDB: new IDBFactory(), estimate: null, ...o });

test("IndexedDBStorage: save -> load round trip of bytes and strings; list, stat, entries, delete", async () => {
  const s = fresh();
  const f = files();
  const before = Date.now();
  await s.save("run-a", f);
  await s.save("run-b", new Map([["notes.txt", "no trainer state"]]));
  const back = await s.load("run-a");
  assert.ok(back);
  assert.deepEqual([...back.keys()].sort(), [...f.keys()].sort());
  assert.equal(back.get("config.json"), f.get("config.json"));
  assert.deepEqual(back.get("group1-shard1of1.bin"), new Uint8Array([0, 1, 2, 250, 255]));
  assert.equal(await s.load("missing"), null);
  assert.deepEqual(await s.list(), ["run-a", "run-b"]);   // summaries are not listed

  const st = await s.stat("run-a");
  assert.ok(st);
  assert.equal(st.key, "run-a");
  assert.equal(st.bytes, checkpointBytes(f));
  assert.equal(st.step, 12);
  assert.equal(st.totalSteps, 40);
  assert.ok(st.savedAt >= before && st.savedAt <= Date.now());
  const b = await s.stat("run-b");
  assert.equal(b?.step, undefined);
  assert.equal(await s.stat("missing"), null);
  assert.deepEqual((await s.entries()).map((e) => e.key), ["run-a", "run-b"]);

  await s.delete("run-a");
  assert.deepEqual(await s.list(), ["run-b"]);
  assert.equal(await s.stat("run-a"), null);
});

test("IndexedDBStorage reads checkpoints written before summaries existed (same db, store and record shape)", async () => {
  const factory = new IDBFactory();
  // What the earlier adapter wrote: version 1, keyPath "key", { key, savedAt, files }, nothing else.
  await new Promise<void>((resolve, reject) => {
    const req = factory.open("bert-lab", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("checkpoints", { keyPath: "key" });
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction("checkpoints", "readwrite");
      tx.objectStore("checkpoints").put({ key: "nsmc-latest", savedAt: 1234, files: Object.fromEntries(files()) });
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  });
  const s = new IndexedDBStorage({ indexedDB: factory, estimate: null });
  assert.deepEqual(await s.list(), ["nsmc-latest"]);
  assert.deepEqual((await s.load("nsmc-latest"))?.get("group1-shard1of1.bin"), new Uint8Array([0, 1, 2, 250, 255]));
  assert.deepEqual(await s.stat("nsmc-latest"), { key: "nsmc-latest", savedAt: 1234, bytes: checkpointBytes(files()), step: 12, totalSteps: 40 });
});

test("IndexedDBStorage: a QuotaExceededError at commit rejects save with CheckpointQuotaError (never resolves first)", async () => {
  // The estimate leaves room (2 MB free), so only the browser's own commit fails.
  const s = fresh({ estimate: async () => ({ quota: 50e6, usage: 48e6 }) });
  await s.save("old", new Map([["a.bin", new Uint8Array(10)]]));
  // The put requests succeed; then the browser aborts the transaction at commit, as Chrome does when the quota is hit.
  const proto = IDBObjectStore.prototype;
  const put = proto.put;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
    const req = put.apply(this, args);
    req.addEventListener("success", () => (this.transaction as unknown as { _abort(name: string): void })._abort("QuotaExceededError"));
    return req;
  };
  let settled = "pending";
  try {
    await s.save("big", files()).then(() => { settled = "resolved"; }, (e) => { settled = "rejected"; throw e; });
    assert.fail("save resolved");
  } catch (e) {
    assert.equal(settled, "rejected");
    assert.ok(e instanceof CheckpointQuotaError, String(e));
    assert.equal(e.name, "CheckpointQuotaError");
    assert.equal(e.when, "write");
    assert.equal(e.bytes, checkpointBytes(files()));
    assert.equal(e.quota, 50e6);
    assert.equal(e.free, 2e6);
    assert.equal((e.cause as DOMException).name, "QuotaExceededError");
    assert.deepEqual(e.stored.map((x) => x.key), ["old"]);
    assert.match(e.message, /0\.0 MB/);                 // checkpoint size, in MB
    assert.match(e.message, /남은 공간은 2\.0 MB/);
    assert.match(e.message, /storage\.delete/);
    assert.match(e.message, /storage\.list/);
    assert.match(e.message, /다운로드/);
  } finally {
    proto.put = put;
  }
  assert.equal(await s.load("big"), null);   // rolled back: nothing half-written
  assert.equal(await s.stat("big"), null);
  assert.deepEqual(await s.list(), ["old"]);
});

test("IndexedDBStorage: estimate() precheck refuses a checkpoint larger than the free quota before writing", async () => {
  const big = new Map<string, Uint8Array | string>([["w.bin", new Uint8Array(3_000_000)], ["trainer_state.json", '{"step":1}']]);
  let estimates = 0;
  const s = fresh({ estimate: async () => { estimates++; return { quota: 10_000_000, usage: 8_000_000 }; } });
  await assert.rejects(s.save("ckpt", big), (e: unknown) => {
    assert.ok(e instanceof CheckpointQuotaError);
    assert.equal(e.when, "precheck");
    assert.equal(e.bytes, 3_000_010);
    assert.equal(e.free, 2_000_000);
    assert.equal(e.quota, 10_000_000);
    assert.match(e.message, /체크포인트는 3\.0 MB, 남은 공간은 2\.0 MB입니다 \(이 사이트에 허락된 10\.0 MB 중\)/);
    return true;
  });
  assert.equal(estimates, 1);
  assert.deepEqual(await s.list(), []);   // nothing written
  // With room (and margin) it saves; an estimate that throws is ignored.
  await fresh({ estimate: async () => ({ quota: 100e6, usage: 0 }) }).save("ok", big);
  await fresh({ estimate: async () => { throw new Error("no estimate"); } }).save("ok", big);
});

test("IndexedDBStorage: other errors pass through unchanged; no IndexedDB says so", async () => {
  const s = fresh();
  // A value IndexedDB cannot clone: DataCloneError from put, not a quota error.
  await assert.rejects(s.save("bad", new Map([["f", (() => 1) as unknown as string]])), (e: unknown) => {
    assert.ok(!(e instanceof CheckpointQuotaError));
    assert.equal((e as DOMException).name, "DataCloneError");
    return true;
  });
  const g = globalThis as { indexedDB?: IDBFactory };
  const saved = g.indexedDB;
  delete g.indexedDB;
  try {
    await assert.rejects(new IndexedDBStorage({ estimate: null }).list(), /IndexedDB is not available/);
  } finally {
    g.indexedDB = saved;
  }
});
