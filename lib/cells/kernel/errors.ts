// Errors → output items: the message in the reader's terms, and where in which cell it happened.
import { backendFailure, type BackendFailure } from "@/lib/runtime/failure";
import { isGpuBackend } from "@/lib/runtime/names";
import { cellFramesInStack } from "../transform";
import { formatValue } from "../format";
import { koreanError } from "../korean";
import type { OutputItem } from "../protocol";
import { newId, runCells } from "./context";
import { spoken } from "./backends";

export const FAILURE_TEXT: Record<BackendFailure["kind"], string> = {
  shader: "GPU 셰이더를 컴파일하지 못했습니다 (브라우저의 GPU 드라이버가 이 연산을 처리하지 못함)",
  "device-lost": "GPU 장치(컨텍스트)를 잃었습니다 (드라이버가 재시작했거나 메모리가 모자람)",
  "out-of-memory": "GPU 메모리가 모자랍니다",
};

/** A backend failure in Korean, with what to do; the raw text (shader source) goes to `details`. */
function failureMessage(f: BackendFailure, backend: string): { message: string; details: string } {
  const todo = isGpuBackend(backend)
    ? `커널 막대에서 wasm을 고르거나 setBackend("wasm")을 실행한 뒤 이 셀을 다시 실행하세요.`
    : "커널을 다시 시작한 뒤 이 셀을 다시 실행하세요.";
  const what = isGpuBackend(backend) ? FAILURE_TEXT[f.kind] : f.kind === "out-of-memory" ? "메모리가 모자랍니다" : FAILURE_TEXT[f.kind];
  return { message: `${spoken(backend).name} 백엔드가 실패했습니다: ${what}. ${todo}`, details: f.details };
}

export function errorItem(e: unknown, backend: string): Extract<OutputItem, { kind: "error" }> {
  const err = e instanceof Error ? e : null;
  const frames = cellFramesInStack(err?.stack ?? "");
  const frame = frames.find((f) => runCells.has(f.runId));
  const where = frame ? { cellId: runCells.get(frame.runId)!, line: frame.line, column: frame.column } : undefined;
  const failure = backendFailure(e);
  if (failure) {
    return { kind: "error", id: newId(), name: "BackendError", ...failureMessage(failure, backend), backendFailure: failure.kind, where };
  }
  // Korean for the reader; the English original goes under the details toggle.
  const ko = koreanError(err ?? formatValue(e));
  return { kind: "error", id: newId(), name: err?.name ?? "Error", message: ko.message, details: ko.original, where };
}

/** A syntax error found before the cell ran (our parser's, or eval's): Korean, with the English under details. */
export function syntaxItem(message: string, where?: { cellId: string; line: number; column: number }): Extract<OutputItem, { kind: "error" }> {
  const ko = koreanError(new SyntaxError(message));
  return { kind: "error", id: newId(), name: "SyntaxError", message: ko.message, details: ko.original, syntax: true, where };
}
