// Small shared pieces of the Node CLIs: flag parsing (node:util parseArgs), a progress bar on stderr
// (cli-progress), TSV loading.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { parseNsmc, type NsmcRow } from "../lib/data";
import { formatDurationShort } from "../lib/format";
import { readText } from "./corpus-io";

// --- flags -------------------------------------------------------------------------------------------

export type FlagKind = "string" | "strings" | "number" | "boolean";   // strings: repeatable (--text a --text b)
export type FlagSpec = Record<string, FlagKind>;
export type Flags<S extends FlagSpec> = {
  [K in keyof S]: S[K] extends "boolean" ? boolean : S[K] extends "number" ? number | undefined : S[K] extends "strings" ? string[] : string | undefined;
};

/** A command line the CLI cannot run: the message says which flag and why. */
export class UsageError extends Error {}

/**
 * `--key value`, `--key=value` and `--flag` as the spec declares them; unknown flags, a value-taking flag
 * without its value, a boolean given a value and a number flag that is not a finite number are UsageErrors.
 * Positional arguments only with `positionals: true` (then in `_`).
 */
export function readFlags<S extends FlagSpec>(argv: string[], spec: S, opts: { positionals?: boolean } = {}): Flags<S> & { _: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, kind]) => [name, { type: kind === "boolean" ? ("boolean" as const) : ("string" as const), multiple: kind === "strings" }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: opts.positionals ?? false });
  } catch (e) {
    // node's messages name the flag: "Unknown option '--epoch'", "Option '--model <value>' argument missing".
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const out: Record<string, unknown> = { _: parsed.positionals };
  for (const [name, kind] of Object.entries(spec)) {
    const v = (parsed.values as Record<string, string | boolean | string[] | undefined>)[name];
    if (kind === "boolean") out[name] = v === true;
    else if (kind === "strings") out[name] = v ?? [];
    else if (kind === "number" && v !== undefined) {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
      out[name] = n;
    } else out[name] = v;
  }
  return out as Flags<S> & { _: string[] };
}

/** readFlags for a CLI's main: on a UsageError, prints it and the usage to stderr and exits with status 2. */
export function parseFlags<S extends FlagSpec>(argv: string[], spec: S, usage: string, opts: { positionals?: boolean } = {}): Flags<S> & { _: string[] } {
  try {
    return readFlags(argv, spec, opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${usage}\n`);
    process.exit(2);
  }
}

/** A flag the CLI cannot do without: its value, or the usage and exit status 2. */
export function required(value: string | undefined, name: string, usage: string): string {
  if (!value) {
    process.stderr.write(`missing --${name}\n${usage}\n`);
    process.exit(2);
  }
  return value;
}

// --- TSV ---------------------------------------------------------------------------------------------

/**
 * NSMC-format TSV (id, document, label), plain or gzipped (`.gz`, as the site ships NSMC), with bad rows counted,
 * optionally only the first `limit` rows.
 */
export async function loadTsv(file: string, limit?: number): Promise<{ rows: NsmcRow[]; skipped: number; badExamples: string[] }> {
  const { rows, bad } = parseNsmc(readText(file));
  return {
    rows: limit && limit > 0 ? rows.slice(0, limit) : rows,
    skipped: bad.length,
    badExamples: bad.slice(0, 3).map((b) => `line ${b.line}: ${b.reason}`),
  };
}

// --- progress ----------------------------------------------------------------------------------------

/** How often a progress line is printed when stderr is not a terminal (a CI log, a file). */
export const LOG_EVERY_MS = 5000;

/**
 * A cli-progress bar on stderr: "label [####....] 12/100 (12%) ETA 3m05s <detail>", redrawn in place on a
 * terminal; when stderr is not a TTY, one plain line every LOG_EVERY_MS (and at the end), so logs stay short.
 * Starts at the first update(); stop() prints the final state.
 */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private running = false;
  private lastDraw = 0;
  private readonly everyMs: number;

  constructor(label: string, opts: { stream?: NodeJS.WriteStream; everyMs?: number } = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.everyMs = opts.everyMs ?? LOG_EVERY_MS;
    this.tty = this.stream.isTTY === true;
    this.bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {value}/{total} ({percentage}%) ETA {eta_formatted} {detail}`,
      stream: this.stream,
      barsize: 24,
      barCompleteChar: "#",
      barIncompleteChar: ".",
      noTTYOutput: true,
      notTTYSchedule: this.everyMs,
      // A log has nothing to clear; on a terminal the last state stays on screen.
      clearOnComplete: !this.tty,
      // Cut to the terminal's width instead of switching wrapping off (a killed process would leave it off).
      linewrap: true,
      etaBuffer: 50,
      etaAsynchronousUpdate: true,
      formatTime: (t: number) => formatDurationShort(Number(t)), // "NULL"/"INF" before a rate is known → "?"
    });
    this.bar.on("redraw-post", () => {
      this.lastDraw = Date.now();
    });
  }

  update(done: number, total: number, detail = ""): void {
    if (!this.running) {
      this.running = true;
      this.bar.start(total, done, { detail });
      return;
    }
    if (total !== this.bar.getTotal()) this.bar.setTotal(total);
    this.bar.update(done, { detail });
    // Without a terminal cli-progress draws from a timer only, which a synchronous loop never lets run.
    if (!this.tty && Date.now() - this.lastDraw >= this.everyMs) this.bar.render();
  }

  /** A line of its own (e.g. an evaluation result); the bar carries on below it. */
  log(text: string): void {
    this.stream.write(this.running && this.tty ? `\n${text}\n` : `${text}\n`);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.bar.stop();
  }
}
