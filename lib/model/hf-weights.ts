// The weights of a Hugging Face folder as a lazy WeightStore: model.safetensors, or the shards that
// model.safetensors.index.json lists. Only headers are read up front; each tensor's bytes are read by range
// when the loader asks for it.
import type { WeightStore } from "./load-params";
import { decodeTensor, headerLength, parseHeader, type SafeTensorInfo } from "./safetensors";
import { readOptionalJSON, type ModelSource } from "./source";
import { EngineError } from "../errors";

export const SAFETENSORS = "model.safetensors";
export const SAFETENSORS_INDEX = "model.safetensors.index.json";

// Weight files we recognise but cannot read here, with what to do instead.
const UNREADABLE: [string, string][] = [
  ["pytorch_model.bin", "a PyTorch pickle, which a browser cannot read safely"],
  ["pytorch_model.bin.index.json", "sharded PyTorch pickles, which a browser cannot read safely"],
  ["tf_model.h5", "a TensorFlow HDF5 file"],
  ["flax_model.msgpack", "a Flax msgpack file"],
];

const CONVERT =
  "Convert it once in Python: `from transformers import AutoModel; AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)` " +
  "writes model.safetensors beside it.";

export interface SafetensorsStore extends WeightStore {
  files: string[];                         // the weight files read, in order
  bytes: number;                           // their total size
  dtypes: Map<string, number>;             // dtype -> tensor count, e.g. F16 -> 199
}

/** Open the folder's weights, reading headers only. `onBytes` reports bytes read so far of `bytes` in all. */
export async function openSafetensors(src: ModelSource, onBytes?: (read: number, total: number) => void): Promise<SafetensorsStore> {
  let files: string[];
  if (await src.has(SAFETENSORS)) files = [SAFETENSORS];
  else {
    const index = await readOptionalJSON<{ weight_map?: Record<string, string> }>(src, SAFETENSORS_INDEX);
    if (index) {
      if (!index.weight_map) throw new EngineError("hf-no-weight-map", `${src.label}/${SAFETENSORS_INDEX} has no weight_map`, { where: src.label, file: SAFETENSORS_INDEX });
      files = [...new Set(Object.values(index.weight_map))];
    } else {
      for (const [name, what] of UNREADABLE) {
        if (await src.has(name)) throw new EngineError("hf-unreadable-weights", `${src.label} has ${name}, ${what}, and no ${SAFETENSORS}. ${CONVERT}`, { where: src.label, file: name });
      }
      throw new EngineError("hf-no-weights", `${src.label} has no weights: expected ${SAFETENSORS} or ${SAFETENSORS_INDEX}.`, { where: src.label });
    }
  }
  const where = new Map<string, { file: string; info: SafeTensorInfo }>();
  const dtypes = new Map<string, number>();
  let bytes = 0;
  for (const file of files) {
    const size = await src.size(file);
    const n = headerLength(await src.readRange(file, 0, 8), file);
    const header = parseHeader(await src.readRange(file, 8, 8 + n), size, file);
    for (const [name, info] of header.tensors) {
      if (where.has(name)) throw new EngineError("hf-duplicate-tensor", `${src.label}: tensor ${name} appears in both ${where.get(name)!.file} and ${file}`, { where: src.label, tensor: name, file1: where.get(name)!.file, file2: file });
      where.set(name, { file, info });
      dtypes.set(info.dtype, (dtypes.get(info.dtype) ?? 0) + 1);
    }
    bytes += size;
  }
  let done = 0;
  return {
    files,
    bytes,
    dtypes,
    names: [...where.keys()],
    shape: (name) => where.get(name)!.info.shape,
    values: async (name) => {
      const { file, info } = where.get(name)!;
      const raw = await src.readRange(file, info.begin, info.end);
      done += raw.byteLength;
      onBytes?.(done, bytes);
      return decodeTensor(info, raw, name);
    },
  };
}
