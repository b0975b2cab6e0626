// show.download (bytes made in the kernel → a link), show.upload (a file picker whose file comes back) and
// show.uploadFolder (a folder picker / drop zone whose File handles come back, unread: a 440 MB model is read by range).
// Under "모두 실행" an upload does not wait for a reader who is not looking: it resolves to null at once and says so.
import type { ConfirmItem, UploadItem } from "../../protocol";
import { emit, newId, replace, run } from "../context";

type Picked = { name: string; bytes: Uint8Array } | null;

function toBytes(data: Uint8Array | ArrayBuffer | ArrayBufferView | string): Uint8Array {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error("show.download: 바이트(Uint8Array/ArrayBuffer)나 문자열을 주세요");
}

/** A download link for bytes (or text): `show.download("ckpt.bin", bytes)`. */
export function download(name: string, data: Uint8Array | ArrayBuffer | ArrayBufferView | string, opts: { mime?: string; label?: string } = {}): void {
  emit({ kind: "download", id: newId(), name: String(name), mime: opts.mime ?? "application/octet-stream", bytes: toBytes(data), label: opts.label });
}

type Answer = { name: string | null; bytes: Uint8Array | null; files?: File[] };

/** Pickers waiting for the page, by output id. */
const waiting = new Map<number, { runId: number; item: UploadItem; resolve: (a: Answer) => void }>();

function ask(item: UploadItem): Promise<Answer | null> {
  if (run.batch) {
    emit({ ...item, state: "skipped" });
    return Promise.resolve(null);
  }
  const runId = run.id;
  emit(item, runId);
  return new Promise((resolve) => waiting.set(item.id, { runId, item, resolve }));
}

/** A file picker; resolves with the file the reader picks ({ name, bytes }), or null if they cancel. */
export async function upload(opts: { label?: string; accept?: string } = {}): Promise<Picked> {
  const a = await ask({ kind: "upload", id: newId(), label: opts.label ?? "파일 선택", accept: opts.accept, state: "waiting" });
  return a && a.name !== null && a.bytes !== null ? { name: a.name, bytes: a.bytes } : null;
}

/** A folder picker with a drop zone; resolves with the files (File handles, not yet read), or null if cancelled. */
export async function uploadFolder(opts: { label?: string } = {}): Promise<File[] | null> {
  const a = await ask({ kind: "upload", id: newId(), label: opts.label ?? "폴더 선택", folder: true, state: "waiting" });
  return a?.files?.length ? a.files : null;
}

/** The page's answer to a picker (null name/bytes and no files: cancelled). */
export function receiveUpload(id: number, name: string | null, bytes: Uint8Array | null, files?: File[]): void {
  const u = waiting.get(id);
  if (!u) return;
  waiting.delete(id);
  if (files?.length) {
    replace({ ...u.item, state: "received", count: files.length, size: files.reduce((n, f) => n + f.size, 0) }, u.runId);
  } else {
    const got = name !== null && bytes !== null;
    replace({ ...u.item, state: got ? "received" : "cancelled", fileName: name ?? undefined, size: bytes?.length }, u.runId);
  }
  u.resolve({ name, bytes, files });
}

const confirming = new Map<number, { runId: number; item: ConfirmItem; resolve: (yes: boolean) => void }>();

/**
 * Two buttons and a question; resolves true for `yes`. Under 모두 실행 it does not wait: false at once, said so.
 * For anything that should happen only when the reader asks (a download that leaves the site).
 */
export function confirm(message: string, opts: { yes?: string; no?: string } = {}): Promise<boolean> {
  const item: ConfirmItem = { kind: "confirm", id: newId(), message: String(message), yes: opts.yes ?? "예", no: opts.no ?? "아니요", state: "waiting" };
  if (run.batch) {
    emit({ ...item, state: "skipped" });
    return Promise.resolve(false);
  }
  const runId = run.id;
  emit(item, runId);
  return new Promise((resolve) => confirming.set(item.id, { runId, item, resolve }));
}

export function receiveConfirm(id: number, yes: boolean): void {
  const c = confirming.get(id);
  if (!c) return;
  confirming.delete(id);
  replace({ ...c.item, state: yes ? "yes" : "no" }, c.runId);
  c.resolve(yes);
}
