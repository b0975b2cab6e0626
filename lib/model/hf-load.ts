// Load a Hugging Face BERT folder's model: config.json checked (hf-config), weights from safetensors read one
// tensor at a time (hf-weights), names matched as they occur in the wild (load-params), with Hugging Face's
// report of what was newly initialised and what went unused.
import { bertConfigFromHF, checkpointKind, type CheckpointKind } from "./hf-config";
import { openSafetensors } from "./hf-weights";
import { buildParamsLazy, type LoadOptions, type LoadResult } from "./load-params";
import { readOptionalJSON, type ModelSource } from "./source";
import { EngineError } from "../errors";

export interface HFLoadProgress { phase: "weights"; bytes: number; totalBytes: number }

export interface HFModelLoad extends LoadResult {
  checkpoint: CheckpointKind;       // what the folder says it is
  files: string[];                  // weight files read
  bytes: number;                    // their size
  dtypes: Record<string, number>;   // stored dtypes -> tensor count (F16 weights are widened to float32)
}

export async function loadHFModel(src: ModelSource, opts: LoadOptions & { onProgress?: (p: HFLoadProgress) => void } = {}): Promise<HFModelLoad> {
  const raw = await readOptionalJSON<Record<string, unknown>>(src, "config.json");
  if (!raw) throw new EngineError("hf-no-config", `${src.label} has no config.json: is this a Hugging Face model folder?`, { where: src.label });
  const config = bertConfigFromHF({ ...raw, ...(opts.numLabels ? { num_labels: opts.numLabels, id2label: undefined } : {}), ...opts.config }, `${src.label}/config.json`);
  const store = await openSafetensors(src, (bytes, totalBytes) => opts.onProgress?.({ phase: "weights", bytes, totalBytes }));
  const loaded = await buildParamsLazy(config, store, opts);
  return { ...loaded, checkpoint: checkpointKind(config), files: store.files, bytes: store.bytes, dtypes: Object.fromEntries(store.dtypes) };
}
