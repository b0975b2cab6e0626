// Node-only helpers shared by scripts/vocab.ts and scripts/encode-corpus.ts: where the corpora live and
// how to read them. Kept out of lib/ because it imports node:fs. (Their progress bar: cli-util's ProgressBar.)
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
