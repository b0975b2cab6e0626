// The shipped classifier, loaded into the engine worker for a page that uses it (the explorer, BERT 해부도): the
// "load" request (the worker picks its backend, then fetches the model with progress), the states the page shows
// meanwhile, and their Korean text. No tfjs here: this runs on the page.
import { formatBytes } from "@/lib/format";
import { koreanMessage } from "@/lib/cells/korean";
import type { BackendChoice } from "@/lib/runtime";
import type { EngineClient } from "./client";
import type { LoadProgress } from "./engine";
import type { ModelInfo } from "./protocol";

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export type EngineState =
  | { state: "idle" }                                   // nothing loaded yet: the worker starts on the first request
  | { state: "loading"; backend: BackendChoice | null; progress: LoadProgress | null }
  | { state: "ready"; backend: BackendChoice }
  | { state: "error"; message: string; backend: BackendChoice | null };

export function loadText(p: LoadProgress | null): string {
  if (!p) return "백엔드를 고르는 중…";
  const now = p.file ? ` · ${p.file}${p.fileTotal ? ` ${Math.round((100 * p.fileBytes) / p.fileTotal)}%` : ""}` : "";
  return `모델 파일 ${p.filesDone}개 받음 (${formatBytes(p.bytes, 1)})${now}`;
}

/** Loads the shipped classifier in `client`'s worker, reporting each state to `set`; a failure is reported, then thrown. */
export function loadShipped(client: EngineClient, set: (s: EngineState) => void): Promise<ModelInfo> {
  let backend: BackendChoice | null = null;
  set({ state: "loading", backend: null, progress: null });
  return client
    .request(
      { type: "load", modelUrl: `${basePath}/models/classifier/`, wasmPaths: new URL(`${basePath}/tfjs-wasm/`, window.location.origin).href },
      (p) => {
        if (p.type === "backend") backend = p.backend;
        set({ state: "loading", backend, progress: p.type === "load" ? p.progress : null });
      },
    )
    .done.then(
      (a) => {
        set({ state: "ready", backend: backend! });
        return a.info;
      },
      (e: unknown) => {
        set({ state: "error", message: koreanMessage(e), backend });
        throw e;
      },
    );
}
