// AdamW (Loshchilov & Hutter): Adam on the gradient, weight decay applied directly to the weights ("decoupled"),
// and not to biases or LayerNorm parameters. Matches torch.optim.AdamW's update.
import * as tf from "@tensorflow/tfjs";
import { usesWeightDecay, type Params } from "../model";
import { FLAT_GROUP_ELEMENTS, cutIntoGroups, flatten } from "./flat-groups";

export interface AdamWOptions {
  beta1?: number;        // default 0.9
  beta2?: number;        // default 0.999
  epsilon?: number;      // default 1e-8
  weightDecay?: number;  // default 0.01
  decay?: (name: string) => boolean;  // which parameters decay; default: not biases, not LayerNorm
  groupElements?: number; // update parameters together, flattened, in groups of up to this many numbers (see apply)
}

/** Flattened groups where kernels are dispatches (WebGPU, WebGL); one tensor at a time on wasm and cpu, where
 *  tfjs's Slice copies slowly (the grouped update's 219 slices took 486 ms on wasm, the per-tensor update 70). */
export function defaultGroupElements(backend = tf.getBackend()): number {
  return backend === "webgpu" || backend === "webgl" ? FLAT_GROUP_ELEMENTS : 0;
}

/** A non-trainable variable of zeros shaped like p. tf.variable shares the tensor's data, so the tensor handle
 *  is dropped here: kept, it would outlive dispose() (two model-sized buffers leaked per optimizer). */
function zeroVariable(p: tf.Tensor): tf.Variable {
  const z = tf.zerosLike(p);
  const v = tf.variable(z, false);
  z.dispose();
  return v;
}

/** A step's constants as scalar tensors (see apply). */
interface Constants { b1: tf.Scalar; nb1: tf.Scalar; b2: tf.Scalar; nb2: tf.Scalar; c1: tf.Scalar; c2: tf.Scalar; eps: tf.Scalar; wd: tf.Scalar; lr: tf.Scalar }

export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly m = new Map<string, tf.Variable>();   // first moment, same shape as the parameter
  readonly v = new Map<string, tf.Variable>();   // second moment
  t = 0;                                         // updates applied so far (bias correction)
  readonly groupElements: number | undefined;
  private decay: (name: string) => boolean;

  constructor(readonly params: Params, opts: AdamWOptions = {}) {
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0.01;
    this.decay = opts.decay ?? usesWeightDecay;
    this.groupElements = opts.groupElements;
    for (const [name, p] of params) {
      this.m.set(name, zeroVariable(p));
      this.v.set(name, zeroVariable(p));
    }
  }

  /**
   * One update with learning rate lr. grads: parameter name -> gradient (same shape as the parameter).
   *
   * The same per-number formula runs on groups of parameters flattened into one vector (concat, ~10 ops, slices),
   * not on each of BERT's 73 tensors: 788 kernels a step instead of 1,591 for BERT-mini. On WebGPU and WebGL each
   * kernel is a dispatch, and a small model's step is bound by their number (defaultGroupElements). A group holds
   * parameters with the same decay, up to groupElements numbers; a bigger parameter (bert-base's 23M-number
   * embedding) is a group of its own, so the temporaries never exceed what a per-parameter update needs.
   */
  apply(grads: Map<string, tf.Tensor>, lr: number): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, t } = this;
    // The constants as tensors once per step: a JS number in tf.mul becomes a new scalar tensor, and on WebGPU and
    // WebGL each is an upload (~580 a step for BERT-mini's 73 parameters, against 9 here).
    const k: Constants = {
      b1: tf.scalar(b1), nb1: tf.scalar(1 - b1), b2: tf.scalar(b2), nb2: tf.scalar(1 - b2),
      c1: tf.scalar(1 - b1 ** t), c2: tf.scalar(1 - b2 ** t),   // bias corrections
      eps: tf.scalar(this.epsilon), wd: tf.scalar(this.weightDecay), lr: tf.scalar(lr),
    };
    try {
      for (const group of this.groups(grads)) this.applyGroup(group, grads, k);
    } finally {
      tf.dispose(Object.values(k));
    }
  }

  /** Parameters with a gradient, split by decay, then cut into groups of at most groupElements numbers. */
  private groups(grads: Map<string, tf.Tensor>): string[][] {
    const limit = this.groupElements ?? defaultGroupElements();
    const names = [...this.params.keys()].filter((n) => grads.has(n));
    const size = (n: string) => this.params.get(n)!.size;
    const decaying = names.filter((n) => this.decays(n)), rest = names.filter((n) => !this.decays(n));
    return [...cutIntoGroups(decaying, size, limit), ...cutIntoGroups(rest, size, limit)];
  }

  /** Whether parameter `name` gets weight decay (never when weightDecay is 0). */
  private decays(name: string): boolean {
    return this.weightDecay > 0 && this.decay(name);
  }

  // One tidy per group: its temporaries (~8 group-sized tensors) are freed before the next. One tidy around all
  // groups would keep every group's at once: 2.6 GB for bert-base, past WASM's 4 GiB heap.
  private applyGroup(names: string[], grads: Map<string, tf.Tensor>, k: Constants): void {
    const decays = this.decays(names[0]);   // the same for the whole group (see groups)
    const ps = names.map((n) => this.params.get(n)!), ms = names.map((n) => this.m.get(n)!), vs = names.map((n) => this.v.get(n)!);
    tf.tidy(() => {
      const g = flatten(names.map((n) => grads.get(n)!)), m = flatten(ms), v = flatten(vs), p = flatten(ps);   // [n] each
      const mNew = tf.add(tf.mul(m, k.b1), tf.mul(g, k.nb1));            // m = b1 m + (1-b1) g
      const vNew = tf.add(tf.mul(v, k.b2), tf.mul(tf.square(g), k.nb2)); // v = b2 v + (1-b2) g^2
      // step = lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / c1, v_hat = v / c2
      let step = tf.div(tf.div(mNew, k.c1), tf.add(tf.sqrt(tf.div(vNew, k.c2)), k.eps));
      if (decays) step = tf.add(step, tf.mul(p, k.wd)); // decoupled
      const pNew = tf.sub(p, tf.mul(step, k.lr));
      // Back into the parameters' own variables, one slice each (what tf.split does too).
      const back = (x: tf.Tensor, into: tf.Variable[]) => {
        let offset = 0;
        for (const variable of into) {
          variable.assign(tf.reshape(into.length === 1 ? x : tf.slice(x, [offset], [variable.size]), variable.shape));
          offset += variable.size;
        }
      };
      back(mNew, ms);
      back(vNew, vs);
      back(pNew, ps);
    });
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
