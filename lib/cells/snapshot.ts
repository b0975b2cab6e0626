// Pre-rendered cell outputs (issue #30 §3): what `npm run snapshots` (scripts/snapshots.ts) records from a real
// 모두 실행 of a chapter and commits as content/snapshots/<slug>.json, and what the chapter page shows under each cell
// until the reader runs it. Framework-free and Node-free: the script, the unit test and the page share it.
//
// A snapshot holds only what can stand on a page before anything runs: no download bytes, no file pickers or
// questions (a cell that asked one has no snapshot at all), no `pending` placeholders, not the kernel's note on its
// backend choice (about the recording browser, not the reader's); attention maps keep three decimals, and big ones
// (MAX_ATTENTION_VALUES) and an explanation's query/key vectors are left out; charts keep five digits.
import type { Explanation } from "../explain/explain";
import type { AttentionItem, ChartSpec, OutputItem } from "./protocol";

/** An explanation without its [L, A, T, D] query and key vectors (the neuron view's) and its copy of the maps. */
export type SnapshotExplanation = Omit<Explanation, "queries" | "keys" | "attention">;

/** An output item as JSON: attention values are a plain array, its explanation a light one. */
export type SnapshotItem =
  | Exclude<OutputItem, AttentionItem | { kind: "download" } | { kind: "upload" } | { kind: "confirm" } | { kind: "pending" }>
  | (Omit<AttentionItem, "values" | "explanation"> & { values: number[]; explanation?: SnapshotExplanation });

export interface SnapshotEntry {
  /** cellKey() of the cell when it was recorded: shown only while it still equals the cell's key now. */
  key: string;
  /** How long the run took, in ms (never part of the key). */
  ms?: number;
  items: SnapshotItem[];
}

export interface SnapshotFile {
  /** The tfjs backend the cells ran on, e.g. "wasm". */
  backend: string;
  /** Day of the run, YYYY-MM-DD. */
  date: string;
  cells: Record<string, SnapshotEntry>;
}

/** What the page passes to its cells: only the entries whose key is current. */
export interface ChapterSnapshot {
  backend: string;
  date: string;
  cells: Record<string, SnapshotItem[]>;
}

/**
 * Cells with no snapshot, by chapter: their output is the reader's (a picked file or folder, a yes/no) or the Hub's,
 * whatever 모두 실행 printed when recording. A cell that asks the reader and is not listed here stops the recording.
 */
export const DEPENDS_ON_READER: Readonly<Record<string, readonly string[]>> = {
  "bring-your-bert": ["hf-hub", "hf-hub-load", "hf-yours"],
  finetune: ["upload"],
};

/** Why a cell gets no snapshot (null: it gets one). Exercise scratch cells (ex-…) print ✘ on their starter code. */
export function skipReason(slug: string, id: string): string | null {
  if (id.startsWith("ex-")) return "exercise scratch cell: its starter prints ✘, which would read as the reader's failure";
  if (DEPENDS_ON_READER[slug]?.includes(id)) return "its output depends on the reader's files or the Hub";
  return null;
}

/** Whether a run's items asked the reader something (a file picker, a question). */
export const askedReader = (items: readonly { kind: string }[]): boolean => items.some((it) => it.kind === "upload" || it.kind === "confirm");

const ATTENTION_DIGITS = 1000;
/**
 * Attention maps bigger than this (L·A·T·T numbers: 4 layers × 4 heads × 32 tokens) are not pre-rendered: a 128-token
 * sentence alone is 160 KB gzip. A line says so in their place.
 */
export const MAX_ATTENTION_VALUES = 16 * 32 * 32;
/** Points a line chart keeps (a training curve streams one per step). */
export const MAX_LINE_POINTS = 400;

/** Five significant digits: more than a chart can show. */
const round = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(5)) : v);

/** A chart's numbers rounded, and a long line thinned to MAX_LINE_POINTS points (always keeping the last). */
function compactChart(spec: ChartSpec): ChartSpec {
  if (spec.type === "bar") return { ...spec, values: spec.values.map(round) };
  if (spec.type === "heatmap") return { ...spec, values: spec.values.map((r) => r.map(round)) };
  const d = spec.data ?? [];
  const every = Math.ceil(d.length / MAX_LINE_POINTS);
  const kept = every > 1 ? d.filter((_, i) => i % every === 0 || i === d.length - 1) : d;
  return { ...spec, data: kept.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v)]))) };
}

/**
 * The items of one recorded run as they go into a snapshot. `items` come from the page as JSON (typed arrays already
 * plain arrays; download bytes already gone).
 */
export function snapshotItems(items: readonly Record<string, unknown>[]): SnapshotItem[] {
  const out: SnapshotItem[] = [];
  for (const raw of items) {
    const it = raw as unknown as OutputItem;
    switch (it.kind) {
      case "download":
      case "upload":
      case "confirm":
      case "pending":
        continue;
      case "text":
        if (it.role === "backend-note") continue;
        out.push(it);
        break;
      case "chart":
        out.push({ ...it, spec: compactChart(it.spec) });
        break;
      case "attention": {
        if (it.values.length > MAX_ATTENTION_VALUES) {
          const size = `${it.layers}층 × 헤드 ${it.heads}개, 토큰 ${it.tokens.length}개`;
          out.push({ kind: "text", id: it.id, stream: "info", text: `어텐션 그림(${size})은 커서 미리 그려 두지 않았습니다. 셀을 실행하면 나옵니다.` });
          break;
        }
        const values = Array.from(it.values as ArrayLike<number>, (v) => Math.round(v * ATTENTION_DIGITS) / ATTENTION_DIGITS);
        const { explanation, ...rest } = it;
        if (!explanation) {
          out.push({ ...rest, values });
          break;
        }
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { queries, keys, attention, ...light } = explanation;
        out.push({ ...rest, values, explanation: light });
        break;
      }
      default:
        out.push(it);
    }
  }
  return out;
}

/** Snapshot items as the output views take them (attention values back to a Float32Array). */
export function toOutputItems(items: readonly SnapshotItem[]): OutputItem[] {
  return items.map((it) => {
    if (it.kind !== "attention") return it;
    const values = Float32Array.from(it.values);
    // No query/key vectors: the panel leaves its neuron view out (AttentionPanel checks queries.length).
    const explanation = it.explanation && { ...it.explanation, attention: values, queries: new Float32Array(0), keys: new Float32Array(0) };
    return { ...it, values, explanation };
  });
}

/** Problems that must never be in a committed snapshot (the unit test's check): download bytes, pending items. */
export function forbiddenItems(file: SnapshotFile): string[] {
  const bad: string[] = [];
  for (const [id, e] of Object.entries(file.cells)) {
    for (const it of e.items as { kind: string }[]) {
      if (["download", "upload", "confirm", "pending"].includes(it.kind)) bad.push(`${id}: ${it.kind} item`);
      if (JSON.stringify(it).includes('"bytes":')) bad.push(`${id}: bytes in a ${it.kind} item`);
    }
  }
  return bad;
}
