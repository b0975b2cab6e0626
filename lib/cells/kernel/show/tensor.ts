// show.tensor: shape, dtype and (summarised, numpy-style) values of a tensor.
import type * as tf from "@tensorflow/tfjs";
import { formatTensorValues, isTensor } from "../../format";
import { deferred } from "./deferred";
import { text } from "./text";

/** Await it to be sure it is printed. */
export function tensor(t: tf.Tensor, label?: string): Promise<void> {
  if (!isTensor(t)) return Promise.resolve(text(t));
  return deferred("텐서 읽는 중…", async (id) => {
    const values = await t.data();
    return { kind: "tensor", id, shape: t.shape, dtype: t.dtype, label, text: formatTensorValues({ shape: t.shape, dtype: t.dtype, values }) };
  });
}
