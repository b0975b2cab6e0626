/// <reference lib="webworker" />
// The notebook kernel: one Web Worker per chapter. It owns tfjs (and its GPU context), evaluates
// cells one at a time in arrival order, and posts their output to the page as it is produced.
//
// Reader code sees these globals: tf, engine, show, setBackend, sleep, console (captured).
// Everything a cell declares at top level becomes a global too (see transform.ts).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as engine from "@/lib";
import { compileCell, cellFramesInStack } from "./transform";
import { formatArgs, formatTensorValues, formatValue, isTensor } from "./format";
import {
  BACKENDS, type BackendName, type ChartSpec, type FromKernel, type LinePoint, type OutputItem, type ProgressItem, type ToKernel,
  type UploadItem,
} from "./protocol";
import { attentionItem, type ShowAttentionOptions } from "./attention";

declare const self: DedicatedWorkerGlobalScope;

// Captured now: reader code may overwrite any global, including these.
const post = self.postMessage.bind(self) as (m: FromKernel) => void;
const realConsole = { ...console };
const now = () => performance.now();
const G = self as unknown as Record<string, unknown>;

let nextOutputId = 1;
/** The run whose output console.log & co. belong to: the running cell, else the last one. */
let currentRun = 0;
/** runId → cellId, so a stack frame of an earlier cell's function can be named. */
const runCells = new Map<number, string>();

function emit(item: OutputItem, runId = currentRun): void {
  post({ type: "out", runId, item });
}

// ---------------------------------------------------------------------------------------------
// Errors

function errorItem(e: unknown): OutputItem {
  const err = e instanceof Error ? e : null;
  const frames = cellFramesInStack(err?.stack ?? "");
  const frame = frames.find((f) => runCells.has(f.runId));
  let message = err ? err.message : formatValue(e);
  if (err?.name === "ReferenceError" && / is not defined$/.test(message)) {
    message += " — 이 이름을 만드는 앞의 셀을 먼저 실행했나요?";
  }
  return {
    kind: "error",
    id: nextOutputId++,
    name: err?.name ?? "Error",
    message,
    where: frame ? { cellId: runCells.get(frame.runId)!, line: frame.line, column: frame.column } : undefined,
  };
}

self.addEventListener("error", (ev) => {
  ev.preventDefault();
  emit(errorItem(ev.error ?? new Error(ev.message)));
});
self.addEventListener("unhandledrejection", (ev) => {
  ev.preventDefault();
  emit(errorItem(ev.reason));
});

// ---------------------------------------------------------------------------------------------
// console → cell output

const SILENCED = [/performance of synchronously reading data from GPU/];
function capture(level: "log" | "info" | "warn" | "error") {
  return (...args: unknown[]) => {
    const text = formatArgs(args);
    if (SILENCED.some((re) => re.test(text))) return;
    if (!currentRun) {
      post({ type: "log", level: level === "log" ? "info" : level, text });
      return;
    }
    // A lone tensor prints its values, like tf's own print().
    if (args.length === 1 && isTensor(args[0])) {
      void show.tensor(args[0] as tf.Tensor);
      return;
    }
    emit({ kind: "text", id: nextOutputId++, text, stream: level });
  };
}
console.log = capture("log");
console.debug = capture("log");
console.info = capture("info");
console.warn = capture("warn");
console.error = capture("error");

// ---------------------------------------------------------------------------------------------
// show: the output API

/** Posts a placeholder now (so output keeps its order) and fills it in when `make` resolves. */
function deferred(label: string, make: (id: number) => Promise<OutputItem>): Promise<void> {
  const id = nextOutputId++;
  const runId = currentRun;
  emit({ kind: "pending", id, label }, runId);
  return make(id).then(
    (item) => post({ type: "replace", runId, item }),
    (e) => post({ type: "replace", runId, item: { ...errorItem(e), id } }),
  );
}

const NO_DISPLAY = Symbol("bertlab.noDisplay");

class LineChart {
  readonly [NO_DISPLAY] = true;
  private buffer: LinePoint[] = [];
  private lastFlush = now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly runId: number,
    readonly id: number,
  ) {
    openCharts.add(this);
  }
  /** Adds one point ({step: 1, loss: 0.5}) or several. Values may be numbers or scalar tensors. */
  append(p: Record<string, number | tf.Tensor> | Record<string, number | tf.Tensor>[]): void {
    const points = Array.isArray(p) ? p : [p];
    const hasTensor = points.some((pt) => Object.values(pt).some(isTensor));
    if (!hasTensor) return this.push(points as LinePoint[]);
    this.chain = this.chain.then(async () => {
      const resolved: LinePoint[] = [];
      for (const pt of points) {
        const o: LinePoint = {};
        for (const [k, v] of Object.entries(pt)) o[k] = isTensor(v) ? (await (v as tf.Tensor).data())[0] : Number(v);
        resolved.push(o);
      }
      this.push(resolved);
    });
  }
  private push(points: LinePoint[]): void {
    this.buffer.push(...points);
    // Post at most every 50 ms; also from a synchronous loop, where timers never get to run.
    if (now() - this.lastFlush > 50) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), 50);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = now();
    if (!this.buffer.length) return;
    post({ type: "append", runId: this.runId, id: this.id, points: this.buffer });
    this.buffer = [];
  }
  /** Waits for appended tensor values to be read, then posts everything. */
  async done(): Promise<void> {
    await this.chain;
    this.flush();
  }
}
const openCharts = new Set<LineChart>();

/** The running cell's stop signal: aborted by an "interrupt" message (the reader pressed Stop). */
let runAbort = new AbortController();

type ProgressUpdate = Partial<Omit<ProgressItem, "kind" | "id" | "status">>;

/** show.progress(): a panel updated in place (at most every 100 ms) with a cooperative stop signal. */
class Progress {
  readonly [NO_DISPLAY] = true;
  /** Aborted when the reader presses Stop: pass it to engine.finetune({ signal }). */
  readonly signal: AbortSignal;
  private item: ProgressItem;
  private lastPost = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly runId: number,
    id: number,
    init: ProgressUpdate,
  ) {
    this.signal = runAbort.signal;
    this.item = { kind: "progress", id, step: 0, total: 0, ...init, status: "running" };
    openProgress.add(this);
    emit(this.item, runId);
    post({ type: "interruptible", runId });
  }
  /** New values ({ step, total, loss, acc, exPerSec, eta, backend, memory, note }); numbers only. */
  update(p: ProgressUpdate): void {
    Object.assign(this.item, p);
    if (this.item.status === "running" && this.signal.aborted) this.item.status = "stopping";
    if (now() - this.lastPost > 100) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), 100);
  }
  /** Marks the end: "중지됨" if the reader stopped it, else "완료". */
  done(p: ProgressUpdate = {}): void {
    this.finish(this.signal.aborted ? "stopped" : "done", p);
  }
  /** Marks a failure (the note says why). */
  fail(note: string): void {
    this.finish("error", { note });
  }
  finish(status: ProgressItem["status"], p: ProgressUpdate = {}): void {
    Object.assign(this.item, p, { status });
    this.flush();
    openProgress.delete(this);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastPost = now();
    post({ type: "replace", runId: this.runId, item: { ...this.item } });
  }
}
const openProgress = new Set<Progress>();

/** Files the page is asked for (show.upload), by output id. */
const uploads = new Map<number, { runId: number; item: UploadItem; resolve: (f: { name: string; bytes: Uint8Array } | null) => void }>();

function toBytes(data: Uint8Array | ArrayBuffer | ArrayBufferView | string): Uint8Array {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error("show.download: 바이트(Uint8Array/ArrayBuffer)나 문자열을 주세요");
}

function toRows(rows: unknown, columns?: string[]): { columns: string[]; rows: string[][]; omitted: number } {
  const MAX_ROWS = 200;
  const list = Array.isArray(rows) ? rows : rows && typeof rows === "object" ? Object.entries(rows) : [rows];
  const shown = list.slice(0, MAX_ROWS);
  const cell = (v: unknown) => formatValue(v);
  if (shown.every((r) => Array.isArray(r))) {
    const width = Math.max(0, ...shown.map((r) => (r as unknown[]).length));
    const cols = columns ?? Array.from({ length: width }, (_, i) => String(i));
    return { columns: cols, rows: shown.map((r) => cols.map((_, i) => cell((r as unknown[])[i]))), omitted: list.length - shown.length };
  }
  const cols = columns ?? [...new Set(shown.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : ["값"])))];
  return {
    columns: cols,
    rows: shown.map((r) =>
      r && typeof r === "object" ? cols.map((c) => (c in r ? cell((r as Record<string, unknown>)[c]) : "")) : [cell(r)],
    ),
    omitted: list.length - shown.length,
  };
}

const show = {
  /** Prints values as text (like console.log). */
  text(...args: unknown[]): void {
    emit({ kind: "text", id: nextOutputId++, text: formatArgs(args), stream: "log" });
  },
  /** A table from an array of objects ({단어: "가", id: 3}) or of arrays. */
  table(rows: unknown, opts: { columns?: string[] } = {}): void {
    emit({ kind: "table", id: nextOutputId++, ...toRows(rows, opts.columns) });
  },
  /** Shape, dtype and (summarised) values of a tensor. Await it to be sure it is printed. */
  tensor(t: tf.Tensor, label?: string): Promise<void> {
    if (!isTensor(t)) return Promise.resolve(show.text(t));
    return deferred("텐서 읽는 중…", async (id) => {
      const values = await t.data();
      return { kind: "tensor", id, shape: t.shape, dtype: t.dtype, label, text: formatTensorValues({ shape: t.shape, dtype: t.dtype, values }) };
    });
  },
  /** Any chart spec; a line chart returns a handle you can `append` to while it is shown. */
  chart(spec: ChartSpec): LineChart | undefined {
    if (spec.type === "line") return show.lineChart(spec);
    emit({ kind: "chart", id: nextOutputId++, spec });
    return undefined;
  },
  /** A line chart that grows: `const c = show.lineChart({title, x: "step", series: ["loss"]}); c.append({step, loss})`. */
  lineChart(opts: Omit<Extract<ChartSpec, { type: "line" }>, "type"> = {}): LineChart {
    const id = nextOutputId++;
    emit({ kind: "chart", id, spec: { ...opts, type: "line", data: opts.data ?? [] } });
    return new LineChart(currentRun, id);
  },
  barChart(opts: { title?: string; labels: string[]; values: number[]; xLabel?: string; yLabel?: string }): void {
    emit({ kind: "chart", id: nextOutputId++, spec: { ...opts, type: "bar" } });
  },
  /** A heatmap of a matrix (number[][] or a 2-D tensor), e.g. attention weights. */
  heatmap(values: number[][] | tf.Tensor, opts: { title?: string; xLabels?: string[]; yLabels?: string[] } = {}): Promise<void> {
    return deferred("그리는 중…", async (id) => {
      const rows = isTensor(values) ? ((await (values as tf.Tensor).array()) as number[][]) : values;
      return { kind: "chart", id, spec: { ...opts, type: "heatmap", values: rows } };
    });
  },
  /**
   * Word pieces as coloured chips with their ids: an Encoding from tokenizer.encode(), or
   * { tokens, ids } (attentionMask / tokenTypeIds are drawn when present).
   */
  tokens(
    enc: { tokens: string[]; ids: ArrayLike<number>; attentionMask?: ArrayLike<number>; tokenTypeIds?: ArrayLike<number> },
    opts: { title?: string } = {},
  ): void {
    if (!enc || !Array.isArray(enc.tokens) || enc.ids == null || enc.ids.length !== enc.tokens.length) {
      throw new Error("show.tokens: { tokens, ids } 가 필요합니다 (tokenizer.encode(...)의 결과처럼, tokens와 ids의 길이가 같아야 합니다)");
    }
    const list = (a?: ArrayLike<number>) => (a && a.length === enc.tokens.length ? Array.from(a, Number) : undefined);
    emit({
      kind: "tokens",
      id: nextOutputId++,
      title: opts.title,
      tokens: enc.tokens.map(String),
      ids: Array.from(enc.ids, Number),
      attentionMask: list(enc.attentionMask),
      tokenTypeIds: list(enc.tokenTypeIds),
    });
  },
  /**
   * A live progress panel with a Stop button: `const p = show.progress({ title, total })`, then
   * `p.update({ step, loss, acc, exPerSec, eta, backend, memory })` and `p.done()`. `p.signal` is aborted
   * when the reader presses Stop; the cell keeps running, so it can save its work and end cleanly.
   */
  progress(opts: ProgressUpdate = {}): Progress {
    return new Progress(currentRun, nextOutputId++, opts);
  },
  /** A download link for bytes (or text) made in the kernel: `show.download("ckpt.bin", bytes)`. */
  download(name: string, data: Uint8Array | ArrayBuffer | ArrayBufferView | string, opts: { mime?: string; label?: string } = {}): void {
    const bytes = toBytes(data);
    emit({ kind: "download", id: nextOutputId++, name: String(name), mime: opts.mime ?? "application/octet-stream", bytes, label: opts.label });
  },
  /** A file picker; resolves with the file the reader picks ({ name, bytes }), or null if they cancel. */
  upload(opts: { label?: string; accept?: string } = {}): Promise<{ name: string; bytes: Uint8Array } | null> {
    const item: UploadItem = { kind: "upload", id: nextOutputId++, label: opts.label ?? "파일 선택", accept: opts.accept, state: "waiting" };
    const runId = currentRun;
    emit(item, runId);
    return new Promise((resolve) => uploads.set(item.id, { runId, item, resolve }));
  },
  /** Attention maps (head view, matrix, every layer × head): `await show.attention({ tokens, attentions, prediction? })`. */
  attention(opts: ShowAttentionOptions): Promise<void> {
    return deferred("어텐션 그리는 중…", (id) => attentionItem(opts, id));
  },
  /** HTML, shown in a sandboxed frame (no scripts run). */
  html(html: string): void {
    emit({ kind: "html", id: nextOutputId++, html: String(html) });
  },
};

// ---------------------------------------------------------------------------------------------
// Backends

let wasmConfigured = false;
function configureWasm(path: string) {
  if (wasmConfigured) return;
  setWasmPaths(path);
  wasmConfigured = true;
}

const WHY_NOT: Record<string, string> = {
  webgpu: "이 브라우저(또는 워커)에서 WebGPU 어댑터를 얻지 못했습니다",
  webgl: "WebGL2 컨텍스트를 만들지 못했습니다",
  wasm: "WASM 바이너리를 불러오지 못했습니다",
  cpu: "CPU 백엔드를 만들지 못했습니다",
};

/** Tries one backend; on failure says why (tfjs only logs the reason, so we catch it). */
async function trySetBackend(name: string): Promise<{ ok: boolean; reason?: string }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(formatArgs(a));
  try {
    if (name === "webgpu") {
      // Say it plainly; tfjs would fail later with "Cannot read properties of null (reading 'features')".
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) return { ok: false, reason: "navigator.gpu가 없습니다 (이 브라우저는 WebGPU를 지원하지 않거나 꺼 두었습니다)" };
      if (!(await gpu.requestAdapter().catch(() => null))) {
        return { ok: false, reason: "navigator.gpu.requestAdapter()가 어댑터를 주지 않았습니다 (쓸 수 있는 GPU가 없거나 WebGPU가 꺼져 있습니다)" };
      }
    }
    if (!tf.findBackendFactory(name)) return { ok: false, reason: WHY_NOT[name] ?? `'${name}' 백엔드가 등록되어 있지 않습니다` };
    const ok = await tf.setBackend(name);
    return ok ? { ok } : { ok, reason: `${WHY_NOT[name] ?? "초기화 실패"}${warnings.length ? ` (${warnings.map((w) => w.split("\n")[0]).join("; ").slice(0, 300)})` : ""}` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    console.warn = warn;
  }
}

async function setBackend(name: BackendName): Promise<string> {
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw new Error(`알 수 없는 백엔드 '${name}'. 쓸 수 있는 이름: ${BACKENDS.join(", ")}`);
  }
  const r = await trySetBackend(name);
  if (!r.ok) throw new Error(`'${name}' 백엔드를 쓸 수 없습니다: ${r.reason}`);
  post({ type: "backend", backend: tf.getBackend() });
  return tf.getBackend();
}

// Names with the Korean particles they take ("WebGPU를 … WebGL로").
const SPOKEN: Record<string, { name: string; obj: string; by: string }> = {
  webgpu: { name: "WebGPU", obj: "WebGPU를", by: "WebGPU로" },
  webgl: { name: "WebGL", obj: "WebGL을", by: "WebGL로" },
  wasm: { name: "WASM", obj: "WASM을", by: "WASM으로" },
  cpu: { name: "CPU", obj: "CPU를", by: "CPU로" },
};

/** Said once, in the output of the first cell that runs, when the kernel fell back from its first choice. */
let fallbackNote: string | null = null;

/** "WebGPU를 쓸 수 없어 WebGL로 실행합니다: <reason>", or null when the first choice worked. */
function fallbackText(tried: { name: string; ok: boolean; reason?: string }[], chosen: string): string | null {
  const failed = tried.filter((t) => !t.ok);
  if (!failed.length) return null;
  const names = failed.map((f) => SPOKEN[f.name]?.name ?? f.name);
  const last = failed[failed.length - 1];
  const obj = [...names.slice(0, -1), SPOKEN[last.name]?.obj ?? `${last.name}을(를)`].join(", ");
  const by = SPOKEN[chosen]?.by ?? `${chosen}(으)로`;
  const why = failed.length === 1 ? failed[0].reason : failed.map((f, i) => `${names[i]}: ${f.reason}`).join("; ");
  return `${obj} 쓸 수 없어 ${by} 실행합니다: ${why}`;
}

async function init(msg: Extract<ToKernel, { type: "init" }>) {
  configureWasm(msg.wasmPath);
  const order = msg.preferred ? [msg.preferred, ...BACKENDS.filter((b) => b !== msg.preferred)] : [...BACKENDS];
  const tried: { name: string; ok: boolean; reason?: string }[] = [];
  for (const name of order) {
    const r = await trySetBackend(name);
    tried.push({ name, ...r });
    if (r.ok) break;
  }
  fallbackNote = fallbackText(tried, tf.getBackend() ?? "none");
  post({ type: "ready", backend: tf.getBackend() ?? "none", tried });
}

// ---------------------------------------------------------------------------------------------
// Running cells

const MODULES: Record<string, unknown> = { "@tensorflow/tfjs": tf, "@/lib": engine, "bert-lab": engine };
const kernelApi = {
  g: G,
  require(name: string) {
    if (!(name in MODULES)) throw new Error(`모듈 '${name}'은(는) 셀에서 쓸 수 없습니다`);
    return MODULES[name];
  },
};

Object.assign(G, {
  tf,
  engine,
  show,
  setBackend,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
});

/** Makes `name` a writable own property of the global object, so an assignment defines it. */
function defineGlobal(name: string) {
  const d = Object.getOwnPropertyDescriptor(G, name);
  if (d && "value" in d && d.writable) return;
  if (d && !d.configurable) throw new Error(`'${name}'은(는) 바꿀 수 없는 전역 이름이라 변수 이름으로 쓸 수 없습니다`);
  Object.defineProperty(G, name, { value: d && "value" in d ? d.value : undefined, writable: true, configurable: true, enumerable: true });
}

async function run(msg: Extract<ToKernel, { type: "run" }>) {
  const { runId, cellId, source } = msg;
  currentRun = runId;
  runAbort = new AbortController();
  runCells.set(runId, cellId);
  post({ type: "start", runId });
  if (fallbackNote) {
    emit({ kind: "text", id: nextOutputId++, text: fallbackNote, stream: "warn" });
    fallbackNote = null;
  }
  const t0 = now();
  let ok = true;
  try {
    const compiled = compileCell(source, runId);
    if (!compiled.ok) {
      ok = false;
      const e = compiled.error;
      emit({ kind: "error", id: nextOutputId++, name: "SyntaxError", message: e.message, syntax: true, where: { cellId, line: e.line, column: e.column } });
      return;
    }
    const { code, declared, returnsLast } = compiled.cell;
    for (const n of declared) defineGlobal(n);
    post({ type: "declare", runId, names: declared });
    let fn: (k: typeof kernelApi) => Promise<unknown>;
    try {
      fn = (0, eval)(code);
    } catch (e) {
      // Something our parser accepted but the engine did not: no reliable line.
      ok = false;
      emit({ kind: "error", id: nextOutputId++, name: "SyntaxError", message: (e as Error).message, syntax: true });
      return;
    }
    const value = await fn(kernelApi);
    if (returnsLast && value !== undefined && !(typeof value === "object" && value !== null && NO_DISPLAY in value)) {
      if (isTensor(value)) await show.tensor(value as tf.Tensor);
      else emit({ kind: "text", id: nextOutputId++, text: formatValue(value), stream: "result" });
    }
  } catch (e) {
    ok = false;
    emit(errorItem(e));
  } finally {
    for (const c of openCharts) {
      await c.done().catch(() => undefined);
      openCharts.delete(c);
    }
    // Panels the cell left open: say how they ended.
    for (const p of openProgress) p.finish(runAbort.signal.aborted ? "stopped" : ok ? "done" : "error");
    post({ type: "done", runId, ok, ms: now() - t0, backend: tf.getBackend() ?? "none" });
  }
}

// One message at a time: a cell that awaits must not let the next one start.
let queue: Promise<void> = Promise.resolve();
self.addEventListener("message", (ev: MessageEvent<ToKernel>) => {
  const msg = ev.data;
  // These two act on the running cell, so they must not wait behind it in the queue.
  if (msg.type === "interrupt") {
    if (msg.runId === currentRun && !runAbort.signal.aborted) {
      runAbort.abort();
      for (const p of openProgress) p.update({});
    }
    return;
  }
  if (msg.type === "upload") {
    const u = uploads.get(msg.id);
    if (!u) return;
    uploads.delete(msg.id);
    const got = msg.name !== null && msg.bytes !== null;
    post({ type: "replace", runId: u.runId, item: { ...u.item, state: got ? "received" : "cancelled", fileName: msg.name ?? undefined, size: msg.bytes?.length } });
    u.resolve(got ? { name: msg.name!, bytes: msg.bytes! } : null);
    return;
  }
  queue = queue.then(async () => {
    try {
      if (msg.type === "init") await init(msg);
      else if (msg.type === "run") await run(msg);
      else if (msg.type === "setBackend") {
        const r = await trySetBackend(msg.name);
        if (!r.ok) post({ type: "log", level: "warn", text: `'${msg.name}' 백엔드를 쓸 수 없습니다: ${r.reason}` });
        post({ type: "backend", backend: tf.getBackend() ?? "none" });
      }
    } catch (e) {
      realConsole.error(e);
    }
  });
});
