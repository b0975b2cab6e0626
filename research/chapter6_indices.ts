// Chapter 6's data split as row indices, for research/chapter6_default.py: the rows the chapter's `prepare` cell takes.
//   npx tsx research/chapter6_indices.ts [seed=42] [out-dir=.cache/ch6] [train.tsv test.tsv]
// train: seededShuffle(trainRows, seed)[500 : 500 + 20000] (validLimit 500 held out first; a config's trainLimit is a
// prefix of this), test: seededShuffle(testRows, seed + 1)[0 : 2000] (evalLimit 2000). Indices are into the rows
// lib/data/nsmc.ts keeps, the order of .cache/*/nsmc_{train,test}.bin. Writes train-<seed>.txt and test-<seed>.txt.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseNsmc } from "../lib/data/nsmc";
import { seededShuffle } from "../lib/data/prng";

const [seedArg = "42", out = ".cache/ch6", trainTsv = "../shared/nsmc/ratings_train.txt", testTsv = "../shared/nsmc/ratings_test.txt"] = process.argv.slice(2);
const seed = Number(seedArg);
const rowsOf = (p: string) => parseNsmc(readFileSync(p, "utf8")).rows.map((_, i) => i);
writeFileSync(join(out, `train-${seed}.txt`), seededShuffle(rowsOf(trainTsv), seed).slice(500, 20500).join(" ") + "\n");
writeFileSync(join(out, `test-${seed}.txt`), seededShuffle(rowsOf(testTsv), seed + 1).slice(0, 2000).join(" ") + "\n");
