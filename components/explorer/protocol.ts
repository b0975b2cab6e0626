// Messages between the explorer page and its engine worker (engine.worker.ts). Types only: the page imports this
// without pulling in tfjs. Every request carries an id; the worker answers it once (`done` or `error`), with
// `progress` messages in between.
import type { Explanation } from "@/lib/explain/view";
import type { Trace } from "@/lib/explain/trace-view";
import type { BackendChoice } from "@/lib/runtime";
import type { LoadProgress, Stage } from "./engine";

/** What the page needs to know of a classifier: its size (to clamp the view) and labels. */
export interface ModelInfo { layers: number; heads: number; labels: string[] }

/** A file of a picked folder, with its path inside the folder (webkitRelativePath does not survive postMessage). */
export interface PickedFile { path: string; file: File }

export type Request =
  | { type: "load"; modelUrl: string; wasmPaths: string }          // backend + shipped classifier; it becomes active
  | { type: "shipped" }                                              // back to the shipped classifier
  | { type: "mine" }                                                 // chapter 6's checkpoint (the page checked it exists)
  | { type: "folder"; files: PickedFile[] }
  | { type: "explain"; text: string; target?: number }
  | { type: "trace"; text: string }                                  // one sentence through every block (BERT 해부도)
  | { type: "cancel"; of: number };                                  // aborts request `of` (an explain)

export type Answer =
  | { type: "shipped"; info: ModelInfo }
  | { type: "mine"; info: ModelInfo; step: number }
  | { type: "folder"; info: ModelInfo; name: string; untrained: boolean }
  | { type: "explain"; explanation: Explanation }
  | { type: "trace"; trace: Trace }
  | { type: "cancel" };

/** Which answer each request gets ("load" answers as "shipped": the shipped classifier is then in use). */
export interface AnswerTo { load: "shipped"; shipped: "shipped"; mine: "mine"; folder: "folder"; explain: "explain"; trace: "trace"; cancel: "cancel" }

export type Progress =
  | { type: "backend"; backend: BackendChoice }
  | { type: "load"; progress: LoadProgress }
  | { type: "stage"; stage: Stage; done: number; total: number };

export type ToWorker = { id: number; request: Request };
export type FromWorker =
  | { id: number; kind: "done"; answer: Answer }
  | { id: number; kind: "progress"; progress: Progress }
  | { id: number; kind: "error"; message: string; aborted: boolean };
