// The explorer's engine, on the main thread (loaded lazily: it pulls in tfjs). One classifier forward pass
// per sentence with outputAttentions; BERT-mini on 128 tokens is a few milliseconds on a GPU, and every
// await gives the page a chance to paint, so no worker is needed here.
import * as tf from "@tensorflow/tfjs";
import { chooseBackend, type BackendChoice } from "@/lib/runtime";
import { loadClassifier, type Loaded } from "@/lib/pipeline";
import type { BertForSequenceClassification, FileReader } from "@/lib/model";
import type { AttentionData } from "@/components/attention/data";

export type Classifier = Loaded<BertForSequenceClassification>;

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

export interface Analysis {
  data: AttentionData;
  probs: number[];
  labels: string[];
  /** Word pieces incl. [CLS]/[SEP] before cutting, and the model's limit. */
  fullLength: number;
  maxLength: number;
  ms: number;
}

/** Tokenize (cut to the model's max positions), one forward pass, probabilities and L × [A, T, T] attentions. */
export async function analyze(clf: Classifier, text: string): Promise<Analysis> {
  const t0 = performance.now();
  const maxLength = clf.model.config.max_position_embeddings;
  const fullLength = clf.tokenizer.tokenize(text).length + 2;
  const enc = clf.tokenizer.encode(text, { maxLen: maxLength });
  const T = enc.ids.length;
  const [probsT, attT] = tf.tidy(() => {
    const out = clf.model.forward(
      { inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T },
      { outputAttentions: true },
    );
    const probs = tf.softmax(out.logits);                                   // [1, C] over the classes
    const att = tf.stack(out.attentions!.map((a) => tf.squeeze(a, [0])));   // L × [1, A, T, T] -> [L, A, T, T]
    return [probs, att];
  });
  try {
    const [probs, values] = await Promise.all([probsT.data(), attT.data()]);
    const [L, A] = attT.shape;
    return {
      data: { tokens: enc.tokens, layers: L, heads: A, values: Float32Array.from(values) },
      probs: Array.from(probs),
      labels: clf.labels,
      fullLength,
      maxLength,
      ms: performance.now() - t0,
    };
  } finally {
    tf.dispose([probsT, attT]);
  }
}
