// A Hugging Face config.json, checked: BERT Lab's layers are BERT's, so anything else is refused by name
// rather than loaded into the wrong computation (a RoBERTa loads into BERT shapes and silently computes nonsense).
import { configFromJSON, type BertConfig } from "./config";
import type { HeadKind } from "./names";
import { EngineError } from "../errors";

/** What the checkpoint itself says it is, from `architectures`. */
export interface CheckpointKind {
  architecture: string;              // e.g. "BertForMaskedLM"; "BertModel" when unnamed
  heads: HeadKind[];                 // heads whose weights the checkpoint should carry
}

const KNOWN_ARCHITECTURES: Record<string, HeadKind[]> = {
  BertModel: ["none"],
  BertForPreTraining: ["mlm"],       // + the NSP head, which BERT Lab reports as unused
  BertForMaskedLM: ["mlm"],
  BertLMHeadModel: ["mlm"],
  BertForSequenceClassification: ["classifier"],
};

/** Refuse what is not an encoder-only, absolute-position, exact-GELU BERT; then fill Hugging Face's defaults. */
export function bertConfigFromHF(json: Record<string, unknown>, where = "config.json"): BertConfig {
  const archs = Array.isArray(json.architectures) ? (json.architectures as string[]) : [];
  const named = archs.length ? ` (architectures: ${archs.join(", ")})` : "";
  const modelType = json.model_type;
  if (modelType !== undefined && modelType !== "bert") {
    throw new EngineError("hf-not-bert", `${where}: model_type is "${String(modelType)}"${named}, not "bert". BERT Lab loads BERT checkpoints only: a ${String(modelType)} model differs in its layers or embeddings, and would compute something else in BERT's shapes.`, { where, modelType: String(modelType), architectures: archs.join(", ") });
  }
  if (modelType === undefined && archs.length && !archs.some((a) => a.startsWith("Bert"))) {
    throw new EngineError("hf-not-bert-arch", `${where}: no model_type, and the architectures${named} are not BERT's.`, { where, architectures: archs.join(", ") });
  }
  const pos = json.position_embedding_type;
  if (pos !== undefined && pos !== "absolute") {
    throw new EngineError("hf-position-type", `${where}: position_embedding_type is "${String(pos)}"; BERT Lab implements BERT's learned absolute positions only.`, { where, value: String(pos) });
  }
  if (json.is_decoder === true || json.add_cross_attention === true) {
    throw new EngineError("hf-decoder", `${where}: a decoder BERT (is_decoder / add_cross_attention) is not supported; BERT Lab runs the bidirectional encoder.`, { where });
  }
  const act = json.hidden_act ?? "gelu";
  if (act !== "gelu") {
    throw new EngineError("hf-activation", `${where}: hidden_act is "${String(act)}"; BERT Lab implements BERT's exact erf GELU ("gelu") only.`, { where, value: String(act) });
  }
  return configFromJSON(json as Partial<BertConfig>);
}

/** The checkpoint's own architecture, for the report ("a BertForMaskedLM checkpoint, loaded as a classifier"). */
export function checkpointKind(config: BertConfig): CheckpointKind {
  const architecture = config.architectures?.find((a) => a in KNOWN_ARCHITECTURES) ?? config.architectures?.[0] ?? "BertModel";
  return { architecture, heads: KNOWN_ARCHITECTURES[architecture] ?? ["none"] };
}
