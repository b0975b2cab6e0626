// Hugging Face weight names and shapes: the single list every other file (init, save, load, optimizer) reads.
import type { BertConfig } from "./config";

export type HeadKind = "none" | "classifier" | "mlm";

export interface ParamSpec {
  name: string;             // exactly Hugging Face's name
  fileShape: number[];      // shape in files (PyTorch: Linear weight is [out, in])
  memShape: number[];       // shape in memory (dense kernels pre-transposed to [in, out])
  transposed: boolean;      // true for Linear weights: file [out, in] <-> memory [in, out]
  init: "normal" | "zeros" | "ones";
  decay: boolean;           // AdamW weight decay applies (not to biases and LayerNorm)
}

function linear(prefix: string, inp: number, out: number): ParamSpec[] {
  return [
    { name: `${prefix}.weight`, fileShape: [out, inp], memShape: [inp, out], transposed: true, init: "normal", decay: true },
    { name: `${prefix}.bias`, fileShape: [out], memShape: [out], transposed: false, init: "zeros", decay: false },
  ];
}

function layerNorm(prefix: string, H: number): ParamSpec[] {
  return [
    { name: `${prefix}.weight`, fileShape: [H], memShape: [H], transposed: false, init: "ones", decay: false },
    { name: `${prefix}.bias`, fileShape: [H], memShape: [H], transposed: false, init: "zeros", decay: false },
  ];
}

function table(name: string, rows: number, H: number): ParamSpec {
  return { name, fileShape: [rows, H], memShape: [rows, H], transposed: false, init: "normal", decay: true };
}

/** Names of one encoder layer's weights: handy for the tutorial ("layer 3's query kernel"). */
export function layerNames(i: number) {
  const p = `bert.encoder.layer.${i}`;
  return {
    query: `${p}.attention.self.query`,
    key: `${p}.attention.self.key`,
    value: `${p}.attention.self.value`,
    attnOut: `${p}.attention.output.dense`,
    attnLayerNorm: `${p}.attention.output.LayerNorm`,
    intermediate: `${p}.intermediate.dense`,
    output: `${p}.output.dense`,
    outputLayerNorm: `${p}.output.LayerNorm`,
  };
}

export const EMB = {
  word: "bert.embeddings.word_embeddings.weight",
  position: "bert.embeddings.position_embeddings.weight",
  tokenType: "bert.embeddings.token_type_embeddings.weight",
  layerNorm: "bert.embeddings.LayerNorm",
} as const;
export const POOLER = "bert.pooler.dense";
export const CLASSIFIER = "classifier";
export const MLM = {
  transform: "cls.predictions.transform.dense",
  layerNorm: "cls.predictions.transform.LayerNorm",
  bias: "cls.predictions.bias",
} as const;

/**
 * Every parameter of BERT (+ pooler) plus the chosen head, in Hugging Face's order.
 * A masked-LM model has no pooler by default, as Hugging Face's BertForMaskedLM: MLM never reads [CLS].
 */
export function paramSpecs(c: BertConfig, head: HeadKind = "none", pooler = head !== "mlm"): ParamSpec[] {
  const H = c.hidden_size, I = c.intermediate_size;
  const specs: ParamSpec[] = [
    table(EMB.word, c.vocab_size, H),
    table(EMB.position, c.max_position_embeddings, H),
    table(EMB.tokenType, c.type_vocab_size, H),
    ...layerNorm(EMB.layerNorm, H),
  ];
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const n = layerNames(i);
    specs.push(
      ...linear(n.query, H, H), ...linear(n.key, H, H), ...linear(n.value, H, H),
      ...linear(n.attnOut, H, H), ...layerNorm(n.attnLayerNorm, H),
      ...linear(n.intermediate, H, I), ...linear(n.output, I, H), ...layerNorm(n.outputLayerNorm, H),
    );
  }
  if (pooler) specs.push(...linear(POOLER, H, H));
  if (head === "classifier") specs.push(...linear(CLASSIFIER, H, c.num_labels));
  if (head === "mlm") {
    specs.push(...linear(MLM.transform, H, H), ...layerNorm(MLM.layerNorm, H));
    specs.push({ name: MLM.bias, fileShape: [c.vocab_size], memShape: [c.vocab_size], transposed: false, init: "zeros", decay: false });
  }
  return specs;
}

/** Weight decay rule shared by the optimizer: none for biases and LayerNorm parameters. */
export function usesWeightDecay(name: string): boolean {
  return !(name.endsWith(".bias") || name.includes("LayerNorm") || name === MLM.bias);
}
