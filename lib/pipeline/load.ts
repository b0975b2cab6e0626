// Load a shipped model folder (config.json, vocab.txt, weights.json + shards) with its own tokenizer.
// The same code serves the page (fetch), the kernel worker (fetch) and Node (dirReader from lib/train/node).
import { BertForMaskedLM, BertForSequenceClassification, fetchReader, loadModelFiles, readText, type FileReader } from "../model";
import { WordPieceTokenizer } from "../tokenizer";

export interface Loaded<M> {
  model: M;
  tokenizer: WordPieceTokenizer;
  /** Human-readable labels from config.json's id2label (classifiers), e.g. ["부정", "긍정"]. */
  labels: string[];
  /** Weights the file lacked (initialised randomly, seeded): a fresh classifier on a pretrained encoder. */
  missing: string[];
}

function readerFor(source: string | FileReader): FileReader {
  return typeof source === "string" ? fetchReader(source) : source;
}

async function tokenizerFrom(read: FileReader): Promise<WordPieceTokenizer> {
  return WordPieceTokenizer.fromVocabText(await readText(read, "vocab.txt"));
}

function labelsFrom(config: { num_labels: number; id2label?: Record<string, string> }): string[] {
  return Array.from({ length: config.num_labels }, (_, i) => config.id2label?.[String(i)] ?? `LABEL_${i}`);
}

/** A sequence classifier, e.g. `await loadClassifier("/models/classifier/")`. */
export async function loadClassifier(source: string | FileReader, opts: { seed?: number; numLabels?: number } = {}): Promise<Loaded<BertForSequenceClassification>> {
  const read = readerFor(source);
  const [tokenizer, r] = await Promise.all([tokenizerFrom(read), loadModelFiles(read, { head: "classifier", seed: opts.seed, numLabels: opts.numLabels })]);
  const config = r.config as typeof r.config & { id2label?: Record<string, string> };
  return { model: new BertForSequenceClassification(r.config, r.params), tokenizer, labels: labelsFrom(config), missing: r.missing };
}

/** The pretrained encoder with its masked-LM head, e.g. `await loadMaskedLM("/models/encoder/")`. */
export async function loadMaskedLM(source: string | FileReader): Promise<Loaded<BertForMaskedLM>> {
  const read = readerFor(source);
  const [tokenizer, r] = await Promise.all([tokenizerFrom(read), loadModelFiles(read, { head: "mlm" })]);
  if (r.missing.length) throw new Error(`not a masked-LM checkpoint: missing ${r.missing.join(", ")}`);
  return { model: new BertForMaskedLM(r.config, r.params), tokenizer, labels: [], missing: r.missing };
}
