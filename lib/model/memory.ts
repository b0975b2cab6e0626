// How much memory one training step of BERT needs, estimated from the config: weights, gradients,
// optimizer state and the activations backprop must keep. An estimate, not a measurement: frameworks add
// their own overhead (CUDA context, allocator caches, temporary buffers) on top of these tensors.
import type { BertConfig } from "./config";
import { parameterCount } from "./config";

export interface MemoryOptions {
  batchSize: number;                        // B
  seqLen: number;                           // T, after padding: what the tensors are actually shaped
  bytesPerValue?: number;                   // 4 = float32 (default), 2 = float16/bfloat16
  optimizer?: "adam" | "sgd";               // adam keeps two moments (m, v) per parameter; plain sgd none
  head?: "classifier" | "mlm" | "none";     // what sits on the encoder (changes params and a few activations)
  trainableParameters?: number;             // when some are frozen: only these get gradients and optimizer state
}

/** Per-term sizes in bytes. */
export interface ActivationDetail {
  embeddings: number;          // the embedding block (once)
  perLayer: number;            // one encoder layer, linear + quadratic parts
  perLayerLinear: number;      // the part of a layer proportional to T ([B, T, H] and [B, T, I] tensors)
  perLayerQuadratic: number;   // the part proportional to T^2 ([B, A, T, T] tensors)
  attentionQuadratic: number;  // perLayerQuadratic x L: the T^2 share of all activations
  head: number;                // pooler + classifier, or the MLM head
}

export interface MemoryEstimate {
  parameters: number;   // scalar count, as parameterCount
  weights: number;      // bytes
  gradients: number;    // bytes, one per weight
  optimizer: number;    // bytes of optimizer state
  activations: number;  // bytes kept from the forward pass for backward
  total: number;        // the sum of the four above
  detail: ActivationDetail;
}

// Dropout masks are booleans: PyTorch stores them as 1 byte per value whatever the float width.
const MASK_BYTES = 1;

/**
 * Training-step memory of BERT for a batch of B sequences padded to T.
 *
 * Static terms (independent of B and T), with P = parameterCount(config, { head }):
 *   weights    = P x bytes
 *   gradients  = P' x bytes                 (one gradient per trained weight; P' = P unless some are frozen)
 *   optimizer  = 2 P' x bytes for Adam      (first and second moments m, v), 0 for plain SGD
 *
 * Activations: what the forward pass must keep so that backward can run (the inputs of every matmul, the
 * softmax output, GELU's input, LayerNorm's input, the dropout masks). Per encoder layer, b = bytes:
 *   [B, T, H]  x 8 x b   input x of the Q/K/V projections, Q, K, V, context (input of the output dense),
 *                        the residual sum before LayerNorm 1, the FFN input (LayerNorm 1's output),
 *                        the residual sum before LayerNorm 2
 *   [B, T, H]  x 2 x 1   the dropout masks after the attention output dense and after the FFN
 *   [B, T, I]  x 2 x b   FFN intermediate before GELU (GELU's backward needs it) and after (W2's input)
 *   [B, A, T, T] x 3 x b scores, probs (softmax's backward needs its output), probs after dropout (the
 *                        matmul with V needs it). Strictly only the last two are needed; the scores are
 *                        counted because tfjs's tape keeps them, and in PyTorch the raw QK^T and the scaled
 *                        scores are alive together for a moment anyway, so they belong to the peak.
 *   [B, A, T, T] x 1     the attention dropout mask
 * Embeddings: [B, T, H] x b (the sum before LayerNorm) + [B, T, H] x 1 (dropout mask); its output is layer 0's x.
 * Classifier head: pooler input, tanh output, dropout mask ([B, H] each) and the logits: tiny.
 * MLM head (every position predicted): [B, T, H] x 3 x b (dense input, GELU input, LayerNorm input)
 *   + [B, T, V] x 2 x b (logits and their softmax for the loss).
 */
export function estimateTrainingMemory(config: BertConfig, opts: MemoryOptions): MemoryEstimate {
  const { batchSize: B, seqLen: T, bytesPerValue: b = 4, optimizer = "adam", head = "classifier" } = opts;
  if (!(B > 0 && T > 0)) throw new Error(`batchSize and seqLen must be positive (got ${B}, ${T})`);
  const H = config.hidden_size, I = config.intermediate_size, A = config.num_attention_heads;
  const L = config.num_hidden_layers, V = config.vocab_size;

  const parameters = parameterCount(config, { head });
  const weights = parameters * b;
  const trainable = opts.trainableParameters ?? parameters;
  const gradients = trainable * b;
  const optimizerBytes = optimizer === "adam" ? 2 * trainable * b : 0;

  const BTH = B * T * H, BTI = B * T * I, BATT = B * A * T * T;
  const perLayerLinear = BTH * (8 * b + 2 * MASK_BYTES) + BTI * 2 * b;
  const perLayerQuadratic = BATT * (3 * b + MASK_BYTES);
  const perLayer = perLayerLinear + perLayerQuadratic;
  const embeddingsBytes = BTH * (b + MASK_BYTES);
  let headBytes = 0;
  if (head === "classifier") headBytes = B * H * (2 * b + MASK_BYTES) + B * config.num_labels * b;
  if (head === "mlm") headBytes = BTH * 3 * b + B * T * V * 2 * b;

  const activations = embeddingsBytes + L * perLayer + headBytes;
  return {
    parameters,
    weights,
    gradients,
    optimizer: optimizerBytes,
    activations,
    total: weights + gradients + optimizerBytes + activations,
    detail: {
      embeddings: embeddingsBytes,
      perLayer,
      perLayerLinear,
      perLayerQuadratic,
      attentionQuadratic: L * perLayerQuadratic,
      head: headBytes,
    },
  };
}

// Sizes print in binary units (formatBytes: "3.13 GiB"); kept importable from here for the engine namespace.
export { formatBytes, GiB } from "../format";
