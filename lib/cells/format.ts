// Turns values into short readable text for cell output (console.log, show.text, last expression).
// Pure and DOM-free: runs in the kernel worker and in Node tests.

/** The parts of a tfjs Tensor the formatter needs (read with dataSync/data beforehand). */
export interface TensorLike {
  shape: number[];
  dtype: string;
  values: ArrayLike<number | string | boolean>;
}

const MAX_ITEMS = 100; // items of an array / keys of an object before "…"
const MAX_DEPTH = 3;
const MAX_STRING = 10_000;

export function isTensor(x: unknown): x is { shape: number[]; dtype: string; size: number; rank: number; dataSync(): ArrayLike<number> } {
  return (
    typeof x === "object" &&
    x !== null &&
    Array.isArray((x as { shape?: unknown }).shape) &&
    typeof (x as { dtype?: unknown }).dtype === "string" &&
    typeof (x as { dataSync?: unknown }).dataSync === "function"
  );
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return n.toExponential(3);
  return String(Number(n.toPrecision(6)));
}

/** Formats any value like a friendlier `util.inspect`. Strings at top level are printed raw. */
export function formatValue(v: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  if (typeof v === "string") {
    const s = v.length > MAX_STRING ? v.slice(0, MAX_STRING) + `… (${v.length}자)` : v;
    return depth === 0 ? s : JSON.stringify(s);
  }
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "boolean" || v === null || v === undefined) return String(v);
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return `[함수 ${v.name || "(익명)"}]`;
  if (isTensor(v)) return `Tensor(shape=[${v.shape.join(", ")}], dtype=${v.dtype})`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (seen.has(v)) return "[순환 참조]";
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? `[Array(${v.length})]` : "{…}";
  seen.add(v);
  try {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const arr = v as unknown as ArrayLike<number>;
      const items = Array.from({ length: Math.min(arr.length, MAX_ITEMS) }, (_, i) => formatNumber(Number(arr[i])));
      const more = arr.length > MAX_ITEMS ? `, … ${arr.length - MAX_ITEMS}개 더` : "";
      return `${v.constructor.name}(${arr.length}) [${items.join(", ")}${more}]`;
    }
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ITEMS).map((x) => formatValue(x, depth + 1, seen));
      const more = v.length > MAX_ITEMS ? `, … ${v.length - MAX_ITEMS}개 더` : "";
      const oneLine = `[${items.join(", ")}${more}]`;
      return oneLine;
    }
    if (v instanceof Map) {
      const items = [...v.entries()].slice(0, MAX_ITEMS).map(([k, x]) => `${formatValue(k, depth + 1, seen)} => ${formatValue(x, depth + 1, seen)}`);
      return `Map(${v.size}) {${items.join(", ")}}`;
    }
    if (v instanceof Set) {
      const items = [...v.values()].slice(0, MAX_ITEMS).map((x) => formatValue(x, depth + 1, seen));
      return `Set(${v.size}) {${items.join(", ")}}`;
    }
    if (v instanceof Date) return v.toISOString();
    const keys = Object.keys(v as object);
    const items = keys.slice(0, MAX_ITEMS).map((k) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
      return `${key}: ${formatValue((v as Record<string, unknown>)[k], depth + 1, seen)}`;
    });
    if (keys.length > MAX_ITEMS) items.push(`… ${keys.length - MAX_ITEMS}개 더`);
    const name = (v as object).constructor?.name;
    const prefix = name && name !== "Object" ? `${name} ` : "";
    return `${prefix}{${items.length ? " " + items.join(", ") + " " : ""}}`;
  } finally {
    seen.delete(v);
  }
}

/** Formats console.log-style arguments. */
export function formatArgs(args: unknown[]): string {
  return args.map((a) => formatValue(a)).join(" ");
}

/**
 * numpy-style text of a tensor's values, summarised when large: each axis longer than
 * 2*edge shows its first and last `edge` entries around "…".
 */
export function formatTensorValues(t: TensorLike, edge = 3, maxElements = 200): string {
  const { shape, values } = t;
  if (shape.length === 0) return fmtScalar(values[0]);
  const summarize = values.length > maxElements;
  const strides: number[] = new Array(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  // Column width so numbers line up.
  const sample: string[] = [];
  const walkIdx = (dim: number, offset: number, visit: (flat: number) => void) => {
    if (dim === shape.length) return visit(offset);
    const n = shape[dim];
    const idx = summarize && n > 2 * edge ? [...range(0, edge), ...range(n - edge, n)] : range(0, n);
    for (const i of idx) walkIdx(dim + 1, offset + i * strides[dim], visit);
  };
  walkIdx(0, 0, (f) => sample.push(fmtScalar(values[f])));
  const width = Math.max(...sample.map((x) => x.length));

  const rec = (dim: number, offset: number, indent: number): string => {
    const n = shape[dim];
    const cut = summarize && n > 2 * edge;
    const idx = cut ? [...range(0, edge), -1, ...range(n - edge, n)] : range(0, n);
    if (dim === shape.length - 1) {
      const parts = idx.map((i) => (i < 0 ? "…" : fmtScalar(values[offset + i * strides[dim]]).padStart(width)));
      return `[${parts.join(", ")}]`;
    }
    const sep = ",\n" + "\n".repeat(Math.max(0, shape.length - dim - 2)) + " ".repeat(indent + 1);
    const parts = idx.map((i) => (i < 0 ? "…" : rec(dim + 1, offset + i * strides[dim], indent + 1)));
    return `[${parts.join(sep)}]`;
  };
  return rec(0, 0, 0);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

function fmtScalar(x: number | string | boolean | undefined): string {
  if (typeof x === "number") return formatNumber(x);
  if (typeof x === "string") return JSON.stringify(x);
  return String(x);
}
