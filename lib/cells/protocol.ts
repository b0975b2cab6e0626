// Messages between the page (KernelClient) and the kernel worker, and the output items cells
// produce. Renderers on the main thread (components/cells) draw these; the worker never touches the DOM.

import type { BackendName } from "../runtime/names";
import type { TrainStage } from "../train/stages";
import type { Explanation } from "../explain/explain";
export { BACKENDS, type BackendName } from "../runtime/names";

/** One backend the kernel tried at start: `reason` (Korean) says why it was not used. */
export interface TriedBackend { name: string; ok: boolean; code?: string; renderer?: string; reason?: string }

/** One point of a line chart: the x field plus one number per series, e.g. {step: 3, loss: 0.7}. */
export type LinePoint = Record<string, number>;

export interface LineChartSpec {
  type: "line";
  title?: string;
  /** Name of the x field in each point (default "x"). */
  x?: string;
  /** Names of the y fields, one line each (default: every key of the first point except x). */
  series?: string[];
  xLabel?: string;
  yLabel?: string;
  /** Log-scale y axis (losses). */
  logY?: boolean;
  data?: LinePoint[];
}

export interface BarChartSpec {
  type: "bar";
  title?: string;
  labels: string[];
  values: number[];
  xLabel?: string;
  yLabel?: string;
}

export interface HeatmapSpec {
  type: "heatmap";
  title?: string;
  /** values[row][col], e.g. attention weights [query, key]. */
  values: number[][];
  xLabels?: string[];
  yLabels?: string[];
}

export type ChartSpec = LineChartSpec | BarChartSpec | HeatmapSpec;

/** Word pieces as chips (show.tokens): tokens[i] has id ids[i]; mask/typeIds are drawn when given. */
export interface TokensItem {
  kind: "tokens";
  id: number;
  title?: string;
  tokens: string[];
  ids: number[];
  attentionMask?: number[];
  tokenTypeIds?: number[];
}

/** A live progress panel (show.progress): updated in place with "replace" messages. */
export interface ProgressItem {
  kind: "progress";
  id: number;
  title?: string;
  /** "bytes": a download (engine.fetchText), step/total are bytes (total 0 = size unknown); default: steps. */
  unit?: "steps" | "bytes";
  step: number;
  total: number;
  /** Downloads: bytes per second. */
  bytesPerSec?: number;
  loss?: number;
  acc?: number;
  /** Examples per second. */
  exPerSec?: number;
  /** Seconds left. */
  eta?: number;
  backend?: string;
  /** From tf.memory(); numBytesInGPU only on GPU backends. */
  memory?: { numBytes: number; numTensors: number; numBytesInGPU?: number };
  status: "running" | "stopping" | "done" | "stopped" | "error";
  note?: string;
  /** Training: the stage of the step being computed now (lib/train/stages.ts), lit in the panel's loop strip. */
  stage?: TrainStage;
}

/** A file the reader can save (show.download): the page turns the bytes into a Blob link. */
export interface DownloadItem { kind: "download"; id: number; name: string; mime: string; bytes: Uint8Array; label?: string }

/**
 * A file picker (show.upload) or a folder picker with a drop zone (show.uploadFolder, `folder: true`): the page sends
 * the choice back with an "upload" message.
 */
export interface UploadItem { kind: "upload"; id: number; label: string; accept?: string; folder?: boolean; /** "skipped": asked during 모두 실행, which does not wait for a file picker (the cell got null). */
  state: "waiting" | "received" | "cancelled" | "skipped"; fileName?: string; size?: number; /** folder: how many files */ count?: number }

/** A question with two buttons (show.confirm), e.g. before a download leaves the site; "skipped" under 모두 실행. */
export interface ConfirmItem { kind: "confirm"; id: number; message: string; yes: string; no: string; state: "waiting" | "yes" | "no" | "skipped" }

/**
 * Attention maps of one sentence (show.attention): values are L layers × A heads × T × T, flat and
 * row-major (values[((l*A + h)*T + i)*T + j] = how much token i attends to token j).
 */
export interface AttentionItem {
  kind: "attention";
  id: number;
  title?: string;
  tokens: string[];
  layers: number;
  heads: number;
  values: Float32Array;
  prediction?: { labels: string[]; probs: number[]; label?: number };
  notice?: string;
  /** engine.explain's result (structured-cloneable): adds the explanation and neuron views. */
  explanation?: Explanation;
}

/**
 * An exercise's verdict (show.check): ✔ with what was right, or ✘ with a hint. `exercise` is the id the chapter's
 * <Exercise id> and lib/cells/exercises name.
 */
export interface CheckItem { kind: "check"; id: number; exercise: string; ok: boolean; text: string; hint?: string }

export type OutputItem =
  /** role "backend-note": the kernel's one-time word on its backend choice, not the cell's own output. */
  | { kind: "text"; id: number; text: string; stream: "log" | "info" | "warn" | "error" | "result"; role?: "backend-note" }
  | { kind: "tensor"; id: number; shape: number[]; dtype: string; text: string; label?: string }
  | { kind: "table"; id: number; columns: string[]; rows: string[][]; omitted: number }
  | { kind: "chart"; id: number; spec: ChartSpec }
  | { kind: "html"; id: number; html: string }
  | TokensItem
  | ProgressItem
  | DownloadItem
  | UploadItem
  | ConfirmItem
  | AttentionItem
  | CheckItem
  | { kind: "pending"; id: number; label: string }
  | {
      kind: "error";
      id: number;
      name: string;
      message: string;
      /** Where it happened, mapped back to a cell's own source. */
      where?: { cellId: string; line: number; column: number };
      /** True for a syntax error found before the cell ran. */
      syntax?: boolean;
      /** The backend itself failed (shader, lost device, memory): `message` says so in a line. */
      backendFailure?: string;
      /** Raw text kept out of view (a shader's source), for a "details" toggle. */
      details?: string;
    };

/** Page → kernel. */
export type ToKernel =
  /** webgpuLimits "default": tests only (the page's ?webgpu-limits=default), see lib/runtime/webgpu-limits.ts. */
  | { type: "init"; wasmPath: string; preferred?: BackendName; timeoutMs?: number; webgpuLimits?: "default" }
  /** batch: part of 모두 실행 (interactive outputs such as file pickers do not wait). */
  | { type: "run"; runId: number; cellId: string; source: string; batch?: boolean }
  | { type: "setBackend"; name: BackendName }
  /** Aborts the running cell's show.progress(...).signal (cooperative stop); handled at once, not queued. */
  | { type: "interrupt"; runId: number }
  /** The file chosen in an upload item (null: cancelled); handled at once, not queued. */
  /** The reader's answer to a show.confirm item; handled at once, not queued. */
  | { type: "confirm"; id: number; yes: boolean }
  | { type: "upload"; id: number; name: string | null; bytes: Uint8Array | null; /** a folder's files: File handles, read lazily by range in the worker */ files?: File[] };

/** Kernel → page. */
export type FromKernel =
  | { type: "ready"; backend: string; tried: TriedBackend[]; detail?: string; detailWhy?: string }
  /** The backend now; `error`: why the one asked for (from the kernel bar) could not be used. */
  | { type: "backend"; backend: string; error?: string; detail?: string; detailWhy?: string }
  | { type: "start"; runId: number }
  | { type: "declare"; runId: number; names: string[] }
  | { type: "out"; runId: number; item: OutputItem }
  | { type: "replace"; runId: number; item: OutputItem }
  | { type: "append"; runId: number; id: number; points: LinePoint[] }
  /** The run holds a stop signal (show.progress): the page may interrupt it instead of killing the worker. */
  | { type: "interruptible"; runId: number }
  | { type: "done"; runId: number; ok: boolean; ms: number; backend: string }
  | { type: "log"; level: "info" | "warn" | "error"; text: string };
