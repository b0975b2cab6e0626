// The two things a reader does with a shipped model: fill a [MASK], and classify a review.
import * as tf from "@tensorflow/tfjs";
import type { BertForMaskedLM, BertForSequenceClassification } from "../model";
import type { WordPieceTokenizer } from "../tokenizer";

export interface MaskPrediction { token: string; id: number; prob: number }
export interface MaskFill { position: number; predictions: MaskPrediction[] }

/**
 * Top-k tokens for every [MASK] in `text` ("영화가 정말 [MASK]어요"). Throws when there is no [MASK]:
 * a silent empty answer would look like a model failure.
 */
export async function fillMask(lm: { model: BertForMaskedLM; tokenizer: WordPieceTokenizer }, text: string, topK = 5): Promise<MaskFill[]> {
  const { model, tokenizer } = lm;
  const enc = tokenizer.encode(text, { maxLen: model.config.max_position_embeddings });
  const positions = enc.ids.flatMap((id, i) => (id === tokenizer.maskId ? [i] : []));
  if (positions.length === 0) throw new Error(`no [MASK] in "${text}": write [MASK] where a word should be guessed`);
  const T = enc.ids.length;
  const [values, indices] = tf.tidy(() => {
    const { logits } = model.forward({ inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T }, { positions });
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
