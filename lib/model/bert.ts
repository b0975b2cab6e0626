// BertModel and its two heads as thin classes over a Map of parameters. forward() allocates tensors:
// call it inside tf.tidy (or dispose the outputs yourself).
import * as tf from "@tensorflow/tfjs";
import type { BertConfig } from "./config";
import { makeCtx, type Ctx, type ForwardOptions } from "./context";
import { embeddings } from "./embeddings";
import { additiveMask } from "./attention";
import { encoderLayer } from "./layer";
import { classifierHead, mlmHead, pooler } from "./heads";
import { batchTensors, type BertBatch, type BertTensors } from "./inputs";
import { POOLER, type HeadKind } from "./names";
import { disposeParams, initParams, type Params } from "./params";
import { gatherRows } from "./ops";

export interface EncoderOutput {
  sequence: tf.Tensor;        // [B, T, H] last layer
  pooled?: tf.Tensor;         // [B, H] tanh(dense([CLS])); absent when the model has no pooler (masked LM)
  attentions?: tf.Tensor[];   // L x [B, A, T, T]
  hidden?: tf.Tensor[];       // (L + 1) x [B, T, H]: embeddings output, then each layer
}

export interface ModelOutput {
  logits: tf.Tensor;
  attentions?: tf.Tensor[];
  hidden?: tf.Tensor[];
  pooled?: tf.Tensor;
}

function asTensors(batch: BertBatch | BertTensors): BertTensors {
  return batch.inputIds instanceof tf.Tensor ? (batch as BertTensors) : batchTensors(batch as BertBatch);
}

/** Embeddings -> L encoder layers -> pooler. */
export function runEncoder(params: Params, config: BertConfig, batch: BertBatch | BertTensors, opts: ForwardOptions, ctx: Ctx = makeCtx(config, opts)): EncoderOutput {
  const inputs = asTensors(batch);
  const mask = additiveMask(inputs.attentionMask);    // [B, 1, 1, T]
  let x = embeddings(params, config, inputs, ctx);     // [B, T, H]
  const attentions: tf.Tensor[] = [];
  const hidden: tf.Tensor[] = [x];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const out = encoderLayer(params, config, i, x, mask, ctx);
    x = out.output;
    attentions.push(out.probs);
    hidden.push(x);
  }
  return {
    sequence: x,
    pooled: params.has(`${POOLER}.weight`) ? pooler(params, x) : undefined,
    attentions: opts.outputAttentions ? attentions : undefined,
    hidden: opts.outputHidden ? hidden : undefined,
  };
}

/** The bare encoder (+ pooler). `logits` is the [B, T, H] last hidden layer. */
export class BertModel {
  readonly head: HeadKind = "none";
  constructor(readonly config: BertConfig, readonly params: Params) {}

  /** Randomly initialised (seeded) model. */
  static create<M extends BertModel>(this: new (c: BertConfig, p: Params) => M, config: BertConfig, seed = 0): M {
    const probe = new this(config, new Map());
    return new this(config, initParams(config, probe.head, seed));
  }

  encode(batch: BertBatch | BertTensors, opts: ForwardOptions = {}): EncoderOutput {
    return runEncoder(this.params, this.config, batch, opts);
  }

  forward(batch: BertBatch | BertTensors, opts: ForwardOptions = {}): ModelOutput {
    const enc = this.encode(batch, opts);
    return { logits: enc.sequence, pooled: enc.pooled, attentions: enc.attentions, hidden: enc.hidden };
  }

  /** Trainable variables in a stable order (the order of the Map = Hugging Face's order). */
  variables(): tf.Variable[] { return [...this.params.values()]; }

  dispose(): void { disposeParams(this.params); }
}

/** BERT + [CLS] pooler + linear classifier: logits [B, num_labels]. */
export class BertForSequenceClassification extends BertModel {
  override readonly head: HeadKind = "classifier";

  override forward(batch: BertBatch | BertTensors, opts: ForwardOptions = {}): ModelOutput {
    const ctx = makeCtx(this.config, opts);
    const enc = runEncoder(this.params, this.config, batch, opts, ctx);
    if (!enc.pooled) throw new Error("a sequence classifier needs the pooler weights (bert.pooler.dense.*)");
    const logits = classifierHead(this.params, enc.pooled, ctx);
    return { logits, pooled: enc.pooled, attentions: enc.attentions, hidden: enc.hidden };
  }

  /** Class probabilities for a batch, as plain arrays (no tensors left behind). */
  async predictProba(batch: BertBatch): Promise<number[][]> {
    const probs = tf.tidy(() => tf.softmax(this.forward(batch).logits));
    const out = (await probs.array()) as number[][];
    probs.dispose();
    return out;
  }
}

export interface MaskedLMOptions extends ForwardOptions {
  /** Flat indices b*T + t of the positions to predict; when given, logits are [M, V] for just those rows. */
  positions?: Int32Array | number[];
}

/** BERT + masked-LM head (decoder tied to the word embeddings): logits [B, T, V] or [M, V]. */
export class BertForMaskedLM extends BertModel {
  override readonly head: HeadKind = "mlm";

  override forward(batch: BertBatch | BertTensors, opts: MaskedLMOptions = {}): ModelOutput {
    const ctx = makeCtx(this.config, opts);
    const enc = runEncoder(this.params, this.config, batch, opts, ctx);
    let h = enc.sequence;                                                     // [B, T, H]
    if (opts.positions) {
      // Only masked rows go through the V-wide decoder: ~15% of the work and memory.
      const idx = tf.tensor1d(Int32Array.from(opts.positions), "int32");
      h = gatherRows(tf.reshape(h, [-1, this.config.hidden_size]), idx);     // [M, H]
    }
    return { logits: mlmHead(this.params, this.config, h), pooled: enc.pooled, attentions: enc.attentions, hidden: enc.hidden };
  }
}
