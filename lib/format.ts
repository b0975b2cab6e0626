// Numbers for people: byte sizes and durations, one implementation for the pages, the cell kernel and the CLIs.
// Plain functions, no tfjs, no DOM.

export const KiB = 2 ** 10;
export const MiB = 2 ** 20;
/** 1 GiB = 2^30 bytes (a "4 GB" GPU reports "4.00 GiB total capacity"). */
export const GiB = 2 ** 30;

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/**
 * Bytes in binary units, labelled as such, as PyTorch's out-of-memory messages print them:
 * "512 B", "1.50 KiB", "24.00 MiB", "3.13 GiB". `digits` after the point (not for plain bytes). "-" if not a number.
 */
export function formatBytes(bytes: number, digits = 2): string {
  if (!Number.isFinite(bytes)) return "-";
  let v = bytes, u = 0;
  while (Math.abs(v) >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  // 1023.996 KiB would print as "1024.00 KiB": the next unit up reads better.
  if (u > 0 && u < BYTE_UNITS.length - 1 && Number(v.toFixed(digits)) >= 1024) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(digits)} ${BYTE_UNITS[u]}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Whole seconds split into hours, minutes, seconds (rounded first, so 59.6 s is 1 minute, not "60초"). */
function hms(seconds: number): [number, number, number] {
  const total = Math.round(seconds);
  return [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
}

/**
 * A duration for the pages, in Korean: "5초", "1분 05초", "2시간 03분", from two days on "14일 18시간".
 * "-" if unknown or negative (an ETA not known yet).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "-";
  const [h, m, s] = hms(seconds);
  if (h >= 48) return `${Math.floor(h / 24)}일 ${h % 24}시간`;   // "354시간" is hard to picture
  if (h) return `${h}시간 ${pad2(m)}분`;
  if (m) return `${m}분 ${pad2(s)}초`;
  return `${s}초`;
}

/** How long a cell ran, from milliseconds: "420ms", "3.25초", "12.5초", then as formatDuration ("1분 05초"). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 999.5) return `${Math.round(ms)}ms`;
  if (ms < 9_995) return `${(ms / 1000).toFixed(2)}초`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}초`;
  return formatDuration(ms / 1000);
}

/** A duration for the CLIs' English logs: "42s", "3m05s", "1h02m". "?" if unknown. */
export function formatDurationShort(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const [h, m, s] = hms(seconds);
  if (h) return `${h}h${pad2(m)}m`;
  if (m) return `${m}m${pad2(s)}s`;
  return `${s}s`;
}
