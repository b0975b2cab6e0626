// Files of a Hugging Face Hub repository, fetched only when the reader asks: https://huggingface.co/<repo>/resolve/
// <revision>/<file>. Each download reports bytes, MB/s and ETA, is checked against its Content-Length (a cut
// connection is an error, never a short file), and is cached (Cache Storage in a page) so a reload does not
// fetch 440 MB again. Everything else the site loads stays on its own origin.
import { readerSource, type ModelSource } from "./source";
import { EngineError } from "../errors";

export const HUB = "https://huggingface.co";

export interface DownloadProgress {
  file: string;
  bytes: number;               // received so far
  total?: number;              // Content-Length, when the server sends it
  mbPerSecond: number;         // 10^6 bytes per second since this file started
  etaSeconds?: number;
  fromCache: boolean;
}

/**
 * Where finished downloads are kept, by URL. A file the repository lacks is remembered too (null), so optional
 * files (tokenizer.json …) are not asked for again on every load.
 */
export interface ByteCache {
  get(url: string): Promise<Uint8Array | null | undefined>;      // bytes, null = known missing, undefined = not cached
  put(url: string, bytes: Uint8Array | null): Promise<void>;
  size(url: string): Promise<number | null | undefined>;         // without reading the bytes
}

export type DownloadFailure = "not-found" | "http" | "cut" | "network" | "aborted";

/** A download that did not complete; `retryable` says whether trying again can help. */
export class DownloadError extends EngineError {
  override name = "DownloadError";
  /** `params.file` names the file; the code is `download-<kind>` (lib/errors.ts). */
  constructor(readonly kind: DownloadFailure, readonly url: string, message: string, readonly status?: number, params: Record<string, string | number> = {}) {
    super(`download-${kind}`, message, { ...params, status: status ?? 0 });
  }
  get retryable(): boolean { return this.kind === "cut" || this.kind === "network" || (this.kind === "http" && (this.status ?? 0) >= 500); }
}

export interface HubOptions {
  revision?: string;           // default "main"
  endpoint?: string;           // default https://huggingface.co (tests: a local server)
  cache?: ByteCache;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}

export function hubUrl(repo: string, file: string, o: HubOptions = {}): string {
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(repo)) throw new EngineError("hub-repo-id", `"${repo}" is not a Hub repository id (like "klue/bert-base")`, { repo });
  return `${(o.endpoint ?? HUB).replace(/\/$/, "")}/${repo}/resolve/${encodeURIComponent(o.revision ?? "main")}/${file}`;
}

/** An in-memory ByteCache (Node, tests). */
export function memoryCache(): ByteCache & { entries: number } {
  const m = new Map<string, Uint8Array | null>();
  return {
    get: async (u) => m.get(u),
    put: async (u, b) => { m.set(u, b); },
    size: async (u) => { const b = m.get(u); return b === undefined ? undefined : b === null ? null : b.byteLength; },
    get entries() { return m.size; },
  };
}

/** The browser's Cache Storage as a ByteCache: survives reloads, cleared with the site's data. */
export function cacheStorageCache(name = "bert-lab-hub"): ByteCache {
  const open = () => (globalThis as { caches?: CacheStorage }).caches?.open(name);
  return {
    async get(url) {
      const res = await (await open())?.match(url);
      if (!res) return undefined;
      return res.status === 404 ? null : new Uint8Array(await res.arrayBuffer());
    },
    async put(url, bytes) {
      const res = bytes === null
        ? new Response(null, { status: 404 })
        : new Response(bytes as BlobPart, { headers: { "content-length": String(bytes.byteLength) } });
      await (await open())?.put(url, res);
    },
    async size(url) {
      const res = await (await open())?.match(url);
      if (!res) return undefined;
      return res.status === 404 ? null : Number(res.headers.get("content-length"));
    },
  };
}

/** Download one URL with progress, checked against Content-Length, through the cache. */
export async function hubDownload(url: string, file: string, o: HubOptions = {}): Promise<Uint8Array> {
  const cached = await o.cache?.get(url);
  if (cached === null) throw new DownloadError("not-found", url, `${file}: not in this repository (remembered from an earlier request)`, 404, { file });
  if (cached) {
    o.onProgress?.({ file, bytes: cached.byteLength, total: cached.byteLength, mbPerSecond: 0, fromCache: true });
    return cached;
  }
  const f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  try {
    res = await f(url, { signal: o.signal });
  } catch (e) {
    if (o.signal?.aborted) throw new DownloadError("aborted", url, `download of ${file} stopped`, undefined, { file });
    throw new DownloadError("network", url, `could not reach ${new URL(url).host} for ${file}: ${(e as Error).message}. Check the connection and try again.`, undefined, { file, host: new URL(url).host });
  }
  if (res.status === 404) {
    await o.cache?.put(url, null);
    throw new DownloadError("not-found", url, `${file}: 404, not in this repository (or the repository is private or does not exist)`, 404, { file });
  }
  if (!res.ok) throw new DownloadError("http", url, `${file}: HTTP ${res.status} ${res.statusText}${res.status === 401 || res.status === 403 ? " (a gated or private repository needs a login the site does not have)" : ""}`, res.status, { file });
  const header = res.headers.get("content-length");
  const total = header !== null ? Number(header) : undefined;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const t0 = performance.now();
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      const s = (performance.now() - t0) / 1000;
      const rate = s > 0 ? bytes / s : 0;
      o.onProgress?.({ file, bytes, total, mbPerSecond: rate / 1e6, etaSeconds: total && rate > 0 ? (total - bytes) / rate : undefined, fromCache: false });
    }
  } catch (e) {
    if (o.signal?.aborted) throw new DownloadError("aborted", url, `download of ${file} stopped after ${bytes} bytes`, undefined, { file });
    throw new DownloadError("cut", url, `${file}: the connection broke after ${bytes}${total ? ` of ${total}` : ""} bytes (${(e as Error).message}). Try again: nothing partial was kept.`, undefined, { file, bytes });
  }
  if (total !== undefined && bytes !== total) {
    throw new DownloadError("cut", url, `${file}: got ${bytes} of ${total} bytes: the connection was cut. Try again: nothing partial was kept.`, undefined, { file, bytes });
  }
  const out = new Uint8Array(bytes);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.byteLength; }
  await o.cache?.put(url, out);
  return out;
}

/** Sizes of files before downloading them (HEAD; the Hub gives LFS files' size in x-linked-size). */
export async function hubFileSizes(repo: string, files: string[], o: HubOptions = {}): Promise<Map<string, number | undefined>> {
  const f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const out = new Map<string, number | undefined>();
  for (const file of files) {
    const res = await f(hubUrl(repo, file, o), { method: "HEAD", signal: o.signal }).catch(() => null);
    if (!res?.ok) { out.set(file, undefined); continue; }
    const n = res.headers.get("x-linked-size") ?? res.headers.get("content-length");
    out.set(file, n !== null ? Number(n) : undefined);
  }
  return out;
}

/** What the cache already holds of these files: bytes, null (known missing), undefined (never fetched). No request. */
export async function hubCachedSizes(repo: string, files: string[], o: HubOptions & { cache: ByteCache }): Promise<Map<string, number | null | undefined>> {
  const out = new Map<string, number | null | undefined>();
  for (const file of files) out.set(file, await o.cache.size(hubUrl(repo, file, o)));
  return out;
}

/** A Hub repository as a ModelSource for loadHuggingFace: each file downloaded once (with progress), then cached. */
export function hubSource(repo: string, o: HubOptions = {}): ModelSource {
  return readerSource((file) => hubDownload(hubUrl(repo, file, o), file, o), `${repo}@${o.revision ?? "main"}`);
}
