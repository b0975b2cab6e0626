// Node-only helpers (fs): a directory FileReader, writing a model folder, and checkpoint storage on disk.
// Import from "lib/train/node" in scripts and tests; the browser barrel never pulls this in.
import { access, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileReader, ModelFiles, ModelSource } from "../model";
import type { StorageAdapter } from "./storage";

/** FileReader over a folder on disk, e.g. dirReader("public/models/mini"). */
export function dirReader(dir: string): FileReader {
  return async (name) => new Uint8Array(await readFile(path.join(dir, name)));
}

/** A ModelSource over a folder on disk: big weight files are read by range, never whole. */
export function dirSource(dir: string): ModelSource {
  const full = (name: string) => path.join(dir, name);
  return {
    label: dir,
    has: async (name) => access(full(name)).then(() => true, () => false),
    size: async (name) => (await stat(full(name))).size,
    read: async (name) => new Uint8Array(await readFile(full(name))),
    readRange: async (name, start, end) => {
      const fh = await open(full(name), "r");
      try {
        const buf = new Uint8Array(end - start);
        const { bytesRead } = await fh.read(buf, 0, buf.byteLength, start);
        if (bytesRead !== buf.byteLength) throw new Error(`${full(name)}: read ${bytesRead} of ${buf.byteLength} bytes at ${start}: the file is cut short`);
        return buf;
      } finally {
        await fh.close();
      }
    },
  };
}

const TEXT = /\.(json|txt|tsv)$/;

export async function writeFiles(dir: string, files: ModelFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, data] of files) await writeFile(path.join(dir, name), data);
}

export async function readFiles(dir: string): Promise<ModelFiles> {
  const files: ModelFiles = new Map();
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if (!(await stat(full)).isFile()) continue;
    files.set(name, TEXT.test(name) ? await readFile(full, "utf8") : new Uint8Array(await readFile(full)));
  }
  return files;
}

/** One sub-folder per key under root; each checkpoint is itself a loadable model folder. */
export class FileStorage implements StorageAdapter {
  constructor(readonly root: string) {}
  private dir(key: string) {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`bad checkpoint key "${key}"`);
    return path.join(this.root, key);
  }
  async save(key: string, files: ModelFiles) {
    const tmp = this.dir(key) + ".tmp";
    await rm(tmp, { recursive: true, force: true });
    await writeFiles(tmp, files);
    await rm(this.dir(key), { recursive: true, force: true });
    await rename(tmp, this.dir(key)); // never leave a half-written checkpoint
  }
  async load(key: string) {
    try { return await readFiles(this.dir(key)); } catch { return null; }
  }
  async list() {
    try {
      const names = await readdir(this.root, { withFileTypes: true });
      return names.filter((d) => d.isDirectory() && !d.name.endsWith(".tmp")).map((d) => d.name).sort();
    } catch { return []; }
  }
  async delete(key: string) { await rm(this.dir(key), { recursive: true, force: true }); }
}
