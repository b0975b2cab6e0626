// Checkpoints in the browser's IndexedDB: one record per key holding all of its files.
// Browser/Worker only at call time (safe to import anywhere: nothing touches indexedDB until used).
import type { ModelFiles } from "../model";
import type { StorageAdapter } from "./storage";

interface CheckpointRecord { key: string; savedAt: number; files: Record<string, Uint8Array | string> }

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class IndexedDBStorage implements StorageAdapter {
  private db: Promise<IDBDatabase> | null = null;
  constructor(readonly dbName = "bert-lab", readonly storeName = "checkpoints") {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        if (typeof indexedDB === "undefined") return reject(new Error("IndexedDB is not available here"));
        const req = indexedDB.open(this.dbName, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(this.storeName)) req.result.createObjectStore(this.storeName, { keyPath: "key" });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return this.db;
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(this.storeName, mode).objectStore(this.storeName);
  }

  async save(key: string, files: ModelFiles): Promise<void> {
    const record: CheckpointRecord = { key, savedAt: Date.now(), files: Object.fromEntries(files) };
    await request((await this.store("readwrite")).put(record));
  }

  async load(key: string): Promise<ModelFiles | null> {
    const rec = (await request((await this.store("readonly")).get(key))) as CheckpointRecord | undefined;
    return rec ? new Map(Object.entries(rec.files)) : null;
  }

  async list(): Promise<string[]> {
    const keys = await request((await this.store("readonly")).getAllKeys());
    return keys.map(String).sort();
  }

  async delete(key: string): Promise<void> {
    await request((await this.store("readwrite")).delete(key));
  }
}
