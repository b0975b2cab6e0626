// What sits on top of the encoder: the pooler, the sequence classifier, the masked-LM head.
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import type { Ctx } from "./context";
import { CLASSIFIER, EMB, MLM, POOLER } from "./names";
import { dense, dropout, gelu, layerNorm, matmul } from "./ops";
import { param, type Params } from "./params";

/** Pooler: tanh(W h_[CLS] + b). sequence [B, T, H] -> [B, H]. */
export function pooler(params: Params, sequence: tf.Tensor): tf.Tensor {
  const [B, , H] = sequence.shape as number[];
  const cls = tf.reshape(tf.slice(sequence, [0, 0, 0], [B, 1, H]), [B, H]); // the [CLS] position
  return tf.tanh(dense(cls, param(params, `${POOLER}.weight`), param(params, `${POOLER}.bias`)));
}

/** Sequence classifier: logits = W dropout(pooled) + b. pooled [B, H] -> [B, num_labels]. */
export function classifierHead(params: Params, pooled: tf.Tensor, ctx: Ctx): tf.Tensor {
  const x = dropout(pooled, ctx.hiddenDrop, ctx.seeds.seed());
  return dense(x, param(params, `${CLASSIFIER}.weight`), param(params, `${CLASSIFIER}.bias`));
}

/**
 * Masked-LM head: dense + GELU + LayerNorm, then scores against every word embedding (tied decoder) + bias.
 * hidden [N, H] (usually only the masked positions) -> [N, V].
 */
export function mlmHead(params: Params, config: BertConfig, hidden: tf.Tensor): tf.Tensor {
  const t = gelu(dense(hidden, param(params, `${MLM.transform}.weight`), param(params, `${MLM.transform}.bias`)));
  const normed = layerNorm(t, param(params, `${MLM.layerNorm}.weight`), param(params, `${MLM.layerNorm}.bias`), config.layer_norm_eps);
  const lead = normed.shape.slice(0, -1);
  const flat = tf.reshape(normed, [-1, config.hidden_size]);                      // [N, H]
  // Explicit transpose, then a plain product: the tied table is [V, H] and WASM's transposed matMul is slow.
  const decoderKernel = tf.transpose(param(params, EMB.word));                     // [H, V]
  const logits = tf.add(matmul(flat, decoderKernel), param(params, MLM.bias));     // [N, V]
  return tf.reshape(logits, [...lead, config.vocab_size]);
}
