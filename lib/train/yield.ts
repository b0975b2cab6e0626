// Cooperative multitasking: training yields to the event loop between steps so a page stays responsive
// and an abort (or a progress repaint) gets a chance to run.

/** Anything with an `aborted` flag: AbortSignal, or a plain object in tests. */
export interface AbortSignalLike { readonly aborted: boolean }

export function yieldToEventLoop(): Promise<void> {
  // setTimeout(0) exists in pages, workers and Node; it lets queued messages (e.g. "stop") run first.
  return new Promise((resolve) => setTimeout(resolve, 0));
}
