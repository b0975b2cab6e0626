// Any model in the engine -> the model files of a Hugging Face folder: model.safetensors with Hugging Face's names
// and shapes, and a config.json that `BertForSequenceClassification.from_pretrained(folder)` (or BertForMaskedLM)
// reads. The tokenizer's files are added by lib/pipeline (exportHuggingFace), which knows the tokenizer.
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import type { ModelFiles } from "./io";
import { paramSpecs, type HeadKind } from "./names";
import type { Params } from "./params";
import { writeSafetensors, type SafeTensorOut } from "./safetensors";
import { EngineError } from "../errors";

export const ARCHITECTURE: Record<HeadKind, string> = {
  none: "BertModel",
  classifier: "BertForSequenceClassification",
  mlm: "BertForMaskedLM",
};

export interface HFExportOptions {
  labels?: string[];           // id2label; default LABEL_0 …
  dtype?: "F32" | "F16";       // F16 halves the file; transformers loads it into float32 models as well
  padTokenId?: number;         // config.pad_token_id (the vocabulary's [PAD])
}

function headOf(params: Params): HeadKind {
  if (params.has("classifier.weight")) return "classifier";
  if (params.has("cls.predictions.bias")) return "mlm";
  return "none";
}

/** config.json as transformers writes it for this head: architectures, model_type, id2label/label2id. */
export function hfConfigJSON(config: BertConfig, head: HeadKind, opts: HFExportOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config, architectures: [ARCHITECTURE[head]], model_type: "bert" };
  delete out.num_labels;   // transformers derives it from id2label
  if (head === "classifier") {
    const labels = opts.labels ?? Array.from({ length: config.num_labels }, (_, i) => `LABEL_${i}`);
    if (labels.length !== config.num_labels) throw new EngineError("export-labels", `${labels.length} labels for a classifier with num_labels ${config.num_labels}`, { labels: labels.length, numLabels: config.num_labels });
    out.id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
    out.label2id = Object.fromEntries(labels.map((l, i) => [l, i]));
  } else {
    delete out.id2label;
    delete out.label2id;
  }
  out.pad_token_id = opts.padTokenId ?? config.pad_token_id ?? 0;
  out.position_embedding_type = "absolute";
  out.torch_dtype = opts.dtype === "F16" ? "float16" : "float32";
  return out;
}

/** model.safetensors + config.json for the model's parameters, in Hugging Face's order. */
export async function hfModelFiles(params: Params, config: BertConfig, opts: HFExportOptions = {}): Promise<ModelFiles> {
  const head = headOf(params);
  const tensors: SafeTensorOut[] = [];
  for (const spec of paramSpecs(config, head, params.has("bert.pooler.dense.weight"))) {
    const v = params.get(spec.name);
    if (!v) throw new EngineError("export-missing", `cannot export: the model has no ${spec.name}`, { tensor: spec.name });
    const file = spec.transposed ? tf.transpose(v) : v;            // memory [in, out] -> file [out, in]
    tensors.push({ name: spec.name, shape: spec.fileShape, values: (await file.data()) as Float32Array });
    if (file !== v) file.dispose();
  }
  const files: ModelFiles = new Map();
  files.set("model.safetensors", writeSafetensors(tensors, { dtype: opts.dtype }));
  files.set("config.json", JSON.stringify(hfConfigJSON(config, head, opts), null, 2));
  return files;
}
