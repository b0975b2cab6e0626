// Save/load in the tfjs weights-manifest format (lib/README.md): config.json + weights.json + group1-shardXofN.bin.
// Files hold Hugging Face names and shapes (Linear weights [out, in]); memory holds dense kernels [in, out].
import { EngineError } from "../errors";
import * as tf from "@tensorflow/tfjs";
import { configFromJSON, type BertConfig } from "./config";
import { float16ToFloat32, float32ToFloat16 } from "./float16";
import { paramSpecs, type HeadKind } from "./names";
import type { Params } from "./params";
import { buildParams, type LoadOptions, type LoadResult } from "./load-params";

export const WEIGHTS_FORMAT = "bert-lab-weights";
export const MAX_SHARD_BYTES = 4 * 1024 * 1024;

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: "float32";
  quantization?: { dtype: "float16" };
}
export interface WeightsJSON {
  format: string;
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
}

/** Everything that makes a model folder, by file name. JSON files are strings, shards are bytes. */
export type ModelFiles = Map<string, Uint8Array | string>;

export interface SaveOptions {
  quantize?: "float16";     // store float16 (half the bytes); loading upcasts to float32
  shardBytes?: number;      // default 4 MB
  head?: HeadKind;          // which parameters to write; default: every parameter present
}

/** Serialise parameters (+ config) into the files of a model folder. */
export async function saveModelFiles(params: Params, config: BertConfig, opts: SaveOptions = {}): Promise<ModelFiles> {
  const specs = new Map(paramSpecs(config, opts.head ?? inferHead(params)).map((s) => [s.name, s]));
  const tensors: NamedValues[] = [];
  for (const [name, v] of params) {
    const spec = specs.get(name);
    if (!spec) continue;
    const fileTensor = spec.transposed ? tf.transpose(v) : v;   // memory [in, out] -> file [out, in]
    tensors.push({ name, shape: spec.fileShape, values: (await fileTensor.data()) as Float32Array });
    if (fileTensor !== v) fileTensor.dispose();
  }
  const { manifest, files } = packWeights(tensors, { ...opts, shardPrefix: "group1-shard" });
  files.set("weights.json", JSON.stringify(manifest));
  files.set("config.json", JSON.stringify(config, null, 2));
  return files;
}

export interface NamedValues { name: string; shape: number[]; values: Float32Array }

/**
 * Concatenate float32 tensors (optionally as float16) and cut the bytes into shards of at most shardBytes,
 * named `${shardPrefix}${i}of${n}.bin` (tfjs convention; a tensor may span two shards).
 */
export function packWeights(tensors: NamedValues[], opts: { quantize?: "float16"; shardBytes?: number; shardPrefix: string }): { manifest: WeightsJSON; files: ModelFiles } {
  const shardBytes = opts.shardBytes ?? MAX_SHARD_BYTES;
  const entries: WeightEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const { name, shape, values } of tensors) {
    const entry: WeightEntry = { name, shape, dtype: "float32" };
    if (opts.quantize === "float16") {
      entry.quantization = { dtype: "float16" };
      chunks.push(new Uint8Array(float32ToFloat16(values).buffer));
    } else {
      chunks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    entries.push(entry);
  }
  const all = concatBytes(chunks);
  const nShards = Math.max(1, Math.ceil(all.byteLength / shardBytes));
  const files: ModelFiles = new Map();
  const paths: string[] = [];
  for (let i = 0; i < nShards; i++) {
    const path = `${opts.shardPrefix}${i + 1}of${nShards}.bin`;
    paths.push(path);
    files.set(path, all.slice(i * shardBytes, Math.min(all.byteLength, (i + 1) * shardBytes)));
  }
  return { manifest: { format: WEIGHTS_FORMAT, weightsManifest: [{ paths, weights: entries }] }, files };
}

/** Read a manifest file and its shards through a FileReader and decode them. */
export async function readWeights(read: FileReader, manifestName: string): Promise<Map<string, { shape: number[]; values: Float32Array }>> {
  const manifest = JSON.parse(await readText(read, manifestName)) as WeightsJSON;
  const shardPaths = manifest.weightsManifest.flatMap((g) => g.paths);
  const shards = await Promise.all(shardPaths.map(async (p) => new Uint8Array(await read(p))));
  return decodeWeights(manifest, shards);
}

function inferHead(params: Params): HeadKind {
  if (params.has("classifier.weight")) return "classifier";
  if (params.has("cls.predictions.bias")) return "mlm";
  return "none";
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.byteLength; }
  return out;
}

/** Reads one file of a model folder by name. fetchReader() and the Node dirReader() implement it. */
export type FileReader = (name: string) => Promise<ArrayBuffer | Uint8Array>;

/** A FileReader over HTTP: `fetchReader("/models/mini/")`. Pass a custom fetch (e.g. with caching) if needed. */
export function fetchReader(baseUrl: string, fetchFn: typeof fetch = (...a) => fetch(...a)): FileReader {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return async (name) => {
    const res = await fetchFn(base + name);
    if (!res.ok) throw new HttpError(base + name, res.status, res.statusText);
    return res.arrayBuffer();
  };
}

/** A failed HTTP request; `status` lets loaders tell a missing optional file (404) from a real failure. */
export class HttpError extends EngineError {
  override name = "HttpError";
  constructor(readonly url: string, readonly status: number, statusText: string) {
    super("http", `GET ${url}: ${status} ${statusText}`, { url, status });
  }
}

/** A FileReader over in-memory ModelFiles (tests, IndexedDB checkpoints). */
export function filesReader(files: ModelFiles): FileReader {
  return async (name) => {
    const f = files.get(name);
    if (f === undefined) throw new Error(`no file "${name}"`);
    return typeof f === "string" ? new TextEncoder().encode(f) : f;
  };
}

export async function readText(read: FileReader, name: string): Promise<string> {
  return new TextDecoder().decode(await read(name));
}

/** Decode a manifest + its concatenated shard bytes into name -> (shape, float32 values in file layout). */
export function decodeWeights(manifest: WeightsJSON, shards: Uint8Array[]): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  const groups = manifest.weightsManifest;
  let gi = 0;
  for (const group of groups) {
    const bytes = concatBytes(shards.slice(gi, gi + group.paths.length));
    gi += group.paths.length;
    let off = 0;
    for (const w of group.weights) {
      if (w.dtype !== "float32") throw new Error(`weight ${w.name}: dtype ${w.dtype} not supported`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization?.dtype;
      if (q && q !== "float16") throw new Error(`weight ${w.name}: quantization ${q} not supported`);
      const width = q === "float16" ? 2 : 4;
      const slice = bytes.slice(off, off + n * width); // copy: typed arrays need aligned offsets
      if (slice.byteLength !== n * width) throw new Error(`weight ${w.name}: shards too short`);
      const values = q === "float16" ? float16ToFloat32(new Uint16Array(slice.buffer)) : new Float32Array(slice.buffer);
      out.set(w.name, { shape: w.shape, values });
      off += n * width;
    }
  }
  return out;
}

/** Load config.json + weights.json + shards through a FileReader into [in, out] variables. */
export async function loadModelFiles(read: FileReader, opts: LoadOptions = {}): Promise<LoadResult> {
  const rawConfig = JSON.parse(await readText(read, "config.json")) as Partial<BertConfig>;
  const config = configFromJSON({ ...rawConfig, ...(opts.numLabels ? { num_labels: opts.numLabels } : {}), ...opts.config });
  return buildParams(config, await readWeights(read, "weights.json"), opts);
}
