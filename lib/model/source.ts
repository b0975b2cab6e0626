// A model folder wherever it lives: files the reader dropped or picked, a folder on disk, a URL, memory.
// The Hugging Face loader reads through this so that one code path serves the page, the worker and the CLI,
// and reads big weight files by range: a 440 MB model.safetensors is never held twice.
import type { FileReader, ModelFiles } from "./io";
import { EngineError } from "../errors";

export interface ModelSource {
  /** Where the files come from, for messages: a folder, a repo id, "dropped files". */
  readonly label: string;
  has(name: string): Promise<boolean>;
  size(name: string): Promise<number>;
  read(name: string): Promise<Uint8Array>;
  /** Bytes [start, end) of a file. */
  readRange(name: string, start: number, end: number): Promise<Uint8Array>;
}

/** A file the source does not hold: loaders treat optional files (tokenizer_config.json, …) as absent. */
export class MissingFileError extends EngineError {
  override name = "MissingFileError";
  constructor(readonly file: string, readonly where: string) {
    super("missing-file", `${where} has no ${file}`, { where, file });
  }
}

export async function readSourceText(src: ModelSource, name: string): Promise<string> {
  return new TextDecoder().decode(await src.read(name));
}

/** A JSON file, or undefined when the source lacks it; bad JSON is an error that names the file. */
export async function readOptionalJSON<T>(src: ModelSource, name: string): Promise<T | undefined> {
  if (!(await src.has(name))) return undefined;
  const text = await readSourceText(src, name);
  try { return JSON.parse(text) as T; } catch (e) { throw new EngineError("bad-json", `${src.label}/${name} is not valid JSON: ${(e as Error).message}`, { where: src.label, file: name }); }
}

/** The part of a browser Blob/File (or Node's) that we use. */
export interface BlobLike { readonly size: number; slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> } }

/**
 * Files from a folder picker, a drop or `<input type=file multiple>`. Names are the last path part, so a
 * picked folder (`webkitRelativePath` "bert/config.json") and loose files both work. Reads are File.slice
 * ranges: the browser reads only the bytes asked for.
 */
export function blobSource(files: Iterable<[string, BlobLike]> | Map<string, BlobLike>, label = "the chosen files"): ModelSource {
  const byName = new Map<string, BlobLike>();
  for (const [name, blob] of files) byName.set(name.split("/").pop()!, blob);
  const get = (name: string) => {
    const b = byName.get(name);
    if (!b) throw new MissingFileError(name, label);
    return b;
  };
  return {
    label,
    has: async (name) => byName.has(name),
    size: async (name) => get(name).size,
    read: async (name) => new Uint8Array(await get(name).slice().arrayBuffer()),
    readRange: async (name, start, end) => new Uint8Array(await get(name).slice(start, end).arrayBuffer()),
  };
}

/** Browser File objects (they carry their own names). */
export function fileListSource(files: Iterable<{ name: string; webkitRelativePath?: string } & BlobLike>, label?: string): ModelSource {
  return blobSource([...files].map((f) => [f.webkitRelativePath || f.name, f] as [string, BlobLike]), label);
}

/** In-memory files (tests, an export read back). */
export function memorySource(files: ModelFiles, label = "memory"): ModelSource {
  const bytes = (name: string): Uint8Array => {
    const f = files.get(name);
    if (f === undefined) throw new MissingFileError(name, label);
    return typeof f === "string" ? new TextEncoder().encode(f) : f;
  };
  return {
    label,
    has: async (name) => files.has(name),
    size: async (name) => bytes(name).byteLength,
    read: async (name) => bytes(name),
    readRange: async (name, start, end) => bytes(name).subarray(start, end),
  };
}

/**
 * Over a whole-file FileReader (HTTP, the Hub cache): each file is read once and kept while the load runs, so
 * range reads slice memory. `has` reads the file, so a later `read` costs nothing.
 */
export function readerSource(read: FileReader, label: string): ModelSource {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  const load = (name: string) => {
    let p = cache.get(name);
    if (!p) {
      p = read(name).then(
        (b) => (b instanceof Uint8Array ? b : new Uint8Array(b)),
        (e: unknown) => { if (isMissing(e)) return null; cache.delete(name); throw e; },
      );
      cache.set(name, p);
    }
    return p;
  };
  const bytes = async (name: string) => {
    const b = await load(name);
    if (!b) throw new MissingFileError(name, label);
    return b;
  };
  return {
    label,
    has: async (name) => (await load(name)) !== null,
    size: async (name) => (await bytes(name)).byteLength,
    read: bytes,
    readRange: async (name, start, end) => (await bytes(name)).subarray(start, end),
  };
}

/** A missing-file error from any reader: ours, Node's ENOENT, or an HTTP 404. */
export function isMissing(e: unknown): boolean {
  if (e instanceof MissingFileError) return true;
  const err = e as { code?: string; status?: number } | null;
  return err?.code === "ENOENT" || err?.status === 404;
}
