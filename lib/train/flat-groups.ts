// Many small tensors as a few flat vectors: one kernel for the lot instead of one per tensor (on WebGPU and WebGL
// each kernel is a dispatch). Used by the global gradient norm (clip.ts) and AdamW's grouped update (adamw.ts).
import * as tf from "@tensorflow/tfjs";

/** Group size: 4M numbers (16 MB) keeps a group's flat temporaries small next to any model's largest tensor. */
export const FLAT_GROUP_ELEMENTS = 4 * 1024 * 1024;

/** Items cut, in order, into runs of at most `limit` numbers; an item bigger than that is a run of its own. */
export function cutIntoGroups<T>(items: T[], size: (item: T) => number, limit: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [], total = 0;
  for (const item of items) {
    if (cur.length && total + size(item) > limit) { out.push(cur); cur = []; total = 0; }
    cur.push(item);
    total += size(item);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The tensors' numbers as one vector [n], in order (a reshape, no copy, when there is one tensor). */
export function flatten(ts: tf.Tensor[]): tf.Tensor {
  return ts.length === 1 ? tf.reshape(ts[0], [-1]) : tf.concat(ts.map((t) => tf.reshape(t, [-1])));
}
