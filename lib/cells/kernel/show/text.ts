// show.text, show.html and show.table: values as text, sandboxed HTML, and rows.
import { formatArgs, formatValue } from "../../format";
import { emit, newId } from "../context";
import { koreanError } from "../../korean";

/** Prints values as text (like console.log). */
export function text(...args: unknown[]): void {
  emit({ kind: "text", id: newId(), text: formatArgs(args), stream: "log" });
}

/** An error the cell caught, shown like a thrown one (in Korean, the English under a toggle) while the cell goes on. */
export function error(e: unknown, lead?: string): void {
  const ko = koreanError(e);
  const message = lead ? `${lead}: ${ko.message}` : ko.message;
  emit({ kind: "error", id: newId(), name: e instanceof Error ? e.name : "Error", message, details: ko.original });
}

/** HTML, shown in a sandboxed frame (no scripts run). */
export function html(markup: string): void {
  emit({ kind: "html", id: newId(), html: String(markup) });
}

const MAX_ROWS = 200;

/** Rows of objects ({단어: "가", id: 3}) or of arrays → columns and cells as text, at most MAX_ROWS shown. */
export function toRows(rows: unknown, columns?: string[]): { columns: string[]; rows: string[][]; omitted: number } {
  const list = Array.isArray(rows) ? rows : rows && typeof rows === "object" ? Object.entries(rows) : [rows];
  const shown = list.slice(0, MAX_ROWS);
  const cell = (v: unknown) => formatValue(v);
  if (shown.every((r) => Array.isArray(r))) {
    const width = Math.max(0, ...shown.map((r) => (r as unknown[]).length));
    const cols = columns ?? Array.from({ length: width }, (_, i) => String(i));
    return { columns: cols, rows: shown.map((r) => cols.map((_, i) => cell((r as unknown[])[i]))), omitted: list.length - shown.length };
  }
  const cols = columns ?? [...new Set(shown.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : ["값"])))];
  return {
    columns: cols,
    rows: shown.map((r) =>
      r && typeof r === "object" ? cols.map((c) => (c in r ? cell((r as Record<string, unknown>)[c]) : "")) : [cell(r)],
    ),
    omitted: list.length - shown.length,
  };
}

/** A table from an array of objects or of arrays. */
export function table(rows: unknown, opts: { columns?: string[] } = {}): void {
  emit({ kind: "table", id: newId(), ...toRows(rows, opts.columns) });
}
