// The page's side of the kernel: starts the worker, queues runs (one at a time), routes the
// worker's messages to the cell that asked, and restarts the worker when a run is stopped.
import { webGpuLimitsSwitch } from "../runtime/webgpu-limits";   // no tfjs: the page side stays light
import type { BackendName, FromKernel, LinePoint, OutputItem, ToKernel, TriedBackend } from "./protocol";

export type KernelStatus = "off" | "starting" | "idle" | "busy";

export interface RunHandlers {
  /** The kernel began running this cell (it may have waited in the queue). */
  onStart?(): void;
  onOutput(item: OutputItem): void;
  /** Replaces an earlier item with the same id (a placeholder that resolved). */
  onReplace(item: OutputItem): void;
  onAppend(id: number, points: LinePoint[]): void;
  onDone(r: { ok: boolean; ms: number; backend: string; stopped?: boolean }): void;
}

export interface KernelState {
  status: KernelStatus;
  backend: string | null;
  /** Why other backends were not chosen at start. */
  tried: TriedBackend[];
  /** Names defined by cells run in this kernel (lost when it restarts). */
  names: string[];
  /** Cell ids run in this kernel, in the order of their first run. */
  cellsRun: string[];
  /** How many times the kernel was restarted. */
  generation: number;
  /** Why the backend picked in the kernel bar could not be used (cleared by the next switch). */
  backendError?: string;
  /** The backend's build and threads for WASM ("WASM · SIMD · 스레드 4개"), and why when it runs one thread. */
  backendDetail?: string;
  backendDetailWhy?: string;
}

interface Run {
  runId: number;
  cellId: string;
  source: string;
  handlers: RunHandlers;
  batch: boolean;
}

export interface StopReport {
  lostNames: string[];
  cellsRun: string[];
}

export interface KernelClientOptions {
  /** URL prefix of the tfjs WASM binaries (ends with "/"). */
  wasmPath: string;
  preferredBackend?: BackendName;
  /** Defaults to the bundled kernel worker. */
  createWorker?: () => Worker;
}

function defaultWorker(): Worker {
  return new Worker(new URL("./kernel.worker.ts", import.meta.url), { type: "module", name: "bert-lab-kernel" });
}

export class KernelClient {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private queue: Run[] = [];
  private current: Run | null = null;
  /** Runs that finished, by id, so late output (timers, chart appends) still reaches its cell. */
  private finished = new Map<number, { cellId: string; handlers: RunHandlers }>();
  /** Page ids issued for each run's items, so they are forgotten with the run. */
  private runItems = new Map<number, number[]>();
  /** Runs holding a stop signal (show.progress), and whether Stop was already asked of them. */
  private interruptible = new Map<number, boolean>();
  private listeners = new Set<(s: KernelState) => void>();
  /**
   * Output ids are the page's: the kernel numbers its items per worker, and restarts from 1 with a new worker,
   * while the page also adds items of its own (stop notes). One counter here keeps every id unique (React keys).
   */
  private nextOutputId = 1;
  /** Kernel item id → page id, per worker generation. */
  private ids = new Map<number, number>();
  /** Page id → kernel id, for answers that go back (an upload). */
  private kernelIds = new Map<number, number>();
  state: KernelState = { status: "off", backend: null, tried: [], names: [], cellsRun: [], generation: 0 };

  constructor(private readonly opts: KernelClientOptions) {}

  subscribe(fn: (s: KernelState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<KernelState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  /** Starts the worker if it is not running. */
  start(): void {
    if (this.worker) return;
    const w = (this.opts.createWorker ?? defaultWorker)();
    w.addEventListener("message", (ev: MessageEvent<FromKernel>) => this.onMessage(ev.data));
    w.addEventListener("error", (ev) => {
      // The worker script itself failed (not a cell: those are caught inside).
      ev.preventDefault();
      const cur = this.current;
      cur?.handlers.onOutput({ kind: "error", id: this.outputId(), name: "KernelError", message: `커널 오류: ${ev.message || "워커를 시작하지 못했습니다"}` });
    });
    this.worker = w;
    this.set({ status: "starting" });
    this.send({ type: "init", wasmPath: this.opts.wasmPath, preferred: this.opts.preferredBackend, webgpuLimits: webGpuLimitsSwitch() });
  }

  private send(m: ToKernel) {
    this.worker?.postMessage(m);
  }

  /** A fresh output id for an item the page adds to a cell's output itself. */
  outputId(): number {
    return this.nextOutputId++;
  }

  /** The page's id for a kernel item id of run `runId` (issued on first sight). */
  private pageId(kernelId: number, runId: number): number {
    let id = this.ids.get(kernelId);
    if (id === undefined) {
      id = this.outputId();
      this.ids.set(kernelId, id);
      this.kernelIds.set(id, kernelId);
      const list = this.runItems.get(runId);
      if (list) list.push(id);
      else this.runItems.set(runId, [id]);
    }
    return id;
  }
  private mapItem(item: OutputItem, runId: number): OutputItem {
    return { ...item, id: this.pageId(item.id, runId) } as OutputItem;
  }
  private forgetRun(runId: number): void {
    this.finished.delete(runId);
    for (const id of this.runItems.get(runId) ?? []) {
      const k = this.kernelIds.get(id);
      this.kernelIds.delete(id);
      if (k !== undefined) this.ids.delete(k);
    }
    this.runItems.delete(runId);
  }

  /** Queues a cell; returns its run id. `batch`: part of 모두 실행 (file pickers do not wait). */
  run(cellId: string, source: string, handlers: RunHandlers, opts: { batch?: boolean } = {}): number {
    this.start();
    const r: Run = { runId: this.nextRunId++, cellId, source, handlers, batch: Boolean(opts.batch) };
    this.queue.push(r);
    this.pump();
    return r.runId;
  }

  /** True while the run is queued or running. */
  isActive(runId: number): boolean {
    return this.current?.runId === runId || this.queue.some((r) => r.runId === runId);
  }

  private pump() {
    if (this.current || !this.queue.length || !this.worker) return;
    this.current = this.queue.shift()!;
    const { runId, cellId, source, batch } = this.current;
    if (!this.state.cellsRun.includes(cellId)) this.set({ cellsRun: [...this.state.cellsRun, cellId] });
    this.set({ status: "busy" });
    this.send({ type: "run", runId, cellId, source, batch });
  }

  private handlersFor(runId: number): RunHandlers | undefined {
    if (this.current?.runId === runId) return this.current.handlers;
    return this.finished.get(runId)?.handlers;
  }

  private onMessage(m: FromKernel) {
    switch (m.type) {
      case "ready":
        this.set({ status: this.current ? "busy" : "idle", backend: m.backend, tried: m.tried, backendDetail: m.detail, backendDetailWhy: m.detailWhy });
        break;
      case "backend":
        this.set({ backend: m.backend, backendError: m.error, backendDetail: m.detail, backendDetailWhy: m.detailWhy });
        break;
      case "log":
        if (m.level === "error") console.warn("[kernel]", m.text);
        else console.info("[kernel]", m.text);
        break;
      case "interruptible":
        this.interruptible.set(m.runId, false);
        break;
      case "start":
        this.handlersFor(m.runId)?.onStart?.();
        break;
      case "declare": {
        const names = [...this.state.names];
        for (const n of m.names) if (!names.includes(n)) names.push(n);
        this.set({ names });
        break;
      }
      case "out":
        this.handlersFor(m.runId)?.onOutput(this.mapItem(m.item, m.runId));
        break;
      case "replace":
        this.handlersFor(m.runId)?.onReplace(this.mapItem(m.item, m.runId));
        break;
      case "append":
        this.handlersFor(m.runId)?.onAppend(this.pageId(m.id, m.runId), m.points);
        break;
      case "done": {
        const cur = this.current;
        if (!cur || cur.runId !== m.runId) break;
        this.current = null;
        this.interruptible.delete(cur.runId);
        this.finished.set(cur.runId, { cellId: cur.cellId, handlers: cur.handlers });
        // Only the latest run of each cell keeps receiving late output; an earlier run's ids are forgotten.
        for (const [id, f] of this.finished) if (id !== cur.runId && f.cellId === cur.cellId) this.forgetRun(id);
        this.set({ status: this.queue.length ? "busy" : "idle", backend: m.backend });
        cur.handlers.onDone({ ok: m.ok, ms: m.ms, backend: m.backend });
        this.pump();
        break;
      }
    }
  }

  /**
   * Asks the running cell to stop by itself (aborts its show.progress signal), keeping the kernel and its
   * variables. False when the run holds no signal or was already asked: then only restart() can stop it.
   */
  interrupt(runId: number): boolean {
    if (this.current?.runId !== runId || this.interruptible.get(runId) !== false) return false;
    this.interruptible.set(runId, true);
    this.send({ type: "interrupt", runId });
    return true;
  }

  /** True when Stop was already asked of this run with interrupt(). */
  isInterrupting(runId: number): boolean {
    return this.interruptible.get(runId) === true;
  }

  /** The current run's id (null when idle). */
  get currentRunId(): number | null {
    return this.current?.runId ?? null;
  }

  /** The reader's answer to a show.confirm item. */
  sendConfirm(id: number, yes: boolean): void {
    const kernelId = this.kernelIds.get(id);
    if (kernelId !== undefined) this.send({ type: "confirm", id: kernelId, yes });
  }

  /** Hands what the reader picked for a show.upload / show.uploadFolder item to the kernel (null: cancelled). */
  sendUpload(id: number, file: { name: string; bytes: Uint8Array } | { files: File[] } | null): void {
    const kernelId = this.kernelIds.get(id);
    if (kernelId === undefined) return;
    if (file && "files" in file) this.send({ type: "upload", id: kernelId, name: null, bytes: null, files: file.files });
    else this.send({ type: "upload", id: kernelId, name: file?.name ?? null, bytes: file?.bytes ?? null });
  }

  /** Takes a queued (not yet running) run out of the queue. */
  cancelQueued(runId: number): boolean {
    const i = this.queue.findIndex((r) => r.runId === runId);
    if (i < 0) return false;
    const [r] = this.queue.splice(i, 1);
    r.handlers.onDone({ ok: false, ms: 0, backend: this.state.backend ?? "", stopped: true });
    return true;
  }

  /**
   * Stops whatever runs by terminating the worker (the only way to end `while (true) {}`), and
   * starts a fresh one. Everything the cells defined is lost; the report says what.
   */
  restart(): StopReport {
    const report: StopReport = { lostNames: this.state.names, cellsRun: this.state.cellsRun };
    const cur = this.current;
    const queued = this.queue;
    const backend = this.state.backend ?? "";   // read before the state below forgets it
    this.worker?.terminate();
    this.worker = null;
    this.current = null;
    this.queue = [];
    this.finished.clear();
    this.interruptible.clear();
    // The new worker numbers its items from 1 again.
    this.ids.clear();
    this.kernelIds.clear();
    this.runItems.clear();
    this.set({ status: "off", names: [], cellsRun: [], backend: null, generation: this.state.generation + 1 });
    cur?.handlers.onDone({ ok: false, ms: 0, backend, stopped: true });
    for (const r of queued) r.handlers.onDone({ ok: false, ms: 0, backend, stopped: true });
    this.start();
    return report;
  }

  /** Switches tfjs to another backend for the following cells. */
  setBackend(name: BackendName): void {
    this.start();
    this.send({ type: "setBackend", name });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }
}
