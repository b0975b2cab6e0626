// A text file the site ships (NSMC, gzipped: 6 MB instead of 14 MB), fetched and decompressed as it arrives, with
// progress in bytes. Why not `(await fetch(url)).text()`: the files are served as plain gzip bytes (a static host
// cannot be trusted to add `Content-Encoding`), so the page must gunzip them itself, and 8 MB over a slow link
// deserves a progress bar and a way to stop.
//
// Two kinds of server, one code path: the first bytes decide. A gzip stream starts with 1f 8b; when it does not,
// the server sent `Content-Encoding: gzip` and the browser has already decompressed it (or the file was never
// gzipped), so the bytes are the text itself.
import { formatBytes, formatMs } from "../format";

/** Where fetchText reports bytes: show.progress's panel in a cell fits this shape (and its Stop aborts `signal`). */
export interface ByteProgressSink {
  readonly signal?: AbortSignal;
  /** `total` 0 = unknown size; `eta` (seconds) only once the download has run for a moment. */
  update(p: { unit: "bytes"; step: number; total: number; eta?: number; bytesPerSec?: number }): void;
  done(p?: { step?: number; total?: number; note?: string }): void;
  fail(note: string): void;
}

export type FetchTextFailure = "http" | "network" | "cut" | "corrupt" | "aborted" | "unsupported";

/** A fetch that did not give the text; the message is Korean and names the file. */
export class FetchTextError extends Error {
  override name = "FetchTextError";
  constructor(readonly kind: FetchTextFailure, readonly url: string, message: string, readonly status?: number) {
    super(message);
  }
}

export interface FetchTextOptions {
  progress?: ByteProgressSink;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface FetchTextResult {
  text: string;
  /** Bytes that came over the network (the gzip size unless the browser decompressed them). */
  bytes: number;
  /** Bytes of text after decompression. */
  textBytes: number;
  gzip: boolean;
  ms: number;
}

/** How long before an ETA is worth showing: the rate of the first few chunks says little. */
const ETA_AFTER_MS = 1000;

/** The text at `url`, gunzipped if the bytes are gzip; Korean errors for HTTP status, a cut, a corrupt file. */
export async function fetchText(url: string, o: FetchTextOptions = {}): Promise<string> {
  return (await fetchTextDetailed(url, o)).text;
}

/** fetchText with the sizes and the time (benchmarks, tests). */
export async function fetchTextDetailed(url: string, o: FetchTextOptions = {}): Promise<FetchTextResult> {
  const name = url.split("?")[0].split("/").pop() || url;
  const signal = o.signal ?? o.progress?.signal;
  // The panel shows bytes from the start, also when the request fails before any byte arrives.
  o.progress?.update({ unit: "bytes", step: 0, total: 0 });
  try {
    const r = await download(url, name, signal, o);
    o.progress?.done({ step: r.bytes, total: r.bytes, note: doneNote(r) });
    return r;
  } catch (e) {
    const err = e instanceof FetchTextError ? e
      : signal?.aborted ? new FetchTextError("aborted", url, `${name} 받기를 멈췄습니다`)
      : new FetchTextError("network", url, `${name}을(를) 받지 못했습니다: ${(e as Error)?.message ?? String(e)}`);
    // Stopped from the panel itself: done() marks it "중지됨" (its signal is aborted), not "실패".
    if (err.kind === "aborted" && o.progress?.signal?.aborted) o.progress.done({ note: err.message });
    else o.progress?.fail(err.message);
    throw err;
  }
}

async function download(url: string, name: string, signal: AbortSignal | undefined, o: FetchTextOptions): Promise<FetchTextResult> {
  const t0 = performance.now();
  const f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  try {
    res = await f(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw new FetchTextError("aborted", url, `${name} 받기를 멈췄습니다`);
    throw new FetchTextError("network", url, `${name}을(를) 받지 못했습니다: 서버에 연결할 수 없습니다 (${(e as Error).message})`);
  }
  if (!res.ok || !res.body) {
    const why = res.status === 404 ? " (파일이 서버에 없습니다)" : "";
    throw new FetchTextError("http", url, `${name}을(를) 받지 못했습니다: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${why}`, res.status);
  }
  // With Content-Encoding, Content-Length counts the encoded bytes but the body yields decoded ones: no total then.
  const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
  const header = res.headers.get("content-length");
  const total = !encoded && header !== null && Number(header) > 0 ? Number(header) : 0;

  let bytes = 0;
  const report = () => {
    const ms = performance.now() - t0;
    const rate = ms > 0 ? (bytes * 1000) / ms : 0;
    const eta = total && rate > 0 && ms >= ETA_AFTER_MS ? (total - bytes) / rate : undefined;
    o.progress?.update({ unit: "bytes", step: bytes, total, eta, bytesPerSec: ms >= ETA_AFTER_MS ? rate : undefined });
  };
  report();
  // Network errors are tagged here, so that whatever else the pipeline throws is the decompressor's.
  const reader = res.body.getReader();
  const network = new ReadableStream<Uint8Array>({
    async pull(c) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        throw signal?.aborted
          ? new FetchTextError("aborted", url, `${name} 받기를 멈췄습니다 (${bytesOf(bytes, total)})`)
          : new FetchTextError("cut", url, `${name}: ${bytesOf(bytes, total)}에서 연결이 끊겼습니다 (${(e as Error).message}). 셀을 다시 실행하세요.`);
      }
      if (r.done) {
        if (total && bytes !== total) c.error(new FetchTextError("cut", url, `${name}: ${bytesOf(bytes, total)}만 받고 연결이 끊겼습니다. 셀을 다시 실행하세요.`));
        else c.close();
        return;
      }
      bytes += r.value.byteLength;
      report();
      c.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });

  const [head, body] = await peek(network, 2);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip && typeof DecompressionStream === "undefined") {
    await body.cancel();
    throw new FetchTextError("unsupported", url, `${name}: 이 브라우저에는 gzip을 푸는 DecompressionStream이 없습니다. 최신 Chrome, Edge, Firefox, Safari에서 열어 주세요.`);
  }
  let textBytes = 0;
  // (lib.dom types both writable sides as BufferSource; only Uint8Array chunks are written to them.)
  const plain = (gzip ? body.pipeThrough(new DecompressionStream("gzip") as ReadableWritablePair<Uint8Array, Uint8Array>) : body)
    .pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform(chunk, c) { textBytes += chunk.byteLength; c.enqueue(chunk); } }))
    .pipeThrough(new TextDecoderStream("utf-8") as ReadableWritablePair<string, Uint8Array>);
  const parts: string[] = [];
  const textReader = plain.getReader();
  try {
    for (;;) {
      const { done, value } = await textReader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof FetchTextError) throw e;
    // Not the network (tagged above): the decompressor found a broken or truncated gzip stream.
    throw new FetchTextError("corrupt", url, `${name}: gzip 압축을 풀지 못했습니다. 파일이 손상되었거나 잘렸습니다 (${(e as Error)?.message ?? e}).`);
  }
  return { text: parts.join(""), bytes, textBytes, gzip, ms: performance.now() - t0 };
}

/** The first `n` bytes (fewer if the stream is shorter), and a stream that still yields everything from the start. */
async function peek(stream: ReadableStream<Uint8Array>, n: number): Promise<[Uint8Array, ReadableStream<Uint8Array>]> {
  const reader = stream.getReader();
  const seen: Uint8Array[] = [];
  let have = 0;
  let ended = false;
  while (have < n) {
    const { done, value } = await reader.read();
    if (done) { ended = true; break; }
    seen.push(value);
    have += value.byteLength;
  }
  const head = new Uint8Array(Math.min(n, have));
  let off = 0;
  for (const c of seen) {
    if (off >= head.length) break;
    const take = c.subarray(0, head.length - off);
    head.set(take, off);
    off += take.length;
  }
  const rest = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of seen) c.enqueue(chunk);
      if (ended) c.close();
    },
    async pull(c) {
      const { done, value } = await reader.read();
      if (done) c.close();
      else c.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return [head, rest];
}

const bytesOf = (bytes: number, total: number) => (total ? `${formatBytes(bytes)} / ${formatBytes(total)}` : formatBytes(bytes));

function doneNote(r: FetchTextResult): string {
  const took = formatMs(r.ms);
  return r.gzip
    ? `${formatBytes(r.bytes)}를 받아 ${formatBytes(r.textBytes)}로 풀었습니다 (${took})`
    : `${formatBytes(r.bytes)}를 받았습니다 (${took})`;
}
