// The page's side of the explorer's engine worker: starts it on the first request (so /explorer loads no tfjs and
// no model until the reader asks for something), numbers requests, routes progress, and turns answers into promises.
import type { Answer, AnswerTo, FromWorker, Progress, Request, ToWorker } from "./protocol";

/** A request the worker refused or could not finish; `aborted` when the page cancelled it (Stop). */
export class EngineError extends Error {
  constructor(message: string, readonly aborted = false) {
    super(message);
  }
}

type AnswerOf<T extends Request["type"]> = Extract<Answer, { type: AnswerTo[T] }>;

interface Pending { resolve(a: Answer): void; reject(e: EngineError): void; onProgress?(p: Progress): void }

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  /** Whether the worker has been started (tfjs is downloaded only then). */
  get started(): boolean {
    return this.worker !== null;
  }

  /** Sends a request; `id` can be given to cancel() while `done` is pending. */
  request<T extends Request["type"]>(request: Extract<Request, { type: T }>, onProgress?: (p: Progress) => void): { id: number; done: Promise<AnswerOf<T>> } {
    const id = this.nextId++;
    const done = new Promise<AnswerOf<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (a: Answer) => void, reject, onProgress });
    });
    this.start().postMessage({ id, request } satisfies ToWorker);
    return { id, done };
  }

  cancel(of: number): void {
    if (this.pending.has(of)) void this.request({ type: "cancel", of }).done.catch(() => {});
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll("엔진을 닫았습니다.");
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "bert-lab-explorer" });
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data, p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === "progress") { p.onProgress?.(m.progress); return; }
      this.pending.delete(m.id);
      if (m.kind === "done") p.resolve(m.answer);
      else p.reject(new EngineError(m.message, m.aborted));
    };
    // The worker's script failed to load or threw outside a request: nothing pending will be answered.
    w.onerror = (ev) => {
      ev.preventDefault();
      this.worker = null;
      w.terminate();
      this.failAll(`계산용 워커가 멈췄습니다: ${ev.message || "알 수 없는 오류"}`);
    };
    this.worker = w;
    return w;
  }

  private failAll(message: string) {
    for (const p of this.pending.values()) p.reject(new EngineError(message));
    this.pending.clear();
  }
}
