// Checkpoints in the browser's IndexedDB: one record per key holding all of its files.
// Browser/Worker only at call time (safe to import anywhere: nothing touches indexedDB until used).
//
// save() resolves only when the transaction has committed (`await tx.done`), not when the put request
// succeeded: a browser may still abort at commit (QuotaExceededError), and "saved" must mean saved.
//
// Layout (database "bert-lab", store "checkpoints", keyPath "key", version 1, as before):
//   { key, savedAt, files }                        the checkpoint: files = { name: Uint8Array | string }
//   { key: "\0stat:" + key, savedAt, bytes, step?, totalSteps? }   its summary, written in the same transaction,
//                                                  so stat() does not read tens of MB of weights
// Checkpoints saved before summaries existed have none; stat() then reads the record itself.
import { wrap, type IDBPDatabase } from "idb";
import type { ModelFiles } from "../model";
import type { StorageAdapter } from "./storage";
import { CheckpointQuotaError, checkpointBytes, checkpointProgress, isQuotaError, quotaMargin, type CheckpointStat } from "./storage-quota";

export { CheckpointQuotaError, type CheckpointStat } from "./storage-quota";

interface CheckpointRecord { key: string; savedAt: number; files: Record<string, Uint8Array | string> }
type StatRecord = CheckpointStat;   // stored under STAT_PREFIX + key
type StoredRecord = CheckpointRecord | StatRecord;

const STAT_PREFIX = "\u0000stat:";
const isStatKey = (k: string) => k.startsWith(STAT_PREFIX);

export interface StorageEstimateLike { quota?: number; usage?: number }

export interface IndexedDBStorageOptions {
  dbName?: string;        // default "bert-lab"
  storeName?: string;     // default "checkpoints"
  /** The IndexedDB to use; default the global `indexedDB` (tests pass fake-indexeddb's `new IDBFactory()`). */
  indexedDB?: IDBFactory;
  /** Free-space check before writing; default `navigator.storage.estimate()` where it exists; null = no check. */
  estimate?: (() => Promise<StorageEstimateLike>) | null;
}

function defaultEstimate(): (() => Promise<StorageEstimateLike>) | null {
  const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
  return storage?.estimate ? () => storage.estimate() : null;
}

export class IndexedDBStorage implements StorageAdapter {
  readonly dbName: string;
  readonly storeName: string;
  private factory?: IDBFactory;
  private estimate: (() => Promise<StorageEstimateLike>) | null;
  private db: Promise<IDBPDatabase> | null = null;

  constructor(opts: IndexedDBStorageOptions = {}) {
    this.dbName = opts.dbName ?? "bert-lab";
    this.storeName = opts.storeName ?? "checkpoints";
    this.factory = opts.indexedDB;
    this.estimate = opts.estimate === undefined ? defaultEstimate() : opts.estimate;
  }

  private open(): Promise<IDBPDatabase> {
    if (this.db) return this.db;
    const factory = this.factory ?? (typeof indexedDB !== "undefined" ? indexedDB : undefined);
    if (!factory) return Promise.reject(new Error("IndexedDB is not available here"));
    const req = factory.open(this.dbName, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(this.storeName)) req.result.createObjectStore(this.storeName, { keyPath: "key" });
    };
    const db = (wrap(req) as Promise<IDBPDatabase>).then((d) => {
      // Let a later version of the page upgrade the database instead of waiting for this tab to close.
      d.addEventListener("versionchange", () => { d.close(); this.db = null; });
      return d;
    });
    db.catch(() => { this.db = null; });   // a failed open is retried next time
    this.db = db;
    return db;
  }

  /** Stores the checkpoint; resolves once committed. Throws CheckpointQuotaError when it does not fit. */
  async save(key: string, files: ModelFiles): Promise<void> {
    const bytes = checkpointBytes(files);
    const est = await this.readEstimate();
    if (est && est.free < bytes + quotaMargin(bytes)) {
      throw new CheckpointQuotaError({ key, bytes, free: est.free, quota: est.quota, stored: await this.entries().catch(() => []), when: "precheck" });
    }
    const savedAt = Date.now();
    const record: CheckpointRecord = { key, savedAt, files: Object.fromEntries(files) };
    const stat: StatRecord = { key: STAT_PREFIX + key, savedAt, bytes, ...checkpointProgress(files) };
    const db = await this.open();
    const tx = db.transaction(this.storeName, "readwrite");
    // Wait for everything, so save settles only after the commit (or the abort), whichever request failed first.
    const results = await Promise.allSettled([tx.store.put(record), tx.store.put(stat), tx.done]);
    const errors = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    if (!errors.length) return;
    const quota = errors.find(isQuotaError);
    if (quota === undefined) throw errors[0];
    const after = await this.readEstimate();
    throw new CheckpointQuotaError({ key, bytes, free: after?.free, quota: after?.quota, stored: await this.entries().catch(() => []), when: "write", cause: quota });
  }

  async load(key: string): Promise<ModelFiles | null> {
    const rec = (await (await this.open()).get(this.storeName, key)) as CheckpointRecord | undefined;
    return rec?.files ? new Map(Object.entries(rec.files)) : null;
  }

  /** Keys of the stored checkpoints, sorted. */
  async list(): Promise<string[]> {
    const keys = await (await this.open()).getAllKeys(this.storeName);
    return keys.map(String).filter((k) => !isStatKey(k)).sort();
  }

  async delete(key: string): Promise<void> {
    const tx = (await this.open()).transaction(this.storeName, "readwrite");
    await Promise.all([tx.store.delete(key), tx.store.delete(STAT_PREFIX + key), tx.done]);
  }

  /** Key, save time, size and (from trainer_state.json) step of one checkpoint; null if there is none. */
  async stat(key: string): Promise<CheckpointStat | null> {
    const db = await this.open();
    const s = (await db.get(this.storeName, STAT_PREFIX + key)) as StatRecord | undefined;
    if (s) return { ...s, key };
    const rec = (await db.get(this.storeName, key)) as StoredRecord | undefined;   // saved before summaries existed
    if (!rec || !("files" in rec)) return null;
    return { key, savedAt: rec.savedAt, bytes: checkpointBytes(new Map(Object.entries(rec.files))), ...checkpointProgress(rec.files) };
  }

  /** stat() of every stored checkpoint, sorted by key. */
  async entries(): Promise<CheckpointStat[]> {
    const out: CheckpointStat[] = [];
    for (const key of await this.list()) {
      const s = await this.stat(key);
      if (s) out.push(s);
    }
    return out;
  }

  private async readEstimate(): Promise<{ free: number; quota: number } | null> {
    if (!this.estimate) return null;
    try {
      const { quota, usage } = await this.estimate();
      return quota === undefined || usage === undefined ? null : { free: quota - usage, quota };
    } catch {
      return null;   // an estimate is a courtesy: without one the browser's own error still reaches us
    }
  }
}
