// A backend that breaks in the middle of a run: a WebGL shader that does not compile, a lost GPU device or
// context, an allocation that fails. tfjs surfaces these as raw errors ("Couldn't parse line number in error:
// #version 300 es …" carries a whole GLSL program). Recognising them lets a page say what happened in a line,
// keep the shader source out of the way, and move the work to WASM.

export type FailureKind = "shader" | "device-lost" | "out-of-memory";

export interface BackendFailure {
  kind: FailureKind;
  /** The error's first line, cut before any shader source. */
  summary: string;
  /** Everything else (the shader source, the driver's log), for a "details" toggle. */
  details: string;
}

const SHADER = /Couldn't parse line number in error|Failed to compile (fragment|vertex) shader|#version 300 es|WGSL|ShaderModule|compilation (failed|error)|Failed to link/i;
const LOST = /device (was )?lost|context (was )?lost|CONTEXT_LOST|GPUDevice.*(destroyed|lost)|webglcontextlost/i;
const OOM = /out of memory|failed to allocate|allocation failed|exceeds the max(imum)? (buffer|texture)|Requested texture size|maxBufferSize|maxStorageBufferBindingSize/i;
const OOM_WORD = /\bOOM\b/;   // case-sensitive and whole: not "room" or "zoom"

/** What kind of backend failure `e` is, or null for an ordinary error (a bug in the reader's code, say). */
export function backendFailure(e: unknown): BackendFailure | null {
  const text = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  if (!text) return null;
  const kind: FailureKind | null = SHADER.test(text) ? "shader" : LOST.test(text) ? "device-lost" : OOM.test(text) || OOM_WORD.test(text) ? "out-of-memory" : null;
  if (!kind) return null;
  // The summary stops where source code starts (a "#version" line, or the first line break).
  const cut = text.search(/#version|\n/);
  const summary = (cut > 0 ? text.slice(0, cut) : cut === 0 ? "" : text).trim().replace(/[:\s]+$/, "");
  return { kind, summary: summary || text.split("\n")[0].slice(0, 120), details: text };
}

export const isBackendFailure = (e: unknown): boolean => backendFailure(e) !== null;
