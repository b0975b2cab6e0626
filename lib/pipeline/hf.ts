// Bring your own BERT: a Hugging Face folder in (model + tokenizer + labels + a report of what happened), and any
// engine model back out as a folder transformers loads. Pages, the kernel worker and the CLI all call these.
import {
  ARCHITECTURE, BertForMaskedLM, countParams, BertForSequenceClassification, fetchReader, hfModelFiles, loadHFModel, readOptionalJSON, readSourceText,
  readerSource, type HFLoadProgress, type HFModelLoad, type ModelFiles, type ModelSource,
} from "../model";
import { hfTokenizer, hfTokenizerFiles, vocabToText, type WordPieceTokenizer } from "../tokenizer";
import { loadClassifier } from "./load";
import { EngineError } from "../errors";

export interface HFReport {
  source: string;
  architecture: string;                // what the checkpoint says it is
  loadedAs: string;                    // what we built
  missing: string[];                   // newly initialised (seeded)
  unexpected: string[];                // in the file, not used
  dtypes: Record<string, number>;
  bytes: number;
  parameters: number;
  tokenizerDefaults: string[];         // tokenizer settings that came from HF's defaults, not the files
  lines: string[];                     // the above in sentences, as transformers' warnings read
}

export interface HFLoaded<M> {
  model: M;
  tokenizer: WordPieceTokenizer;
  labels: string[];
  maxLength: number;                   // min(model_max_length, max_position_embeddings)
  report: HFReport;
}

export interface HFLoadOptions {
  head?: "classifier" | "mlm";         // default classifier: what fine-tuning needs
  numLabels?: number;                  // a new classifier with this many classes
  labels?: string[];                   // their names (sets numLabels)
  seed?: number;                       // the new weights' init
  onProgress?: (p: HFLoadProgress) => void;
}

function labelsOf(config: { num_labels: number; id2label?: unknown }): string[] {
  const map = (config.id2label ?? {}) as Record<string, string>;
  return Array.from({ length: config.num_labels }, (_, i) => map[String(i)] ?? `LABEL_${i}`);
}

const missingLine = (loadedAs: string, missing: string[]) =>
  `Some weights of ${loadedAs} were not in the checkpoint and are newly initialised: ${missing.join(", ")}. Train the model before using it for predictions.`;

function reportOf(src: ModelSource, r: HFModelLoad, loadedAs: string, tokenizerDefaults: string[]): HFReport {
  const parameters = countParams(r.params);
  const lines = [`${src.label}: a ${r.checkpoint.architecture} checkpoint (${r.files.join(", ")}, ${Object.entries(r.dtypes).map(([d, n]) => `${n} ${d}`).join(", ")}), loaded as ${loadedAs} with ${parameters.toLocaleString("en")} parameters.`];
  if (r.missing.length) lines.push(missingLine(loadedAs, r.missing));
  if (r.unexpected.length) lines.push(`Some weights of the checkpoint were not used by ${loadedAs}: ${r.unexpected.join(", ")}.`);
  if (tokenizerDefaults.length) lines.push(`No tokenizer setting in the folder for ${tokenizerDefaults.join(", ")}: Hugging Face's default applies.`);
  return { source: src.label, architecture: r.checkpoint.architecture, loadedAs, missing: r.missing, unexpected: r.unexpected, dtypes: r.dtypes, bytes: r.bytes, parameters, tokenizerDefaults, lines };
}

/** The tokenizer of a Hugging Face folder (vocab.txt or tokenizer.json, tokenizer_config.json, special_tokens_map.json). */
export async function loadHFTokenizer(src: ModelSource) {
  // tokenizer.json only when there is no vocab.txt: each probe of a missing file over HTTP is a 404 in the console.
  const vocabText = (await src.has("vocab.txt")) ? await readSourceText(src, "vocab.txt") : undefined;
  const tokenizerJSON = vocabText === undefined ? await readOptionalJSON<Record<string, unknown>>(src, "tokenizer.json") : undefined;
  if (vocabText === undefined && !tokenizerJSON) throw new EngineError("hf-no-vocab", `${src.label} has no vocab.txt (nor tokenizer.json): the tokenizer cannot be built`, { where: src.label });
  const tokenizerConfig = await readOptionalJSON<Record<string, unknown>>(src, "tokenizer_config.json");
  // Special-token names live in tokenizer_config.json (newer saves) or special_tokens_map.json (older ones).
  const named = tokenizerConfig && ["unk_token", "cls_token", "sep_token", "pad_token", "mask_token"].every((k) => k in tokenizerConfig);
  const specialTokensMap = named ? undefined : await readOptionalJSON<Record<string, unknown>>(src, "special_tokens_map.json");
  return hfTokenizer({ vocabText, tokenizerJSON, tokenizerConfig, specialTokensMap });
}

/**
 * `await engine.loadHuggingFace(source)`: a Hugging Face BERT folder as a classifier (default) or masked LM.
 * `source` is a ModelSource (dropped files, a folder on disk) or the URL of a folder served over HTTP.
 */
export async function loadHuggingFace(source: ModelSource | string, opts: HFLoadOptions & { head: "mlm" }): Promise<HFLoaded<BertForMaskedLM>>;
export async function loadHuggingFace(source: ModelSource | string, opts?: HFLoadOptions): Promise<HFLoaded<BertForSequenceClassification>>;
export async function loadHuggingFace(source: ModelSource | string, opts: HFLoadOptions = {}): Promise<HFLoaded<BertForSequenceClassification | BertForMaskedLM>> {
  const src = typeof source === "string" ? readerSource(fetchReader(source), source) : source;
  const head = opts.head ?? "classifier";
  const tok = await loadHFTokenizer(src);    // first: a folder without a vocabulary fails before 400 MB are read
  const numLabels = opts.labels?.length ?? opts.numLabels;
  const r = await loadHFModel(src, { head, seed: opts.seed, numLabels, onProgress: opts.onProgress });
  if (r.config.vocab_size < tok.tokenizer.vocabSize) {
    for (const v of r.params.values()) v.dispose();
    throw new EngineError("hf-vocab-too-big", `${src.label}: the vocabulary has ${tok.tokenizer.vocabSize} tokens but the model's embedding table only ${r.config.vocab_size} rows`, { where: src.label, vocab: tok.tokenizer.vocabSize, rows: r.config.vocab_size });
  }
  const model = head === "mlm" ? new BertForMaskedLM(r.config, r.params) : new BertForSequenceClassification(r.config, r.params);
  const labels = opts.labels ?? labelsOf(r.config);
  const maxLength = Math.min(tok.modelMaxLength ?? Infinity, r.config.max_position_embeddings);
  return { model, tokenizer: tok.tokenizer, labels, maxLength, report: reportOf(src, r, ARCHITECTURE[head], tok.defaulted) };
}

/**
 * Any engine model (ours, an imported one, one fine-tuned in the page) as a Hugging Face folder:
 * model.safetensors, config.json, vocab.txt, tokenizer_config.json, special_tokens_map.json.
 */
export async function exportHuggingFace(
  m: { model: BertForSequenceClassification | BertForMaskedLM; tokenizer: WordPieceTokenizer; labels?: string[] },
  opts: { dtype?: "F32" | "F16"; maxLength?: number } = {},
): Promise<ModelFiles> {
  const files = await hfModelFiles(m.model.params, m.model.config, { labels: m.labels, dtype: opts.dtype, padTokenId: m.tokenizer.padId });
  const { tokenizerConfig, specialTokensMap } = hfTokenizerFiles(m.tokenizer, opts.maxLength ?? m.model.config.max_position_embeddings);
  files.set("vocab.txt", vocabToText(m.tokenizer.tokens));
  files.set("tokenizer_config.json", JSON.stringify(tokenizerConfig, null, 2));
  files.set("special_tokens_map.json", JSON.stringify(specialTokensMap, null, 2));
  return files;
}

/**
 * A classifier from a folder in either format: ours (weights.json + shards) or Hugging Face's (safetensors).
 * The CLI's `--model` and the page's file picker both take either.
 */
export async function loadClassifierFolder(src: ModelSource, opts: HFLoadOptions = {}): Promise<HFLoaded<BertForSequenceClassification> & { format: "bert-lab" | "huggingface" }> {
  if (await src.has("weights.json")) {
    const ours = await loadClassifier((name) => src.read(name), { seed: opts.seed, numLabels: opts.labels?.length ?? opts.numLabels });
    const { missing } = ours;
    const parameters = countParams(ours.model.params);
    const lines = [`${src.label}: a BERT Lab model folder (weights.json), ${parameters.toLocaleString("en")} parameters.`];
    if (missing.length) lines.push(missingLine("BertForSequenceClassification", missing));
    const report: HFReport = { source: src.label, architecture: "BertForSequenceClassification", loadedAs: "BertForSequenceClassification", missing, unexpected: [], dtypes: {}, bytes: 0, parameters, tokenizerDefaults: [], lines };
    return { ...ours, labels: opts.labels ?? ours.labels, maxLength: ours.model.config.max_position_embeddings, report, format: "bert-lab" };
  }
  return { ...(await loadHuggingFace(src, opts)), format: "huggingface" };
}
