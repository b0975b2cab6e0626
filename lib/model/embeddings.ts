// Input embeddings: word + position + segment, then LayerNorm and dropout.
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import type { Ctx } from "./context";
import { EMB } from "./names";
import { dropout, gatherRows, layerNorm } from "./ops";
import { param, type Params } from "./params";
import type { BertTensors } from "./inputs";

/** [B, T] ids -> [B, T, H] embeddings. */
export function embeddings(params: Params, config: BertConfig, inputs: BertTensors, ctx: Ctx): tf.Tensor {
  const [B, T] = inputs.inputIds.shape as number[];
  const H = config.hidden_size;
  if (T > config.max_position_embeddings) throw new Error(`sequence length ${T} > max_position_embeddings ${config.max_position_embeddings}`);
  const word = inputs.inputsEmbeds ?? tf.reshape(gatherRows(param(params, EMB.word), inputs.inputIds), [B, T, H]); // [B, T, H]
  if (inputs.inputsEmbeds && !inputs.inputsEmbeds.shape.every((n, i) => n === [B, T, H][i])) {
    throw new Error(`inputsEmbeds has shape [${inputs.inputsEmbeds.shape}], expected [${B}, ${T}, ${H}]`);
  }
  // Positions are 0..T-1 for every row, so a slice of the table is the lookup.
  const pos = tf.reshape(tf.slice(param(params, EMB.position), [0, 0], [T, H]), [1, T, H]);        // [1, T, H]
  const seg = tf.reshape(gatherRows(param(params, EMB.tokenType), inputs.tokenTypeIds), [B, T, H]); // [B, T, H]
  ctx.hook("embeddings.word", word);
  ctx.hook("embeddings.position", pos);
  ctx.hook("embeddings.token_type", seg);
  const sum = tf.add(tf.add(word, pos), seg);
  const normed = layerNorm(sum, param(params, `${EMB.layerNorm}.weight`), param(params, `${EMB.layerNorm}.bias`), config.layer_norm_eps);
  ctx.hook("embeddings.output", normed);
  return dropout(normed, ctx.hiddenDrop, ctx.seeds.seed());
}
