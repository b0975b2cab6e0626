// The computation behind /diagnostics: the same tiny BERT classifier, the same weights and the same batch on
// every tfjs backend; loss and all parameter gradients compared with the CPU backend, plus two AdamW steps
// to see that training leaves no tensors behind. Loaded lazily by the page (it pulls in tfjs).
import * as tf from "@tensorflow/tfjs";
import { BertForSequenceClassification, makeConfig, type BertBatch, type Params } from "@/lib/model";
import { AdamW, gradientsFor, softmaxCrossEntropy, trainStep } from "@/lib/train";
import { CPU_FIRST, tryBackend, type BackendName } from "@/lib/runtime";

/** A deliberately tiny model: SwiftShader (a CPU pretending to be a GPU) must get through it in seconds. */
export const CONFIG = makeConfig("tiny", { vocab_size: 40, max_position_embeddings: 16, num_labels: 2 });
export const SEED = 20241125;

// B = 4 rows, T = 8: one full row, two padded rows, one sentence pair (segment B = 1).
// Ids repeat (7 appears three times) so the embedding gradient must add duplicate rows.
const P = 0, CLS = 2, SEP = 3;
export const BATCH: BertBatch & { inputIds: number[]; attentionMask: number[]; tokenTypeIds: number[] } = {
  batchSize: 4,
  seqLen: 8,
  inputIds: [
    CLS, 7, 8, 9, 7, 10, 11, SEP,
    CLS, 12, 13, 14, SEP, P, P, P,
    CLS, 7, 15, SEP, 16, 17, SEP, P,
    CLS, 18, SEP, P, P, P, P, P,
  ],
  attentionMask: [
    1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 0,
    1, 1, 1, 0, 0, 0, 0, 0,
  ],
  tokenTypeIds: [
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 1, 1, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
  ],
};
export const LABELS = [1, 0, 1, 0];
const STEP_LR = 1e-3;

export const BACKEND_ORDER: readonly BackendName[] = CPU_FIRST;

export interface GradComparison {
  maxAbsDiff: number;          // max over every gradient entry of |g - g_cpu|
  maxAbsParam: string;         // the parameter where that happens
  maxRelDiff: number;          // max over parameters of (max |g - g_cpu|) / max(max |g_cpu|, REL_FLOOR * maxAbsGradCpu)
  maxRelParam: string;
  maxAbsGradCpu: number;       // scale: the largest |g_cpu| of all
  nonFinite: string[];         // parameters with NaN/Infinity in their gradient
  missing: string[];           // parameters CPU has a gradient for and this backend does not (or of another size)
  perParam: { name: string; absDiff: number; relDiff: number; cpuMax: number }[];
}

export interface StepCheck {
  losses: number[];            // training loss of step 1 and step 2 (dropout on, seeded)
  numTensors: number[];        // tf.memory().numTensors before step 1, after step 1, after step 2
  growth: number;              // after step 2 - before step 1 (0 = nothing leaks)
  evalLossAfter: number;       // loss without dropout after the two updates
  ms: number;                  // both steps
}

export interface BackendResult {
  backend: BackendName;
  available: boolean;
  reason?: string;             // why not available
  error?: string;              // available, but the computation failed
  loss?: number;
  lossDiff?: number;           // |loss - cpu loss|
  grads?: GradComparison;
  repeatDiff?: number;         // max |g - g| between two runs on this backend (0 = deterministic)
  setupMs?: number;            // register + set backend + sanity check
  firstMs?: number;            // first loss + gradients (includes shader compilation on GPU backends)
  warmMs?: number;             // the same again, warm
  step?: StepCheck;
  leak?: number;               // numTensors after everything was disposed - before the model was built
}

export interface DiagnosticsReport {
  status: "idle" | "running" | "done" | "error";
  config: { hidden_size: number; num_hidden_layers: number; num_attention_heads: number; intermediate_size: number; vocab_size: number; batchSize: number; seqLen: number; params: number };
  tfjsVersion: string;
  userAgent: string;
  results: BackendResult[];
  current?: BackendName;       // the backend being computed right now
  error?: string;
  totalMs?: number;
}

interface Weights { name: string; shape: number[]; values: Float32Array }

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The seeded initial weights, read back from the CPU backend: every backend starts from exactly these numbers. */
function referenceWeights(): Weights[] {
  const model = BertForSequenceClassification.create(CONFIG, SEED);
  try {
    return [...model.params].map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
  } finally {
    model.dispose();
  }
}

/** A model on the active backend holding copies of the reference weights. */
function modelFrom(weights: Weights[]): BertForSequenceClassification {
  const params: Params = new Map();
  for (const w of weights) {
    const t = tf.tensor(w.values, w.shape, "float32");
    params.set(w.name, tf.variable(t));   // the variable shares t's data; drop our handle
    t.dispose();
  }
  return new BertForSequenceClassification(CONFIG, params);
}

/**
 * Relative differences are taken against max(|g_cpu| of the parameter, REL_FLOOR x the largest |g_cpu| of all):
 * some gradients are zero in exact arithmetic (an attention key bias shifts every score of a row equally, and
 * softmax ignores that), so CPU holds only rounding noise there and a plain ratio would be noise / noise.
 */
export const REL_FLOOR = 1e-3;

export function compareGrads(cpu: Map<string, Float32Array>, other: Map<string, Float32Array>): GradComparison {
  const out: GradComparison = { maxAbsDiff: 0, maxAbsParam: "", maxRelDiff: 0, maxRelParam: "", maxAbsGradCpu: 0, nonFinite: [], missing: [], perParam: [] };
  for (const [name, a] of cpu) {
    const b = other.get(name);
    if (!b || b.length !== a.length) {
      out.missing.push(name);
      continue;
    }
    let absDiff = 0, cpuMax = 0, finite = true;
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(b[i])) finite = false;
      const d = Math.abs(a[i] - b[i]);
      if (!(d <= absDiff)) absDiff = d;          // NaN wins, so it cannot hide
      const m = Math.abs(a[i]);
      if (m > cpuMax) cpuMax = m;
    }
    if (!finite) out.nonFinite.push(name);
    out.perParam.push({ name, absDiff, relDiff: 0, cpuMax });
    if (!(absDiff <= out.maxAbsDiff)) { out.maxAbsDiff = absDiff; out.maxAbsParam = name; }
    out.maxAbsGradCpu = Math.max(out.maxAbsGradCpu, cpuMax);
  }
  const floor = REL_FLOOR * out.maxAbsGradCpu;
  for (const p of out.perParam) {
    const scale = Math.max(p.cpuMax, floor);
    p.relDiff = scale > 0 ? p.absDiff / scale : p.absDiff > 0 ? Infinity : 0;
    if (!(p.relDiff <= out.maxRelDiff)) { out.maxRelDiff = p.relDiff; out.maxRelParam = p.name; }
  }
  for (const name of other.keys()) if (!cpu.has(name)) out.missing.push(name);
  return out;
}

function maxDiff(x: Map<string, Float32Array>, y: Map<string, Float32Array>): number {
  let m = 0;
  for (const [name, a] of x) {
    const b = y.get(name);
    if (!b) return Infinity;
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i] - b[i]);
      if (!(d <= m)) m = d;
    }
  }
  return m;
}

/** Two AdamW steps (dropout on, seeded identically on every backend); counts live tensors around them. */
async function twoSteps(model: BertForSequenceClassification): Promise<StepCheck> {
  const opt = new AdamW(model.params);
  try {
    const t0 = performance.now();
    const numTensors = [tf.memory().numTensors];
    const losses: number[] = [];
    for (let s = 0; s < 2; s++) {
      const r = trainStep(model, BATCH, LABELS, opt, { lr: STEP_LR, clipNorm: 1, seed: SEED + s, training: true });
      losses.push((await r.loss.data())[0]);
      tf.dispose([r.loss, r.correct, r.gradNorm]);
      numTensors.push(tf.memory().numTensors);
    }
    const ms = performance.now() - t0;
    const lossT = tf.tidy(() => softmaxCrossEntropy(model.forward(BATCH).logits, tf.tensor1d(LABELS, "int32")));
    const evalLossAfter = (await lossT.data())[0];
    lossT.dispose();
    return { losses, numTensors, growth: numTensors[2] - numTensors[0], evalLossAfter, ms };
  } finally {
    opt.dispose();
  }
}

export interface RunOptions {
  wasmPath: string;                                   // absolute URL of the folder with the tfjs .wasm files
  backends?: BackendName[];                           // default: cpu, webgpu, webgl, wasm
  onProgress?: (report: DiagnosticsReport) => void;   // after each backend (and when one starts)
}

/** Yield to the browser so the table can repaint between backends. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0));

export async function runDiagnostics(opts: RunOptions): Promise<DiagnosticsReport> {
  const t0 = performance.now();
  const order = opts.backends ?? BACKEND_ORDER;
  const report: DiagnosticsReport = {
    status: "running",
    config: {
      hidden_size: CONFIG.hidden_size, num_hidden_layers: CONFIG.num_hidden_layers, num_attention_heads: CONFIG.num_attention_heads,
      intermediate_size: CONFIG.intermediate_size, vocab_size: CONFIG.vocab_size, batchSize: BATCH.batchSize, seqLen: BATCH.seqLen, params: 0,
    },
    tfjsVersion: tf.version.tfjs,
    userAgent: typeof navigator === "undefined" ? "" : navigator.userAgent,
    results: [],
  };
  const progress = () => opts.onProgress?.(structuredClone(report));
  let cpuRef: { loss: number; grads: Map<string, Float32Array> } | null = null;
  let weights: Weights[] | null = null;

  for (const name of order) {
    report.current = name;
    progress();
    await nextFrame();
    const res: BackendResult = { backend: name, available: false };
    const s0 = performance.now();
    try {
      await tryBackend(name, { wasmPaths: opts.wasmPath, timeoutMs: 30_000, allowSoftware: true });   // measured as they are, software GPUs too
      res.available = true;
      res.setupMs = performance.now() - s0;
    } catch (e) {
      res.reason = message(e);
      report.results.push(res);
      continue;
    }
    try {
      // The reference weights are made once, on the first backend (CPU), then copied everywhere.
      weights ??= referenceWeights();
      report.config.params = weights.reduce((n, w) => n + w.values.length, 0);
      const before = tf.memory().numTensors;
      const model = modelFrom(weights);
      try {
        let t = performance.now();
        const first = await gradientsFor(model, BATCH, LABELS, { training: false });
        res.firstMs = performance.now() - t;
        t = performance.now();
        const again = await gradientsFor(model, BATCH, LABELS, { training: false });
        res.warmMs = performance.now() - t;
        res.repeatDiff = Math.max(Math.abs(first.loss - again.loss), maxDiff(first.grads, again.grads));
        res.loss = first.loss;
        if (!cpuRef) {
          if (name !== "cpu") throw new Error("the first backend must be cpu: it is the reference");
          cpuRef = first;
        }
        res.lossDiff = Math.abs(first.loss - cpuRef.loss);
        res.grads = compareGrads(cpuRef.grads, first.grads);
        res.step = await twoSteps(model);
      } finally {
        model.dispose();
      }
      res.leak = tf.memory().numTensors - before;
    } catch (e) {
      res.error = message(e);
    }
    report.results.push(res);
  }
  report.current = undefined;
  report.status = "done";
  report.totalMs = performance.now() - t0;
  progress();
  return report;
}
