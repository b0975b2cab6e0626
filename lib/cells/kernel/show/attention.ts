// show.attention's worker side: turn what a cell has (model output tensors or nested arrays) into one
// flat AttentionItem for the page. Accepted `attentions`:
//   - tf.Tensor[] of L × [B, A, T, T] (model.forward(..., { outputAttentions: true }).attentions) or L × [A, T, T]
//   - one tf.Tensor [L, A, T, T] or [L, B, A, T, T]
//   - the same shapes as nested number arrays
// Padding: when tokens.length < T (a padded batch row), the maps are cut to the first tokens.length positions.
import * as tf from "@tensorflow/tfjs";
import type { AttentionItem } from "../../protocol";
import { cutNotice, type Explanation } from "../../../explain/explain";

export interface ShowAttentionOptions {
  /** engine.explain's result: tokens, attention, prediction and cut notice come from it, plus every explanation view. */
  explanation?: Explanation;
  tokens?: string[];
  attentions?: tf.Tensor | tf.Tensor[] | number[][][][] | number[][][][][];
  /** Which row of a batch (default 0). */
  index?: number;
  /** A classifier's answer: { labels, probs } or engine.classify's { name, label, probs } with labels. */
  prediction?: { labels?: string[]; probs: number[]; label?: number; name?: string };
  title?: string;
  notice?: string;
}

const isTensor = (x: unknown): x is tf.Tensor => x instanceof tf.Tensor;

function depth(x: unknown): number {
  let d = 0;
  while (Array.isArray(x)) { d++; x = x[0]; }
  return d;
}

/** [L, A, T, T] from any accepted form, picking batch row `index`. Caller disposes. */
function toLATT(att: ShowAttentionOptions["attentions"], index: number): tf.Tensor4D {
  return tf.tidy(() => {
    const perLayer = (t: tf.Tensor): tf.Tensor => {
      if (t.rank === 3) return t;                                              // [A, T, T]
      if (t.rank === 4) {                                                      // [B, A, T, T]
        if (index >= t.shape[0]) throw new Error(`index ${index}: 배치에 ${t.shape[0]}개 문장만 있습니다`);
        return tf.squeeze(tf.slice(t, [index, 0, 0, 0], [1, -1, -1, -1]), [0]);
      }
      throw new Error(`층 하나의 어텐션은 [B, A, T, T]나 [A, T, T]여야 하는데 shape이 [${t.shape}]입니다`);
    };
    if (Array.isArray(att) && (att.length === 0 || isTensor(att[0]))) {
      if (att.length === 0) throw new Error("attentions가 비어 있습니다: forward에 { outputAttentions: true }를 주었나요?");
      return tf.stack((att as tf.Tensor[]).map(perLayer)) as tf.Tensor4D;
    }
    const whole = isTensor(att) ? att : tf.tensor(att as number[][][][], undefined, "float32");
    const rank = isTensor(att) ? att.rank : depth(att);
    if (rank === 4) return whole as tf.Tensor4D;                              // [L, A, T, T]
    if (rank === 5) return tf.stack(tf.unstack(whole).map(perLayer)) as tf.Tensor4D;   // [L, B, A, T, T]
    throw new Error(`attentions의 shape을 알 수 없습니다 (rank ${rank}): [L, A, T, T]나 L개의 [B, A, T, T] 텐서를 주세요`);
  });
}

export async function attentionItem(opts: ShowAttentionOptions, id: number): Promise<AttentionItem> {
  if (!opts || typeof opts !== "object") throw new Error("show.attention({ tokens, attentions, prediction? })나 show.attention({ explanation }) 형태로 부르세요");
  const e = opts.explanation;
  if (e) {
    if (!(e.attention instanceof Float32Array) || !Array.isArray(e.tokens)) throw new Error("show.attention: explanation은 engine.explain(clf, 문장)의 결과여야 합니다");
    return {
      kind: "attention", id, title: opts.title ?? e.text, tokens: e.tokens, layers: e.layers, heads: e.heads, values: e.attention,
      prediction: { labels: e.labels, probs: e.probs, label: e.target }, notice: opts.notice ?? cutNotice(e) ?? undefined, explanation: e,
    };
  }
  const tokens = Array.from(opts.tokens ?? [], String);
  if (tokens.length === 0) throw new Error("show.attention: tokens가 비어 있습니다");
  if (opts.attentions === undefined) throw new Error("show.attention: attentions가 없습니다: model.forward(batch, { outputAttentions: true })의 attentions를 주세요");
  const latt = toLATT(opts.attentions, opts.index ?? 0);   // checked above: not undefined
  try {
    const [L, A, T, T2] = latt.shape;
    if (T !== T2) throw new Error(`어텐션 행렬이 정사각형이 아닙니다: [${latt.shape}]`);
    if (tokens.length > T) throw new Error(`토큰이 ${tokens.length}개인데 어텐션은 ${T}×${T}입니다: 같은 문장의 토큰과 어텐션인가요?`);
    const n = tokens.length;
    const cut = n < T ? tf.slice(latt, [0, 0, 0, 0], [L, A, n, n]) : latt;   // padding positions dropped
    const values = (await cut.data()) as Float32Array;
    if (cut !== latt) cut.dispose();
    let prediction: AttentionItem["prediction"];
    if (opts.prediction) {
      const probs = Array.from(opts.prediction.probs ?? [], Number);
      const labels = opts.prediction.labels?.map(String) ?? probs.map((_, k) => (k === opts.prediction!.label && opts.prediction!.name ? opts.prediction!.name : String(k)));
      prediction = { labels, probs, label: opts.prediction.label };
    }
    return { kind: "attention", id, title: opts.title, tokens, layers: L, heads: A, values: Float32Array.from(values), prediction, notice: opts.notice };
  } finally {
    latt.dispose();
  }
}
