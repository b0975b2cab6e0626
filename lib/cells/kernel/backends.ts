// The kernel's backend: lib/runtime chooses (one path, with timeouts and the software-GPU check); this file
// only puts the reasons into Korean and remembers the note the first cell shows.
import * as tf from "@tensorflow/tfjs";
import { BACKENDS, chooseBackend, isBackendName, NoBackendError, softwareRendererIn, wasmDetails, type BackendAttempt, type BackendName, type SkipCode } from "@/lib/runtime";
import type { TriedBackend } from "../protocol";

// Names with the Korean particles they take ("WebGPU를 … WebGL로").
const SPOKEN: Record<string, { name: string; obj: string; by: string }> = {
  webgpu: { name: "WebGPU", obj: "WebGPU를", by: "WebGPU로" },
  webgl: { name: "WebGL", obj: "WebGL을", by: "WebGL로" },
  wasm: { name: "WASM", obj: "WASM을", by: "WASM으로" },
  cpu: { name: "CPU", obj: "CPU를", by: "CPU로" },
};
export const spoken = (b: string) => SPOKEN[b] ?? { name: b, obj: `${b}을(를)`, by: `${b}(으)로` };

/** The reader-facing reason for one skipped backend. */
export function koreanReason(a: Pick<BackendAttempt, "name" | "code" | "error" | "renderer">): string {
  const what: Record<SkipCode, string> = {
    unavailable:
      a.name === "webgpu" ? "navigator.gpu가 없습니다 (이 브라우저는 WebGPU를 지원하지 않거나 꺼 두었습니다)"
      : a.name === "webgl" ? "WebGL을 그릴 캔버스가 없습니다"
      : "이 브라우저에서 WebAssembly를 쓸 수 없습니다",
    "no-adapter": "navigator.gpu.requestAdapter()가 어댑터를 주지 않았습니다 (쓸 수 있는 GPU가 없거나 WebGPU가 꺼져 있습니다)",
    timeout: `${a.name === "webgpu" || a.name === "webgl" ? "GPU가 제때 답하지 않았습니다" : "제때 준비되지 않았습니다"} (${a.error ?? "시간 초과"})`,
    software: `GPU가 아니라 CPU로 흉내 내는 소프트웨어 렌더러(${softwareRendererIn(a.renderer ?? "") ?? a.renderer ?? "SwiftShader"})라서 WASM보다 느립니다`,
    "init-failed": `초기화하지 못했습니다 (${a.error ?? ""})`,
    "wrong-result": `시험 계산의 답이 틀렸습니다 (${a.error ?? ""})`,
    error: a.error ?? "알 수 없는 오류",
  };
  return what[a.code ?? "error"];
}

const translate = (t: BackendAttempt): TriedBackend => ({ name: t.name, ok: t.ok, code: t.code, renderer: t.renderer, reason: t.ok ? undefined : koreanReason(t) });

/** "WebGPU, WebGL을 쓸 수 없어 WASM으로 실행합니다: <reasons>", or null when the first choice worked. */
export function fallbackText(tried: TriedBackend[], chosen: string): string | null {
  // A software GPU skipped first and then chosen (nothing faster worked) is not "unusable".
  const failed = tried.filter((t) => !t.ok && t.name !== chosen);
  if (!failed.length) return null;
  const names = failed.map((f) => spoken(f.name).name);
  const obj = [...names.slice(0, -1), spoken(failed[failed.length - 1].name).obj].join(", ");
  const software = failed.filter((f) => f.code === "software");
  const why =
    software.length === failed.length && failed.length > 1
      ? // The same reason twice (both are SwiftShader): say it once.
        `둘 다 GPU가 아니라 CPU로 흉내 내는 소프트웨어 렌더러(${[...new Set(software.map((f) => softwareRendererIn(f.renderer ?? "") ?? f.renderer))].join(", ")})라서 WASM보다 느립니다`
      : failed.length === 1 ? failed[0].reason : failed.map((f, i) => `${names[i]}: ${f.reason}`).join("; ");
  const byHand = software.length ? ". 커널 막대의 백엔드 상자에서 직접 고르면 쓸 수는 있습니다" : "";
  return `${obj} 쓸 수 없어 ${spoken(chosen).by} 실행합니다: ${why}${byHand}`;
}

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
    pendingNote = `쓸 수 있는 백엔드가 없습니다: ${e instanceof Error ? e.message : String(e)}`;
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
    throw new Error(`'${name}' 백엔드를 쓸 수 없습니다: ${a ? koreanReason(a) : e instanceof Error ? e.message : String(e)}`);
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
