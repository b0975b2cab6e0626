/// <reference lib="webworker" />
// The explorer's engine in a Web Worker: tfjs, the model weights and explain() stay off the page's main thread,
// so /explorer paints and takes input without downloading them. The page starts this worker only when the reader
// first asks for an explanation (or picks a model); see client.ts for the page's side, protocol.ts for messages.
import { koreanMessage } from "@/lib/cells/korean";
import type { Classifier } from "@/lib/explain";
import { traceSentence } from "@/lib/explain/trace";
import { analyze, loadFolder, loadMine, start } from "./engine";
import type { Answer, FromWorker, ModelInfo, Request, ToWorker } from "./protocol";

declare const self: DedicatedWorkerGlobalScope;

let shipped: Classifier | null = null;
let active: Classifier | null = null;
const running = new Map<number, AbortController>();
const stopped = new Set<number>();   // explains the page cancelled: their error is "stopped", not a failure

const info = (c: Classifier): ModelInfo => ({ layers: c.model.config.num_hidden_layers, heads: c.model.config.num_attention_heads, labels: c.labels });
const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, transfer);

/** Makes `next` the classifier in use, freeing the previous one unless it is the shipped one (kept for going back). */
function activate(next: Classifier): ModelInfo {
  if (active && active !== shipped && active !== next) active.model.dispose();
  active = next;
  return info(next);
}

function need(c: Classifier | null): Classifier {
  if (!c) throw new Error("모델을 아직 불러오지 않았습니다.");
  return c;
}

async function handle(id: number, r: Request): Promise<Answer> {
  switch (r.type) {
    case "load": {
      const s = await start({
        modelUrl: r.modelUrl, wasmPaths: r.wasmPaths,
        onBackend: (backend) => post({ id, kind: "progress", progress: { type: "backend", backend } }),
        onProgress: (progress) => post({ id, kind: "progress", progress: { type: "load", progress } }),
      });
      shipped = s.clf;
      return { type: "shipped", info: activate(s.clf) };
    }
    case "shipped":
      return { type: "shipped", info: activate(need(shipped)) };
    case "mine": {
      const got = await loadMine(need(shipped));
      return { type: "mine", info: activate(got.clf), step: got.step };
    }
    case "folder": {
      const got = await loadFolder(r.files);
      return { type: "folder", info: activate(got.clf), name: got.name, untrained: got.untrained };
    }
    case "explain": {
      const ctrl = new AbortController();
      running.set(id, ctrl);
      try {
        const explanation = await analyze(need(active), r.text, {
          target: r.target, signal: ctrl.signal,
          onProgress: (stage, p) => post({ id, kind: "progress", progress: { type: "stage", stage, ...p } }),
        });
        ctrl.signal.throwIfAborted();
        return { type: "explain", explanation };
      } finally {
        running.delete(id);
      }
    }
    case "trace":
      // Always the shipped classifier: the home page's diagram and chapter 1 explain the model the site ships.
      return { type: "trace", trace: await traceSentence(need(shipped), r.text) };
    case "cancel":
      if (running.has(r.of)) stopped.add(r.of);
      running.get(r.of)?.abort();
      return { type: "cancel" };
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const { id, request } = ev.data;
  handle(id, request).then(
    (answer) => {
      // The explanation's big arrays move to the page instead of being copied.
      const e = answer.type === "explain" ? answer.explanation : null;
      post({ id, kind: "done", answer }, e ? [e.attention.buffer, e.queries.buffer, e.keys.buffer] : []);
    },
    // In Korean here: the page gets only the text, and an EngineError's code does not cross postMessage.
    (e: unknown) => post({ id, kind: "error", message: koreanMessage(e), aborted: stopped.delete(id) }),
  );
};
