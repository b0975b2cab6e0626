// Node-only helpers shared by scripts/vocab.ts and scripts/encode-corpus.ts: where the corpora live,
// how to read them, and a progress line on stderr. Kept out of lib/ because it imports node:fs.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseNsmc, type NsmcParseResult } from "../lib/data/nsmc";

export const PATHS = {
  unlabeled: "data/nsmc/unlabeled.txt.gz", // 652K raw reviews, one per line, no labels
  train: "public/data/nsmc/ratings_train.txt",
  test: "public/data/nsmc/ratings_test.txt", // evaluation only: never train a vocab or model on it
  vocab: "public/models/vocab.txt",
  vocabStats: "public/models/vocab-stats.json",
  corpusDir: ".cache/corpus",
};

/** Unlabeled reviews; blank lines are dropped (they carry no tokens). */
export function readUnlabeled(path = PATHS.unlabeled): string[] {
  return gunzipSync(readFileSync(path)).toString("utf8").split("\n").filter((l) => l.trim() !== "");
}

export function readNsmc(path: string): NsmcParseResult {
  return parseNsmc(readFileSync(path, "utf8"));
}

/** One rewriting stderr line: phase, percent, rate and ETA. Throttled so it costs nothing. */
export class Progress {
  private t0 = Date.now();
  private last = 0;
  constructor(
    private phase: string,
    private total: number,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    // Redraw often on a terminal; in a log file, one line every few seconds is plenty.
    if (!force && now - this.last < (process.stderr.isTTY ? 250 : 5000)) return;
    this.last = now;
    const s = (now - this.t0) / 1000;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const eta = frac > 0 ? (s / frac) * (1 - frac) : NaN;
    const line = `${this.phase}: ${(100 * frac).toFixed(1)}% (${done.toLocaleString()}/${this.total.toLocaleString()}) ${s.toFixed(0)}s elapsed, ETA ${Number.isFinite(eta) ? eta.toFixed(0) + "s" : "?"}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : line + "\n");
  }

  done(): void {
    this.update(this.total, true);
    if (process.stderr.isTTY) process.stderr.write("\n");
  }
}
