// The explorer's engine, run inside its Web Worker (engine.worker.ts; it pulls in tfjs, which the page never loads).
// Loads the classifier the reader chose (shipped, chapter 6's checkpoint, or a picked folder) and explains
// sentences with lib/explain.
import { chooseBackend, type BackendChoice } from "@/lib/runtime";
import { blobSource, type FileReader } from "@/lib/model";
import { loadClassifier, loadClassifierFolder } from "@/lib/pipeline";
import { IndexedDBStorage, loadCheckpoint } from "@/lib/train";
import { explain, typedUnknown, type Classifier, type Explanation, type ExplainOptions } from "@/lib/explain";
import { MY_CHECKPOINT } from "./checkpoint";
import type { PickedFile } from "./protocol";

export type { Classifier };

export interface LoadProgress {
  /** File being read now (null when done). */
  file: string | null;
  filesDone: number;
  bytes: number;
  /** Bytes of the current file so far / its size (0 when the server did not say). */
  fileBytes: number;
  fileTotal: number;
}

/** fetch with a byte count per chunk, so the page can show how far the model download is. */
function progressReader(base: string, onProgress: (p: LoadProgress) => void): FileReader {
  const p: LoadProgress = { file: null, filesDone: 0, bytes: 0, fileBytes: 0, fileTotal: 0 };
  return async (name) => {
    const res = await fetch(base + name);
    if (!res.ok) throw new Error(`모델 파일 ${name}을(를) 받지 못했습니다 (HTTP ${res.status})`);
    const total = Number(res.headers.get("content-length")) || 0;
    onProgress({ ...p, file: name, fileBytes: 0, fileTotal: total });
    if (!res.body) {
      const buf = new Uint8Array(await res.arrayBuffer());
      p.bytes += buf.length;
      p.filesDone++;
      onProgress({ ...p, file: null, fileBytes: 0, fileTotal: 0 });
      return buf;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      p.bytes += value.length;
      onProgress({ ...p, file: name, fileBytes: got, fileTotal: total });
    }
    const out = new Uint8Array(got);
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
    p.filesDone++;
    onProgress({ ...p, file: null, fileBytes: 0, fileTotal: 0 });
    return out;
  };
}

export interface Started { clf: Classifier; backend: BackendChoice }

/** Picks the backend (WebGPU → WebGL → WASM → CPU), then loads the shipped classifier with progress. */
export async function start(opts: { modelUrl: string; wasmPaths: string; onBackend(b: BackendChoice): void; onProgress(p: LoadProgress): void }): Promise<Started> {
  const backend = await chooseBackend({ wasmPaths: opts.wasmPaths });
  opts.onBackend(backend);
  const clf = await loadClassifier(progressReader(opts.modelUrl, opts.onProgress));
  if (clf.missing.length) throw new Error(`분류기 파일에 가중치가 빠져 있습니다: ${clf.missing.slice(0, 3).join(", ")}…`);
  return { clf, backend };
}

/**
 * Chapter 6's fine-tuned model from IndexedDB, as chapter 7's "load" cell restores it. The checkpoint holds the
 * model only; it was fine-tuned from the shipped encoder, so the vocabulary (tokenizer) is the shipped one.
 * Labels: the checkpoint config's id2label when it names them, else the shipped classifier's.
 */
export async function loadMine(shipped: Classifier): Promise<{ clf: Classifier; step: number }> {
  const restored = await loadCheckpoint(new IndexedDBStorage(), MY_CHECKPOINT);
  restored.optimizer.dispose();   // only predictions and explanations here: AdamW's moments are not needed
  const cfg = restored.model.config as typeof restored.model.config & { id2label?: Record<string, string> };
  const named = cfg.id2label && Object.keys(cfg.id2label).length === cfg.num_labels;
  const labels = named
    ? Array.from({ length: cfg.num_labels }, (_, i) => cfg.id2label![String(i)] ?? `LABEL_${i}`)
    : cfg.num_labels === shipped.labels.length ? shipped.labels : Array.from({ length: cfg.num_labels }, (_, i) => `LABEL_${i}`);
  return { clf: { model: restored.model, tokenizer: shipped.tokenizer, labels }, step: restored.state.step };
}

/**
 * A picked folder (Hugging Face safetensors or our own weights.json format), as chapter 8 imports one.
 * `untrained`: the classifier head was not in the folder and is newly initialised, so predictions mean nothing.
 */
export async function loadFolder(files: PickedFile[]): Promise<{ clf: Classifier; name: string; untrained: boolean }> {
  const name = files[0]?.path.split("/")[0] || "고른 파일";
  const r = await loadClassifierFolder(blobSource(files.map((f) => [f.path, f.file]), name), { seed: 42 });
  return { clf: { model: r.model, tokenizer: r.tokenizer, labels: r.labels }, name, untrained: r.report.missing.length > 0 };
}

export type Stage = Parameters<NonNullable<ExplainOptions["onProgress"]>>[0];

/**
 * Every view's data for one sentence: prediction, attention, the five explanations (lib/explain). A [UNK] is
 * labelled with what the reader typed for it (the tokenizer's offsets), not "[UNK]": "😂", not a riddle.
 */
export async function analyze(clf: Classifier, text: string, opts: Pick<ExplainOptions, "onProgress" | "signal" | "target">): Promise<Explanation> {
  const e = await explain(clf, text, { steps: 32, ...opts });
  const typed = (i: number) => typedUnknown(text, e, clf.tokenizer.specials.unk, i);
  return {
    ...e,
    tokens: e.tokens.map((t, i) => typed(i) ?? t),
    words: e.words.map((w) => (w.end - w.start === 1 ? { ...w, text: typed(w.start) ?? w.text } : w)),
  };
}
