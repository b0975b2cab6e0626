// The kernel's backend: lib/runtime chooses (one path, with timeouts and the software-GPU check); this file
// only puts the reasons into Korean and remembers the note the first cell shows.
import * as tf from "@tensorflow/tfjs";
import { BACKENDS, chooseBackend, isBackendName, NoBackendError, wasmDetails, type BackendAttempt, type BackendName } from "@/lib/runtime";
import type { TriedBackend } from "../protocol";
import { fallbackText, koreanMessage, koreanReason, spoken } from "../korean";

// The Korean words for backends and their reasons live in ../korean.ts (tf-free: the explorer uses them too).
export { fallbackText, koreanReason, spoken };

const translate = (t: BackendAttempt): TriedBackend => ({ name: t.name, ok: t.ok, code: t.code, renderer: t.renderer, reason: t.ok ? undefined : koreanReason(t) });

let wasmPaths = "";
/** Said once, in the output of the first cell that runs, when the kernel fell back from its first choice. */
let pendingNote: string | null = null;
export function takeFallbackNote(): string | null {
  const n = pendingNote;
  pendingNote = null;
  return n;
}

/** The automatic choice at start (or the reader's preferred backend first). */
export async function initBackend(o: { wasmPath: string; preferred?: BackendName; timeoutMs?: number }): Promise<{ backend: string; tried: TriedBackend[] }> {
  wasmPaths = o.wasmPath;
  const order = o.preferred ? [o.preferred, ...BACKENDS.filter((b) => b !== o.preferred)] : [...BACKENDS];
  try {
    // Software GPUs are skipped here, the preferred one too; setBackend(name) takes them when named.
    const c = await chooseBackend({ order, wasmPaths, timeoutMs: o.timeoutMs });
    const tried = c.tried.map(translate);
    pendingNote = fallbackText(tried, c.backend);
    return { backend: c.backend, tried };
  } catch (e) {
    const why = e instanceof NoBackendError ? e.tried.map((t) => `${spoken(t.name).name}: ${koreanReason(t)}`).join("; ") : koreanMessage(e);
    pendingNote = `쓸 수 있는 백엔드가 없습니다: ${why}`;
    return { backend: tf.getBackend() ?? "none", tried: [] };
  }
}

/** setBackend(name) in a cell or from the kernel bar: exactly that backend, software GPUs allowed. */
export async function switchBackend(name: string, timeoutMs?: number): Promise<string> {
  if (!isBackendName(name)) throw new Error(`알 수 없는 백엔드 '${name}'. 쓸 수 있는 이름: ${BACKENDS.join(", ")}`);
  const before = tf.getBackend();
  if (before === name) return name;
  try {
    await chooseBackend({ force: name, wasmPaths, timeoutMs });
  } catch (e) {
    const a = e instanceof NoBackendError ? e.tried[0] : undefined;
    if (before && tf.getBackend() !== before) await tf.setBackend(before).catch(() => false);   // stay where we were
    throw new Error(`'${name}' 백엔드를 쓸 수 없습니다: ${a ? koreanReason(a) : koreanMessage(e)}`);
  }
  return tf.getBackend();
}

/**
 * What the kernel bar says next to the backend: for WASM its build and threads ("WASM · SIMD · 스레드 4개") and,
 * when it runs one thread on a machine with more cores, why. Undefined for the other backends.
 */
export async function backendDetail(backend: string): Promise<{ detail: string; detailWhy?: string } | undefined> {
  if (backend !== "wasm") return undefined;
  const d = await wasmDetails();
  if (!d) return undefined;
  const detail = `WASM${d.simd ? " · SIMD" : ""} · 스레드 ${d.threads}개`;
  if (d.threads > 1 || d.cores === 1) return { detail };
  const why = d.isolated === false
    ? "이 페이지가 교차 출처 격리(COOP/COEP 헤더)가 아니라서 SharedArrayBuffer를 쓸 수 없습니다"
    : !d.sharedMemory ? "이 브라우저에 SharedArrayBuffer가 없습니다" : "tfjs-wasm이 단일 스레드 빌드를 골랐습니다";
  return { detail, detailWhy: `${why}${d.cores ? `. 이 기기의 코어 ${d.cores}개 가운데 하나만 씁니다.` : "."}` };
}
