// Node-only helpers shared by scripts/vocab.ts and scripts/encode-corpus.ts: where the corpora live and
// how to read them. Kept out of lib/ because it imports node:fs. (Their progress bar: cli-util's ProgressBar.)
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseNsmc, type NsmcParseResult } from "../lib/data/nsmc";

export const PATHS = {
  // The labelled splits ship with the site, gzipped (the page decompresses them with DecompressionStream).
  train: "public/data/nsmc/ratings_train.txt.gz",
  test: "public/data/nsmc/ratings_test.txt.gz", // evaluation only: never train a vocab or model on it
  vocab: "public/models/vocab.txt",
  vocabStats: "public/models/vocab-stats.json",
  corpusDir: ".cache/corpus",
};

// The raw pretraining corpus (652K unlabelled reviews, 60 MB) is a build input, not part of the repository:
// scripts take it with `--corpus <file>`. On the project's machines it is ../shared/nsmc/unlabeled.txt.
export const DEFAULT_CORPUS = "../shared/nsmc/unlabeled.txt";

/** A text file, gunzipped when its name ends in .gz. */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** Unlabelled reviews, one per line (plain or .gz); blank lines are dropped (they carry no tokens). */
export function readUnlabeled(path: string): string[] {
  if (!existsSync(path)) {
    throw new Error(`no pretraining corpus at ${path}: pass --corpus <file> (one review per line, UTF-8, plain or .gz; see README "Rebuilding the models")`);
  }
  return readText(path).split("\n").filter((l) => l.trim() !== "");
}

export function readNsmc(path: string): NsmcParseResult {
  return parseNsmc(readText(path));
}
