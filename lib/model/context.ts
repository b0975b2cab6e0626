// Options of one forward pass, resolved once: training mode, dropout rates, the dropout seed stream, a tensor hook.
import type { BertConfig } from "./config";
import type { TensorHook } from "./ops";
import { SeedStream } from "./rng";

export interface ForwardOptions {
  training?: boolean;            // dropout on (default false: eval is deterministic)
  seed?: number;                 // seeds this pass's dropout masks (random when absent)
  hiddenDropout?: number;        // overrides config.hidden_dropout_prob
  attentionDropout?: number;     // overrides config.attention_probs_dropout_prob
  outputAttentions?: boolean;    // return [B, A, T, T] probabilities of every layer
  outputHidden?: boolean;        // return the embeddings output and every layer's output, [B, T, H] each
  onTensor?: TensorHook;         // sees every named intermediate ("layer.0.attention.scores", ...)
}

export interface Ctx {
  hiddenDrop: number;
  attnDrop: number;
  seeds: SeedStream;
  hook: TensorHook;
}

export function makeCtx(config: BertConfig, opts: ForwardOptions): Ctx {
  const training = opts.training ?? false;
  return {
    hiddenDrop: training ? (opts.hiddenDropout ?? config.hidden_dropout_prob) : 0,
    attnDrop: training ? (opts.attentionDropout ?? config.attention_probs_dropout_prob) : 0,
    seeds: new SeedStream(opts.seed ?? Math.floor(Math.random() * 2 ** 31)),
    hook: opts.onTensor ?? (() => {}),
  };
}
