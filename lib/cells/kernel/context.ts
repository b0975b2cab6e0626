/// <reference lib="webworker" />
// What every part of the kernel shares: the channel to the page, the run that output belongs to, and the
// running cell's stop signal. Kept in one place so show/, console and run agree on "the current run".
import type { FromKernel, OutputItem } from "../protocol";

declare const self: DedicatedWorkerGlobalScope;

// Captured now: reader code may overwrite any global, including postMessage.
export const post = self.postMessage.bind(self) as (m: FromKernel) => void;
export const now = () => performance.now();

export const run = {
  /** The run whose output console.log & co. belong to: the running cell, else the last one. */
  id: 0,
  /** True when the page runs every cell ("모두 실행"): interactive outputs must not wait for the reader. */
  batch: false,
  /** Aborted by an "interrupt" message (the reader pressed Stop). */
  abort: new AbortController(),
};

/** runId → cellId, so a stack frame of an earlier cell's function can be named. */
export const runCells = new Map<number, string>();

let nextId = 1;
/** Kernel-side id of a new output item; the page maps it to an id of its own (KernelClient). */
export const newId = (): number => nextId++;

export function emit(item: OutputItem, runId = run.id): void {
  post({ type: "out", runId, item });
}

/** Replaces an item shown earlier (same id) with its new state. */
export function replace(item: OutputItem, runId = run.id): void {
  post({ type: "replace", runId, item });
}

/** Marks objects that a cell's last expression should not print (chart handles, progress panels). */
export const NO_DISPLAY = Symbol("bertlab.noDisplay");
