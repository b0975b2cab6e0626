// show.progress: a panel updated in place (at most every 100 ms) with a cooperative stop signal. The reader's
// Stop aborts `p.signal`; the cell keeps running, so it can save its work and end cleanly.
import { koreanMessage } from "../../korean";
import type { ProgressItem } from "../../protocol";
import type { ByteProgressSink } from "../../../data/fetch-text";
import { emit, newId, now, NO_DISPLAY, post, replace, run } from "../context";

export type ProgressUpdate = Partial<Omit<ProgressItem, "kind" | "id" | "status">>;

/** Also a ByteProgressSink: `engine.fetchText(url, { progress: show.progress({ title }) })` draws a download in bytes. */
export class Progress implements ByteProgressSink {
  readonly [NO_DISPLAY] = true;
  /** Aborted when the reader presses Stop: pass it to engine.finetune({ signal }). */
  readonly signal: AbortSignal;
  private item: ProgressItem;
  private lastPost = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly runId: number, id: number, init: ProgressUpdate) {
    this.signal = run.abort.signal;
    this.item = { kind: "progress", id, step: 0, total: 0, ...init, status: "running" };
    open.add(this);
    emit(this.item, runId);
    post({ type: "interruptible", runId });
  }
  /** New values ({ step, total, loss, acc, exPerSec, eta, backend, memory, note }); numbers only. */
  update(p: ProgressUpdate): void {
    // A new training stage goes out at once: the worker is about to compute for a while without yielding, so a
    // timer would fire only after the stage is over.
    const newStage = p.stage !== undefined && p.stage !== this.item.stage;
    Object.assign(this.item, p);
    if (this.item.status === "running" && this.signal.aborted) this.item.status = "stopping";
    if (newStage || now() - this.lastPost > 100) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), 100);
  }
  /** Marks the end: "중지됨" if the reader stopped it, else "완료". */
  done(p: ProgressUpdate = {}): void {
    this.finish(this.signal.aborted ? "stopped" : "done", p);
  }
  /** Marks a failure: a note, or the error itself (said in Korean, lib/cells/korean.ts). */
  fail(why: unknown): void {
    this.finish("error", { note: typeof why === "string" ? why : koreanMessage(why) });
  }
  finish(status: ProgressItem["status"], p: ProgressUpdate = {}): void {
    Object.assign(this.item, p, { status });
    this.flush();
    open.delete(this);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastPost = now();
    replace({ ...this.item }, this.runId);
  }
}
const open = new Set<Progress>();

export function progress(opts: ProgressUpdate = {}): Progress {
  return new Progress(run.id, newId(), opts);
}

/** The reader pressed Stop: panels show "stopping" at once. */
export function markStopping(): void {
  for (const p of open) p.update({});
}

/** At the end of a run: panels the cell left open say how it ended. */
export function closeProgress(ok: boolean): void {
  for (const p of open) p.finish(run.abort.signal.aborted ? "stopped" : ok ? "done" : "error");
}
