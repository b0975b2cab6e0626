// The two things a reader does with a shipped model: fill a [MASK], and classify a review.
import * as tf from "@tensorflow/tfjs";
import type { BertForMaskedLM, BertForSequenceClassification } from "../model";
import type { WordPieceTokenizer } from "../tokenizer";
import { EngineError } from "../errors";

export interface MaskPrediction { token: string; id: number; prob: number }
export interface MaskFill { position: number; predictions: MaskPrediction[] }

/**
 * Which word pieces of a text the model reads when it has room for only `room` of them: all when they fit,
 * else a window of `room` pieces around the masks (the context split evenly before and after them), so
 * truncation never cuts a [MASK] away. [start, end) into `pieces`. Throws when the masks are further apart
 * than one window holds, saying where they are.
 */
export function maskWindow(pieces: readonly string[], room: number): { start: number; end: number } {
  const masks = pieces.flatMap((p, i) => (p === "[MASK]" ? [i] : []));
  if (pieces.length <= room || masks.length === 0) return { start: 0, end: Math.min(pieces.length, room) };
  const first = masks[0], last = masks[masks.length - 1];
  const span = last - first + 1;
  if (span > room) {
    throw new Error(
      `the text is ${pieces.length} word pieces, the model reads ${room} at a time, and its [MASK]s (pieces ${masks.map((m) => m + 1).join(", ")}) ` +
        `are ${span} pieces apart: they do not fit in one window. Shorten the text or put the masks closer together.`,
    );
  }
  let start = Math.max(0, first - Math.floor((room - span) / 2));
  const end = Math.min(pieces.length, start + room);
  start = Math.max(0, end - room);
  return { start, end };
}

/**
 * Top-k tokens for every [MASK] in `text` ("영화가 정말 [MASK]어요"). Throws when there is no [MASK]:
 * a silent empty answer would look like a model failure. A text longer than the model's positions is cut to
 * a window around the masks (maskWindow), never past one; `position` is the index in that window's ids.
 */
export async function fillMask(lm: { model: BertForMaskedLM; tokenizer: WordPieceTokenizer }, text: string, topK = 5): Promise<MaskFill[]> {
  const { model, tokenizer } = lm;
  const pieces = tokenizer.tokenize(text);
  if (!pieces.includes("[MASK]")) throw new EngineError("no-mask", `no [MASK] in "${text}": write [MASK] where a word should be guessed`, { text });
  const { start, end } = maskWindow(pieces, model.config.max_position_embeddings - 2);   // room for [CLS], [SEP]
  const ids = [tokenizer.clsId, ...pieces.slice(start, end).map((p) => tokenizer.tokenToId(p)), tokenizer.sepId];
  const positions = ids.flatMap((id, i) => (id === tokenizer.maskId ? [i] : []));
  const T = ids.length;
  const [values, indices] = tf.tidy(() => {
    const { logits } = model.forward({ inputIds: ids, attentionMask: ids.map(() => 1), tokenTypeIds: ids.map(() => 0), batchSize: 1, seqLen: T }, { positions });
    const probs = tf.softmax(logits);                          // [M, V]: over the vocabulary axis
    const top = tf.topk(probs, topK);
    return [top.values, top.indices];
  });
  const [v, ix] = [(await values.array()) as number[][], (await indices.array()) as number[][]];
  tf.dispose([values, indices]);
  return positions.map((position, m) => ({
    position,
    predictions: ix[m].map((id, k) => ({ id, token: tokenizer.idToToken(id), prob: v[m][k] })),
  }));
}

export interface Classification { label: number; name: string; probs: number[] }

/** Class probabilities and the argmax label (over the class axis) for each text, in batches of 32. */
export async function classify(clf: { model: BertForSequenceClassification; tokenizer: WordPieceTokenizer; labels: string[] }, texts: string[], maxLen = 128): Promise<Classification[]> {
  const out: Classification[] = [];
  for (let s = 0; s < texts.length; s += 32) {
    const batch = clf.tokenizer.encodeBatch(texts.slice(s, s + 32), { maxLen });
    for (const probs of await clf.model.predictProba(batch)) {
      const label = probs.indexOf(Math.max(...probs));
      out.push({ label, name: clf.labels[label] ?? String(label), probs });
    }
  }
  return out;
}
