// An output that takes a moment (reading a tensor off the GPU): a placeholder now, so output keeps the order
// the cell wrote it in, replaced by the real item when it is ready (or by the error).
import type { OutputItem } from "../../protocol";
import { emit, newId, post, run } from "../context";
import { errorItem } from "../errors";
import * as tf from "@tensorflow/tfjs";

export function deferred(label: string, make: (id: number) => Promise<OutputItem>): Promise<void> {
  const id = newId();
  const runId = run.id;
  emit({ kind: "pending", id, label }, runId);
  return make(id).then(
    (item) => post({ type: "replace", runId, item }),
    (e) => post({ type: "replace", runId, item: { ...errorItem(e, tf.getBackend()), id } }),
  );
}
