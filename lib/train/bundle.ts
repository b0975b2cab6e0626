// One file for a whole checkpoint (or model folder), so a browser can download it and upload it again.
// Layout: "BERTLAB1" (8 bytes) | header length (uint32, little-endian) | header JSON (UTF-8) | file bodies.
// The header lists { name, text, offset, length } per file; offsets count from the start of the bodies.
import type { ModelFiles } from "../model";

const MAGIC = "BERTLAB1";

interface Entry { name: string; text: boolean; offset: number; length: number }

/** Packs named files (strings and bytes) into one byte array. */
export function bundleFiles(files: ModelFiles): Uint8Array {
  const enc = new TextEncoder();
  const bodies: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, v] of files) {
    const bytes = typeof v === "string" ? enc.encode(v) : v;
    entries.push({ name, text: typeof v === "string", offset, length: bytes.length });
    bodies.push(bytes);
    offset += bytes.length;
  }
  const header = enc.encode(JSON.stringify({ files: entries }));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + offset);
  out.set(enc.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  let at = MAGIC.length + 4 + header.length;
  for (const b of bodies) { out.set(b, at); at += b.length; }
  return out;
}

/** The inverse of bundleFiles; says clearly what is wrong with a file that is not a bundle. */
export function unbundleFiles(bytes: Uint8Array): ModelFiles {
  const dec = new TextDecoder();
  if (bytes.length < MAGIC.length + 4 || dec.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error(`not a BERT Lab checkpoint file (it should start with "${MAGIC}")`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = view.getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4 + headerLen;
  if (start > bytes.length) throw new Error("checkpoint file is truncated (header)");
  const { files } = JSON.parse(dec.decode(bytes.subarray(MAGIC.length + 4, start))) as { files: Entry[] };
  const out: ModelFiles = new Map();
  for (const e of files) {
    if (start + e.offset + e.length > bytes.length) throw new Error(`checkpoint file is truncated (${e.name})`);
    const body = bytes.slice(start + e.offset, start + e.offset + e.length);
    out.set(e.name, e.text ? dec.decode(body) : body);
  }
  return out;
}
