// Small shared pieces of the Node CLIs: flag parsing, a stderr progress line, TSV loading.
import { readFile } from "node:fs/promises";
import { parseNsmc, type NsmcRow } from "../lib/data";

/** `--key value` and `--flag` pairs; numbers stay strings until asked for. */
export function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument "${a}"`);
    const [k, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) out.set(k, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) out.set(k, argv[++i]);
    else out.set(k, "true");
  }
  return out;
}

export function num(args: Map<string, string>, key: string, fallback: number): number {
  const v = args.get(key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got "${v}"`);
  return n;
}

export function required(args: Map<string, string>, key: string, usage: string): string {
  const v = args.get(key);
  if (!v) { process.stderr.write(`missing --${key}\n${usage}\n`); process.exit(2); }
  return v;
}

/** NSMC-format TSV (id, document, label) with bad rows counted, optionally only the first `limit` rows. */
export async function loadTsv(file: string, limit?: number): Promise<{ rows: NsmcRow[]; skipped: number; badExamples: string[] }> {
  const { rows, bad } = parseNsmc(await readFile(file, "utf8"));
  return {
    rows: limit && limit > 0 ? rows.slice(0, limit) : rows,
    skipped: bad.length,
    badExamples: bad.slice(0, 3).map((b) => `line ${b.line}: ${b.reason}`),
  };
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60);
  return h ? `${h}h${String(m).padStart(2, "0")}m` : m ? `${m}m${String(sec).padStart(2, "0")}s` : `${sec}s`;
}

/** One progress line on stderr: redrawn in place on a terminal, printed every few seconds otherwise. */
export class ProgressLine {
  private last = 0;
  private readonly tty = Boolean(process.stderr.isTTY);
  update(done: number, total: number, text: string, force = false): void {
    const now = Date.now();
    if (!force && !this.tty && now - this.last < 5000) return;
    if (!force && this.tty && now - this.last < 100) return;
    this.last = now;
    const width = 24, filled = Math.round((width * done) / Math.max(1, total));
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${text}`;
    process.stderr.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
  end(): void { if (this.tty) process.stderr.write("\n"); }
}
