// AdamW (Loshchilov & Hutter): Adam on the gradient, weight decay applied directly to the weights ("decoupled"),
// and not to biases or LayerNorm parameters. Matches torch.optim.AdamW's update.
import * as tf from "@tensorflow/tfjs";
import { usesWeightDecay, type Params } from "../model";

export interface AdamWOptions {
  beta1?: number;        // default 0.9
  beta2?: number;        // default 0.999
  epsilon?: number;      // default 1e-8
  weightDecay?: number;  // default 0.01
  decay?: (name: string) => boolean;  // which parameters decay; default: not biases, not LayerNorm
}

/** A non-trainable variable of zeros shaped like p. tf.variable shares the tensor's data, so the tensor handle
 *  is dropped here: kept, it would outlive dispose() (two model-sized buffers leaked per optimizer). */
function zeroVariable(p: tf.Tensor): tf.Variable {
  const z = tf.zerosLike(p);
  const v = tf.variable(z, false);
  z.dispose();
  return v;
}

export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly m = new Map<string, tf.Variable>();   // first moment, same shape as the parameter
  readonly v = new Map<string, tf.Variable>();   // second moment
  t = 0;                                         // updates applied so far (bias correction)
  private decay: (name: string) => boolean;

  constructor(readonly params: Params, opts: AdamWOptions = {}) {
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0.01;
    this.decay = opts.decay ?? usesWeightDecay;
    for (const [name, p] of params) {
      this.m.set(name, zeroVariable(p));
      this.v.set(name, zeroVariable(p));
    }
  }

  /** One update with learning rate lr. grads: parameter name -> gradient (same shape as the parameter). */
  apply(grads: Map<string, tf.Tensor>, lr: number): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, epsilon: eps, t } = this;
    const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;   // bias corrections
    for (const [name, p] of this.params) {
      const g = grads.get(name);
      if (!g) continue;   // frozen or unused parameter
      // One tidy per parameter: its temporaries (~6 parameter-sized tensors) are freed before the next. One tidy
      // around the loop would keep every parameter's at once: 2.6 GB for bert-base, past WASM's 4 GiB heap.
      tf.tidy(() => {
        const m = this.m.get(name)!, v = this.v.get(name)!;
        const mNew = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));            // m = b1 m + (1-b1) g
        const vNew = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)); // v = b2 v + (1-b2) g^2
        m.assign(mNew);
        v.assign(vNew);
        // step = lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / c1, v_hat = v / c2
        let step = tf.div(tf.div(mNew, c1), tf.add(tf.sqrt(tf.div(vNew, c2)), eps));
        if (this.weightDecay > 0 && this.decay(name)) step = tf.add(step, tf.mul(p, this.weightDecay)); // decoupled
        p.assign(tf.sub(p, tf.mul(step, lr)));
      });
    }
  }

  /** Moments as name -> tensor for checkpoints ("m/<param>", "v/<param>"). */
  stateTensors(): [string, tf.Tensor][] {
    const out: [string, tf.Tensor][] = [];
    for (const [name, m] of this.m) out.push([`m/${name}`, m]);
    for (const [name, v] of this.v) out.push([`v/${name}`, v]);
    return out;
  }

  /** Restore moments and the update count from a checkpoint. */
  loadState(t: number, tensors: Map<string, Float32Array>): void {
    this.t = t;
    for (const [kind, map] of [["m", this.m], ["v", this.v]] as const) {
      for (const [name, variable] of map) {
        const values = tensors.get(`${kind}/${name}`);
        if (!values) throw new Error(`checkpoint lacks optimizer state ${kind}/${name}`);
        const t = tf.tensor(values, variable.shape, "float32");
        variable.assign(t); // the variable now shares t's data; drop our handle
        t.dispose();
      }
    }
  }

  dispose(): void {
    for (const x of [...this.m.values(), ...this.v.values()]) x.dispose();
    this.m.clear();
    this.v.clear();
  }
}
