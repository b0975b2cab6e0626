// Storage quota for checkpoints: how big a checkpoint is, and the error a reader sees when it does not fit.
// A browser gives each site a quota (navigator.storage.estimate()); a BERT checkpoint (weights + two Adam
// moments, float32) is tens of MB, so a few old ones fill it.
import type { ModelFiles } from "../model";

/** Bytes of a set of files: byte arrays as they are, strings as UTF-8. */
export function checkpointBytes(files: ModelFiles): number {
  const enc = new TextEncoder();
  let n = 0;
  for (const v of files.values()) n += typeof v === "string" ? enc.encode(v).length : v.byteLength;
  return n;
}

/** What the trainer state inside a checkpoint says about its progress (undefined fields if it has none). */
export function checkpointProgress(files: ModelFiles | Record<string, Uint8Array | string>): { step?: number; totalSteps?: number } {
  const text = files instanceof Map ? files.get("trainer_state.json") : files["trainer_state.json"];
  if (typeof text !== "string") return {};
  try {
    const s = JSON.parse(text) as { step?: unknown; totalSteps?: unknown };
    return {
      step: typeof s.step === "number" ? s.step : undefined,
      totalSteps: typeof s.totalSteps === "number" ? s.totalSteps : undefined,
    };
  } catch {
    return {};
  }
}

/** Room to leave beside the checkpoint itself: estimates are approximate and records carry overhead. */
export function quotaMargin(bytes: number): number {
  return Math.ceil(bytes * 0.1) + 2 ** 20;
}

/** A browser's "no room": DOMException QuotaExceededError (code 22), or old Firefox's own name. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22;
}

/** What one stored checkpoint is: enough for "a checkpoint exists at step N, saved at ..." without its weights. */
export interface CheckpointStat {
  key: string;
  savedAt: number;        // Date.now() when it was saved
  bytes: number;          // sum of its files' sizes
  step?: number;          // from trainer_state.json, when the checkpoint has one
  totalSteps?: number;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export interface CheckpointQuotaInfo {
  key: string;
  bytes: number;          // size of the checkpoint that did not fit
  free?: number;          // quota - usage, when the browser says
  quota?: number;
  stored?: CheckpointStat[];  // what is taking the space (this adapter's checkpoints)
  when: "precheck" | "write"; // refused before writing (estimate) or by the browser while writing
  cause?: unknown;        // the browser's error, for "write"
}

/** Thrown by a storage adapter's save when the checkpoint does not fit; the message says what to do (Korean, for readers). */
export class CheckpointQuotaError extends Error {
  readonly key: string;
  readonly bytes: number;
  readonly free?: number;
  readonly quota?: number;
  readonly stored: CheckpointStat[];
  readonly when: "precheck" | "write";

  constructor(info: CheckpointQuotaInfo) {
    const room = info.free !== undefined
      ? `남은 공간은 ${mb(Math.max(0, info.free))}입니다${info.quota !== undefined ? ` (이 사이트에 허락된 ${mb(info.quota)} 중)` : ""}`
      : "남은 공간은 브라우저가 알려 주지 않았습니다";
    const stored = info.stored?.length
      ? ` 지금 저장된 체크포인트: ${info.stored.map((s) => `"${s.key}" ${mb(s.bytes)}${s.step !== undefined ? `, 스텝 ${s.step}` : ""}`).join("; ")}.`
      : "";
    super(
      `체크포인트 "${info.key}"를 저장할 공간이 없습니다: 체크포인트는 ${mb(info.bytes)}, ${room}.${stored} ` +
        `할 일: 장의 다운로드 셀로 체크포인트 파일을 내려받아 두고, 필요 없는 체크포인트를 지우세요 ` +
        `(await storage.list()로 목록을 보고 await storage.delete("키")로 지웁니다).`,
      info.cause !== undefined ? { cause: info.cause } : undefined,
    );
    this.name = "CheckpointQuotaError";
    this.key = info.key;
    this.bytes = info.bytes;
    this.free = info.free;
    this.quota = info.quota;
    this.stored = info.stored ?? [];
    this.when = info.when;
  }
}
