// One sentence through the whole classifier, block by block, for "BERT 해부도" (components/anatomy): the tokens, the
// embedding sum, each layer's attention block (after its add & norm) and feed-forward block (after its add & norm),
// the last layer's [CLS] vector, the pooler, the classifier's logits and the softmax. It is the model's own forward
// pass (BertForSequenceClassification.forward with its tensor hook), not a re-implementation, so every number is
// the engine's. Runs in the explorer's engine worker and in Node (the precomputed example and its unit test).
import * as tf from "@tensorflow/tfjs";
import type { Classifier } from "./explain";
import { round4, TRACE_DIMS, type Trace, type TraceBlock } from "./trace-view";
import { typedUnknown } from "./words";

export * from "./trace-view";

/** The first `dims` values of each of `rows` rows of a row-major [rows, width] array, rounded to 4 decimals. */
function firstDims(v: Float32Array | Int32Array | Uint8Array, rows: number, width: number, dims = TRACE_DIMS): number[][] {
  const d = Math.min(dims, width);
  return Array.from({ length: rows }, (_, r) => Array.from(v.subarray(r * width, r * width + d), round4));
}

export async function traceSentence(clf: Classifier, text: string): Promise<Trace> {
  if (!text.trim()) throw new Error("빈 문장입니다. 문장을 넣어 주세요.");
  const { model, tokenizer } = clf;
  const cfg = model.config;
  const L = cfg.num_hidden_layers, A = cfg.num_attention_heads, H = cfg.hidden_size;
  const enc = tokenizer.encode(text, { maxLen: cfg.max_position_embeddings });
  const T = enc.ids.length;

  // The hook sees every named intermediate; the ones the diagram draws are returned from tidy, so they outlive it.
  const names = ["embeddings.output", ...Array.from({ length: L }, (_, i) => [`layer.${i}.attention.output`, `layer.${i}.output`]).flat()];
  const kept = tf.tidy(() => {
    const seen = new Map<string, tf.Tensor>();
    const out = model.forward(
      { inputIds: enc.ids, attentionMask: enc.attentionMask, tokenTypeIds: enc.tokenTypeIds, batchSize: 1, seqLen: T },
      { outputAttentions: true, onTensor: (name, t) => { if (names.includes(name)) seen.set(name, t); } },
    );
    const missing = names.filter((n) => !seen.has(n));
    if (missing.length) throw new Error(`the forward pass did not report ${missing.join(", ")}`);
    return [...names.map((n) => seen.get(n)!), tf.stack(out.attentions!.map((a) => tf.squeeze(a, [0]))), out.pooled!, out.logits, tf.softmax(out.logits)];
  });
  let data: (Float32Array | Int32Array | Uint8Array)[];
  try {
    data = await Promise.all(kept.map((t) => t.data()));
  } finally {
    tf.dispose(kept);
  }
  const hidden = data.slice(0, names.length);
  const [att, pooled, logits, probs] = data.slice(names.length);

  const tokens = enc.tokens.map((t, i) => typedUnknown(text, enc, tokenizer.specials.unk, i) ?? t);
  const blocks: TraceBlock[] = [
    { id: "tokens", kind: "tokens", shape: [T], rows: [enc.ids.slice()] },
    { id: "embeddings", kind: "embeddings", shape: [T, H], rows: firstDims(hidden[0], T, H) },
  ];
  for (let l = 0; l < L; l++) {
    const heads = Array.from({ length: A }, (_, a) =>
      Array.from({ length: T }, (_, q) => Array.from(att.subarray(((l * A + a) * T + q) * T, ((l * A + a) * T + q + 1) * T), (x) => Math.round(x * 1e3) / 1e3)));
    blocks.push({ id: `layer${l + 1}.attention`, kind: "attention", layer: l + 1, shape: [T, H], rows: firstDims(hidden[1 + 2 * l], T, H), heads });
    blocks.push({ id: `layer${l + 1}.ffn`, kind: "ffn", layer: l + 1, shape: [T, H], rows: firstDims(hidden[2 + 2 * l], T, H) });
  }
  const p = Array.from(probs);
  blocks.push(
    { id: "cls", kind: "cls", shape: [H], rows: firstDims(hidden[2 * L], 1, H) },
    { id: "pooler", kind: "pooler", shape: [H], rows: firstDims(pooled, 1, H) },
    { id: "classifier", kind: "classifier", shape: [logits.length], rows: [Array.from(logits, round4)] },
    { id: "softmax", kind: "softmax", shape: [p.length], rows: [p.map(round4)] },
  );
  return {
    text, tokens, ids: enc.ids.slice(), labels: clf.labels, layers: L, heads: A, hidden: H, intermediate: cfg.intermediate_size, blocks,
    logits: Array.from(logits), probs: p, prediction: p.indexOf(Math.max(...p)),
  };
}
