/// <reference lib="webworker" />
// The notebook kernel: one Web Worker per chapter. It owns tfjs (and its GPU context), evaluates
// cells one at a time in arrival order, and posts their output to the page as it is produced.
//
// Reader code sees these globals: tf, engine, show, setBackend, sleep, console (captured).
// Everything a cell declares at top level becomes a global too (see transform.ts).
// The parts live in kernel/: context (channel, current run), backends, run, console, errors, show/.
import * as tf from "@tensorflow/tfjs";
import * as engine from "@/lib";
import type { ToKernel } from "./protocol";
import { post, run } from "./kernel/context";
import { errorItem } from "./kernel/errors";
import { captureConsole } from "./kernel/console";
import { backendDetail, initBackend, switchBackend } from "./kernel/backends";
import { setKernelBackend } from "./kernel/set-backend";
import { kernelApi, runCell } from "./kernel/run";
import { show } from "./kernel/show";
import { receiveConfirm, receiveUpload } from "./kernel/show/files";
import { markStopping } from "./kernel/show/progress";
import { installDefaultWebGpuLimits } from "@/lib/runtime/webgpu-limits";

declare const self: DedicatedWorkerGlobalScope;
const realConsole = { ...console };

// Errors nobody awaited (a timer, a forgotten promise) still reach the cell that caused them.
self.addEventListener("error", (ev) => {
  ev.preventDefault();
  post({ type: "out", runId: run.id, item: errorItem(ev.error ?? new Error(ev.message), tf.getBackend()) });
});
self.addEventListener("unhandledrejection", (ev) => {
  ev.preventDefault();
  post({ type: "out", runId: run.id, item: errorItem(ev.reason, tf.getBackend()) });
});

captureConsole((t) => void show.tensor(t as tf.Tensor));

/** setBackend(name) in a cell: throws with the reason (in Korean) when that backend cannot work here. */
const setBackend = setKernelBackend;

Object.assign(self, {
  tf,
  engine,
  show,
  setBackend,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
});
const api = kernelApi({ "@tensorflow/tfjs": tf, "@/lib": engine, "bert-lab": engine });

async function handle(msg: ToKernel): Promise<void> {
  switch (msg.type) {
    case "init": {
      // Tests of the weakest GPUs: before tfjs makes its WebGPU device (lib/runtime/webgpu-limits.ts).
      if (msg.webgpuLimits === "default") installDefaultWebGpuLimits();
      const r = await initBackend({ wasmPath: msg.wasmPath, preferred: msg.preferred, timeoutMs: msg.timeoutMs });
      post({ type: "ready", ...r, ...(await backendDetail(r.backend)) });
      break;
    }
    case "run":
      await runCell(msg, api);
      break;
    case "setBackend": {
      const error = await switchBackend(msg.name).then(() => undefined, (e: Error) => e.message);
      const b = tf.getBackend() ?? "none";
      post({ type: "backend", backend: b, error, ...(await backendDetail(b)) });
      break;
    }
  }
}

// One message at a time: a cell that awaits must not let the next one start.
let queue: Promise<void> = Promise.resolve();
self.addEventListener("message", (ev: MessageEvent<ToKernel>) => {
  const msg = ev.data;
  // These two act on the running cell, so they must not wait behind it in the queue.
  if (msg.type === "interrupt") {
    if (msg.runId === run.id && !run.abort.signal.aborted) {
      run.abort.abort();
      markStopping();
    }
    return;
  }
  if (msg.type === "upload") return receiveUpload(msg.id, msg.name, msg.bytes, msg.files);
  if (msg.type === "confirm") return receiveConfirm(msg.id, msg.yes);
  queue = queue.then(() => handle(msg).catch((e) => realConsole.error(e)));
});
