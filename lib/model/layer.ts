// One Transformer encoder layer: self-attention block, then the GELU feed-forward block (both post-LayerNorm).
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import type { Ctx } from "./context";
import { selfAttention } from "./attention";
import { layerNames } from "./names";
import { dense, dropout, gelu, layerNorm } from "./ops";
import { param, type Params } from "./params";

/** Position-wise feed-forward block of layer i: LN(x + dropout(W2 gelu(W1 x))). x [B, T, H]. */
export function feedForward(params: Params, config: BertConfig, i: number, x: tf.Tensor, ctx: Ctx): tf.Tensor {
  const n = layerNames(i);
  const w = (name: string) => param(params, `${name}.weight`);
  const b = (name: string) => param(params, `${name}.bias`);
  const inner = gelu(dense(x, w(n.intermediate), b(n.intermediate)));                 // [B, T, I]
  ctx.hook(`layer.${i}.intermediate`, inner);
  const out = dropout(dense(inner, w(n.output), b(n.output)), ctx.hiddenDrop, ctx.seeds.seed()); // [B, T, H]
  return layerNorm(tf.add(out, x), w(n.outputLayerNorm), b(n.outputLayerNorm), config.layer_norm_eps);
}

/** Encoder layer i: [B, T, H] -> [B, T, H], plus its [B, A, T, T] attention probabilities. */
export function encoderLayer(params: Params, config: BertConfig, i: number, x: tf.Tensor, mask: tf.Tensor, ctx: Ctx) {
  const attn = selfAttention(params, config, i, x, mask, ctx);
  const output = feedForward(params, config, i, attn.output, ctx);
  ctx.hook(`layer.${i}.output`, output);
  return { output, probs: attn.probs };
}
