// The safetensors format (huggingface/safetensors), read and written by hand because it is this small:
//
//   [8 bytes]  N, the header length, little-endian uint64
//   [N bytes]  a JSON object: { "<name>": { "dtype", "shape", "data_offsets": [begin, end] }, "__metadata__"?: {…} }
//   [rest]     raw little-endian tensor bytes; data_offsets count from the first byte after the header
//
// Writers pad the header with spaces to a multiple of 8 so every tensor starts aligned. Nothing here touches tf:
// the loader decodes one tensor at a time, so a 440 MB checkpoint is never held twice.
import { float16ToFloat32, float32ToFloat16 } from "./float16";
import { EngineError } from "../errors";

/** The dtypes a BERT checkpoint stores its weights in. (I64 appears for `position_ids` buffers, which we skip.) */
export type SafeDType = "F32" | "F16" | "BF16";
const WIDTH: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export interface SafeTensorInfo {
  dtype: string;
  shape: number[];
  begin: number;   // absolute byte offset in the file
  end: number;     // exclusive
}

export interface SafeHeader {
  tensors: Map<string, SafeTensorInfo>;   // in the header's order
  metadata: Record<string, string>;
  dataStart: number;                      // 8 + N
}

// A header bigger than this is not a weights file (the format's own reader refuses 100 MB).
const MAX_HEADER = 100 * 1024 * 1024;

/** The header length N from the first 8 bytes, checked. */
export function headerLength(first8: Uint8Array, fileName = "model.safetensors"): number {
  if (first8.byteLength < 8) throw new EngineError("safetensors-short", `${fileName}: ${first8.byteLength} bytes, too short for a safetensors file`, { file: fileName, bytes: first8.byteLength });
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER)) throw new EngineError("safetensors-header", `${fileName}: header length ${n} is not plausible: is this a safetensors file?`, { file: fileName });
  return Number(n);
}

/** Parse the JSON header (the N bytes after the first 8) and check every tensor's byte range. */
export function parseHeader(headerBytes: Uint8Array, fileSize: number, fileName = "model.safetensors"): SafeHeader {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(new TextDecoder().decode(headerBytes)) as Record<string, unknown>;
  } catch {
    throw new EngineError("safetensors-header", `${fileName}: the header is not JSON: is this a safetensors file?`, { file: fileName });
  }
  const dataStart = 8 + headerBytes.byteLength;
  const tensors = new Map<string, SafeTensorInfo>();
  let metadata: Record<string, string> = {};
  for (const [name, v] of Object.entries(json)) {
    if (name === "__metadata__") { metadata = (v ?? {}) as Record<string, string>; continue; }
    const t = v as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const width = WIDTH[t.dtype];
    if (width === undefined) throw new EngineError("safetensors-dtype", `${fileName}: tensor ${name} has unknown dtype ${t.dtype}`, { file: fileName, tensor: name, dtype: String(t.dtype) });
    const [b, e] = t.data_offsets;
    const count = t.shape.reduce((a, d) => a * d, 1);
    if (e - b !== count * width) throw new EngineError("safetensors-size", `${fileName}: tensor ${name} [${t.shape}] ${t.dtype} needs ${count * width} bytes, its offsets span ${e - b}`, { file: fileName, tensor: name });
    if (dataStart + e > fileSize) throw new EngineError("safetensors-cut", `${fileName}: tensor ${name} ends at byte ${dataStart + e}, past the file's ${fileSize}: the file is cut short`, { file: fileName, tensor: name });
    tensors.set(name, { dtype: t.dtype, shape: t.shape, begin: dataStart + b, end: dataStart + e });
  }
  return { tensors, metadata, dataStart };
}

/** Raw bytes of one tensor -> float32 values. F16 and BF16 are widened exactly. */
export function decodeTensor(info: SafeTensorInfo, bytes: Uint8Array, name = "tensor"): Float32Array {
  // Typed-array views need an aligned offset; a copy is cheap next to the decode for the 2-byte types.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  switch (info.dtype) {
    case "F32": return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4).slice();
    case "F16": return float16ToFloat32(new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2));
    case "BF16": {
      // bfloat16 is the top half of a float32: shift the 16 bits up, the rest of the mantissa is zero.
      const src = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
      const out = new Uint32Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = src[i] << 16;
      return new Float32Array(out.buffer);
    }
    default: throw new EngineError("weight-not-float", `${name}: dtype ${info.dtype} is not a floating-point weight (F32, F16, BF16)`, { tensor: name, dtype: info.dtype });
  }
}

export interface SafeTensorOut { name: string; shape: number[]; values: Float32Array }

/** Write tensors as one safetensors file, in F32 (default) or F16, in the given order. */
export function writeSafetensors(tensors: SafeTensorOut[], opts: { dtype?: "F32" | "F16"; metadata?: Record<string, string> } = {}): Uint8Array {
  const dtype = opts.dtype ?? "F32";
  const width = dtype === "F32" ? 4 : 2;
  const header: Record<string, unknown> = { __metadata__: { format: "pt", ...opts.metadata } };
  let off = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, d) => a * d, 1);
    if (n !== t.values.length) throw new Error(`${t.name}: shape [${t.shape}] holds ${n} values, got ${t.values.length}`);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [off, off + n * width] };
    off += n * width;
  }
  const raw = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = new Uint8Array(Math.ceil(raw.byteLength / 8) * 8).fill(0x20);  // space-padded: data 8-byte aligned
  headerBytes.set(raw);
  const out = new Uint8Array(8 + headerBytes.byteLength + off);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.byteLength;
  for (const t of tensors) {
    const bytes = dtype === "F32"
      ? new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength)
      : new Uint8Array(float32ToFloat16(t.values).buffer);
    out.set(bytes, pos);
    pos += bytes.byteLength;
  }
  return out;
}
