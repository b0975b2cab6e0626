// Before anything large is allocated: will this training run fit? Chapter 4's estimator (lib/model/memory) counts
// weights, gradients, AdamW state and activations for the batch x length; the backend's limits
// (lib/runtime/limits) say what one tensor and the whole run may take. When it does not fit, the preflight
// tries the changes a reader can make (smaller batch, shorter maximum length, freezing) and says which fit.
import { estimateTrainingMemory, headSize, parameterCount, type BertConfig, type MemoryEstimate } from "../model";
import { formatBytes } from "../format";
import { EngineError } from "../errors";
import type { BackendLimits } from "../runtime/limits";
import { describeFreeze, frozenParameterCount, type FreezeOptions } from "./freeze";

export interface PreflightPlan {
  batchSize: number;
  seqLen: number;            // the longest padded length a batch can have (maxLen)
  freeze?: FreezeOptions;
}

export interface PreflightCheck extends PreflightPlan {
  estimate: MemoryEstimate;
  trainable: number;
  largest: { what: string; bytes: number };
  fits: boolean;
  problems: string[];        // each names the number and the limit it breaks
}

export interface Preflight extends PreflightCheck {
  limits: BackendLimits;
  /** When it does not fit: plans that do, nearest first (at most 4). */
  alternatives: PreflightCheck[];
  /** Sentences for the reader (English; the chapter shows them as they are). */
  lines: string[];
}

/** The single biggest tensor of a step: the word-embedding table (and its gradient / moments), an attention map, the FFN. */
function largestTensor(c: BertConfig, p: PreflightPlan, b: number): { what: string; bytes: number } {
  const cands = [
    { what: `the word-embedding table [${c.vocab_size}, ${c.hidden_size}]`, bytes: c.vocab_size * c.hidden_size * b },
    { what: `one layer's attention scores [${p.batchSize}, ${c.num_attention_heads}, ${p.seqLen}, ${p.seqLen}]`, bytes: p.batchSize * c.num_attention_heads * p.seqLen * p.seqLen * b },
    { what: `one layer's feed-forward activations [${p.batchSize}, ${p.seqLen}, ${c.intermediate_size}]`, bytes: p.batchSize * p.seqLen * c.intermediate_size * b },
  ];
  return cands.reduce((a, x) => (x.bytes > a.bytes ? x : a));
}

export function checkPlan(config: BertConfig, plan: PreflightPlan, limits: BackendLimits): PreflightCheck {
  if (plan.seqLen > config.max_position_embeddings) {
    throw new EngineError("too-long", `maximum length ${plan.seqLen} is longer than the model's ${config.max_position_embeddings} positions`, { seqLen: plan.seqLen, positions: config.max_position_embeddings });
  }
  const b = 4;   // tfjs trains in float32 on every backend
  const all = parameterCount(config, { head: "classifier" });
  const trainable = all - frozenParameterCount(config, plan.freeze);
  const estimate = estimateTrainingMemory(config, { batchSize: plan.batchSize, seqLen: plan.seqLen, head: "classifier", trainableParameters: trainable, bytesPerValue: b });
  const largest = largestTensor(config, plan, b);
  const problems: string[] = [];
  if (limits.memoryBytes !== undefined && estimate.total > limits.memoryBytes) {
    problems.push(`a training step needs about ${formatBytes(estimate.total)}, more than the ${formatBytes(limits.memoryBytes)} of ${limits.memorySource ?? "memory"}`);
  }
  if (limits.maxTensorBytes !== undefined && largest.bytes > limits.maxTensorBytes) {
    problems.push(`${largest.what} is ${formatBytes(largest.bytes)}, more than one tensor may be here (${limits.maxTensorSource}: ${formatBytes(limits.maxTensorBytes)})`);
  }
  return { ...plan, estimate, trainable, largest, fits: problems.length === 0, problems };
}

function* candidatePlans(config: BertConfig, p: PreflightPlan): Generator<PreflightPlan> {
  const lens = [p.seqLen, 256, 128, 64].filter((t, i, a) => t <= p.seqLen && a.indexOf(t) === i);
  const batches: number[] = [];
  for (let bs = p.batchSize; bs >= 1; bs = Math.floor(bs / 2)) batches.push(bs);
  const half = Math.floor(config.num_hidden_layers / 2);
  const freezes: (FreezeOptions | undefined)[] = [p.freeze, { embeddings: true }, { embeddings: true, layers: half }];
  // Nearest first: keep the length and freezing, shrink the batch; then shorter lengths; then freezing.
  for (const freeze of freezes) for (const seqLen of lens) for (const batchSize of batches) yield { batchSize, seqLen, freeze };
}

/** Check a plan against the limits; when it does not fit, find nearby plans that do. */
export function preflight(config: BertConfig, plan: PreflightPlan, limits: BackendLimits): Preflight {
  const main = checkPlan(config, plan, limits);
  const alternatives: PreflightCheck[] = [];
  if (!main.fits) {
    const seen = new Set<string>();
    for (const cand of candidatePlans(config, plan)) {
      const c = checkPlan(config, cand, limits);
      // Per (length, freezing), only the largest batch that fits: smaller ones are no news.
      const key = `${cand.seqLen}|${describeFreeze(cand.freeze)}`;
      if (c.fits && !seen.has(key)) { seen.add(key); alternatives.push(c); }
      if (alternatives.length >= 4) break;
    }
  }
  return { ...main, limits, alternatives, lines: preflightLines(config, main, limits, alternatives) };
}

function planText(p: PreflightPlan): string {
  const f = describeFreeze(p.freeze);
  return `batch ${p.batchSize} x length ${p.seqLen}${f ? `, frozen: ${f}` : ""}`;
}

function preflightLines(config: BertConfig, m: PreflightCheck, limits: BackendLimits, alts: PreflightCheck[]): string[] {
  const e = m.estimate;
  const lines = [
    `${planText(m)} on ${limits.backend}: weights ${formatBytes(e.weights)}, gradients ${formatBytes(e.gradients)}, AdamW state ${formatBytes(e.optimizer)}, activations ${formatBytes(e.activations)}; about ${formatBytes(e.total)} in all (${e.parameters.toLocaleString("en")} parameters, ${m.trainable.toLocaleString("en")} trained; head size ${headSize(config)}).`,
  ];
  if (limits.memoryBytes === undefined) lines.push("This backend does not say how much memory it has: the estimate cannot be checked against it.");
  if (m.fits) lines.push(`It fits: ${limits.memoryBytes !== undefined ? `${formatBytes(limits.memoryBytes)} available (${limits.memorySource})` : "no known limit is exceeded"}${limits.maxTensorBytes !== undefined ? `, the largest tensor (${m.largest.what}, ${formatBytes(m.largest.bytes)}) is within ${limits.maxTensorSource}` : ""}.`);
  else {
    lines.push(`It does not fit: ${m.problems.join("; ")}.`);
    if (alts.length) lines.push(`These fit: ${alts.map((a) => `${planText(a)} (${formatBytes(a.estimate.total)})`).join("; ")}.`);
    else if (limits.maxTensorBytes !== undefined && config.vocab_size * config.hidden_size * 4 > limits.maxTensorBytes) {
      lines.push(`Nothing nearby fits: the word-embedding table alone is over ${limits.maxTensorSource}. Use a backend with a larger limit (WASM, CPU), or a model with a smaller vocabulary.`);
    } else lines.push("Nothing nearby fits on this backend: try a smaller model.");
    lines.push("Storing the weights in float16 halves the download and the checkpoints, not training memory: tfjs computes in float32.");
  }
  return lines;
}

/** An out-of-memory error in the middle of training, explained with the preflight's numbers. */
export function explainOutOfMemory(err: unknown, p: Preflight): string {
  const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return [`Training ran out of memory (${msg}).`, ...p.lines, "The last checkpoint is kept: continue from it with a plan that fits."].join(" ");
}
