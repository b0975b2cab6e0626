// BERT hyper-parameters. Keys are Hugging Face `BertConfig` keys so a config.json written by PyTorch loads unchanged.
import { EngineError } from "../errors";

export interface BertConfig {
  vocab_size: number;
  hidden_size: number;              // H
  num_hidden_layers: number;        // L
  num_attention_heads: number;      // A (H must divide by A)
  intermediate_size: number;        // I, the feed-forward width (4H in the paper)
  max_position_embeddings: number;  // longest sequence the position table covers
  type_vocab_size: number;          // segments A/B
  layer_norm_eps: number;
  hidden_act: "gelu";               // exact erf GELU, as in the original BERT
  hidden_dropout_prob: number;
  attention_probs_dropout_prob: number;
  initializer_range: number;        // std of the normal init
  num_labels: number;               // classes of the sequence-classification head
  model_type?: string;
  architectures?: string[];
  [extra: string]: unknown;         // keep whatever else a PyTorch config carries
}

export type PresetName = "tiny" | "mini" | "small" | "base" | "large";

// Sizes follow Google's "Well-Read Students" BERT miniatures (mini/small) and the paper (base/large).
export const PRESETS: Record<PresetName, Pick<BertConfig, "hidden_size" | "num_hidden_layers" | "num_attention_heads" | "intermediate_size">> = {
  tiny: { hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 64 },
  mini: { hidden_size: 256, num_hidden_layers: 4, num_attention_heads: 4, intermediate_size: 1024 },
  small: { hidden_size: 512, num_hidden_layers: 4, num_attention_heads: 8, intermediate_size: 2048 },
  base: { hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072 },
  large: { hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, intermediate_size: 4096 },
};

export const DEFAULT_CONFIG: Omit<BertConfig, "hidden_size" | "num_hidden_layers" | "num_attention_heads" | "intermediate_size"> = {
  vocab_size: 30522,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  layer_norm_eps: 1e-12,
  hidden_act: "gelu",
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  initializer_range: 0.02,
  num_labels: 2,
  model_type: "bert",
};

/** A full config from a preset name plus overrides, e.g. `makeConfig("mini", { vocab_size: 12000 })`. */
export function makeConfig(preset: PresetName, overrides: Partial<BertConfig> = {}): BertConfig {
  return validateConfig({ ...DEFAULT_CONFIG, ...PRESETS[preset], ...overrides } as BertConfig);
}

/** Fill defaults into a (possibly partial, e.g. PyTorch-written) config.json object and check it. */
export function configFromJSON(json: Partial<BertConfig>): BertConfig {
  const merged = { ...DEFAULT_CONFIG, ...PRESETS.base, ...json } as BertConfig;
  // HF writes id2label instead of num_labels when labels are named.
  if (json.num_labels === undefined && json.id2label && typeof json.id2label === "object") {
    merged.num_labels = Object.keys(json.id2label as object).length;
  }
  if (merged.hidden_act !== "gelu") throw new EngineError("config-activation", `hidden_act "${merged.hidden_act}" is not supported (only exact "gelu")`, { value: String(merged.hidden_act) });
  return validateConfig(merged);
}

function validateConfig(c: BertConfig): BertConfig {
  if (c.hidden_size % c.num_attention_heads !== 0) {
    throw new EngineError("config-heads", `hidden_size ${c.hidden_size} is not a multiple of num_attention_heads ${c.num_attention_heads}`, { hidden: c.hidden_size, heads: c.num_attention_heads });
  }
  return c;
}

/** Size of one attention head: D = H / A. */
export const headSize = (c: BertConfig) => c.hidden_size / c.num_attention_heads;

export interface ParamCountOptions {
  pooler?: boolean;                          // default true, except with the mlm head (HF's BertForMaskedLM has none)
  head?: "none" | "classifier" | "mlm";      // default "none"
}

/**
 * Exact number of scalar parameters, counted the way PyTorch's `sum(p.numel())` does
 * (the MLM decoder is tied to the word embeddings, so it adds only its bias).
 */
export function parameterCount(c: BertConfig, opts: ParamCountOptions = {}): number {
  const { head = "none", pooler = head !== "mlm" } = opts;
  const H = c.hidden_size, I = c.intermediate_size;
  const dense = (inp: number, out: number) => inp * out + out;
  const layerNorm = 2 * H;
  const embeddings = (c.vocab_size + c.max_position_embeddings + c.type_vocab_size) * H + layerNorm;
  const layer = 4 * dense(H, H) + layerNorm + dense(H, I) + dense(I, H) + layerNorm; // QKV+out, LN, FFN, LN
  let n = embeddings + c.num_hidden_layers * layer;
  if (pooler) n += dense(H, H);
  if (head === "classifier") n += dense(H, c.num_labels);
  if (head === "mlm") n += dense(H, H) + layerNorm + c.vocab_size;
  return n;
}
