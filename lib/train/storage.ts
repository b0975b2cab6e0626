// Where checkpoints go. One small interface, three homes: memory (tests), IndexedDB (browser), files (Node).
import type { ModelFiles } from "../model";

/** A checkpoint or model folder is a set of named files: JSON/text as strings, shards as bytes. */
export interface StorageAdapter {
  save(key: string, files: ModelFiles): Promise<void>;
  load(key: string): Promise<ModelFiles | null>;   // null when the key does not exist
  list(): Promise<string[]>;
  delete(key: string): Promise<void>;
}

/** Keeps copies in a Map: for tests, and for a page that only needs checkpoints while it is open. */
export class MemoryStorage implements StorageAdapter {
  private store = new Map<string, ModelFiles>();
  async save(key: string, files: ModelFiles) { this.store.set(key, copyFiles(files)); }
  async load(key: string) { const f = this.store.get(key); return f ? copyFiles(f) : null; }
  async list() { return [...this.store.keys()].sort(); }
  async delete(key: string) { this.store.delete(key); }
}

function copyFiles(files: ModelFiles): ModelFiles {
  return new Map([...files].map(([k, v]) => [k, typeof v === "string" ? v : v.slice()]));
}
