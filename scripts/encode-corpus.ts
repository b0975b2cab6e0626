// npm run encode-corpus — tokenize the corpora once, in TypeScript, for the Python side.
//
// Why here and not in Python: there is exactly one tokenizer (lib/tokenizer), so the ids PyTorch
// pretrains on are by construction the ids the browser produces. Format (lib/README.md contract):
// little-endian uint16 ids, each review WITHOUT [CLS]/[SEP], followed by a 0 ([PAD]) separator.
//
//   .cache/corpus/unlabeled.bin   pretraining text (empty encodings skipped)
//   .cache/corpus/train.bin       ratings_train documents, for pretraining too
//   .cache/corpus/nsmc_{train,test}.bin + .labels   labelled sets for the PyTorch reference
//                                  fine-tune: review i of .bin has label byte i of .labels
//   .cache/corpus/meta.json       vocab hash and counts
//
//   npm run encode-corpus -- --corpus ../shared/nsmc/unlabeled.txt [--vocab public/models/vocab.txt
//                            --out .cache/corpus --train <tsv> --test <tsv> --limit N]
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WordPieceTokenizer, UNK_ID } from "../lib/tokenizer";
import { formatBytes } from "../lib/format";
import { DEFAULT_CORPUS, PATHS, readNsmc, readUnlabeled } from "./corpus-io";
import { parseFlags, ProgressBar } from "./cli-util";

const flags = parseFlags(process.argv.slice(2), { corpus: "string", vocab: "string", out: "string", train: "string", test: "string", limit: "number" },
  "usage: npm run encode-corpus -- --corpus <unlabeled.txt> [--vocab <vocab.txt>] [--out <dir>] [--train <tsv>] [--test <tsv>] [--limit N]");
const corpusPath = flags.corpus ?? DEFAULT_CORPUS;
const vocabPath = flags.vocab ?? PATHS.vocab;
const outDir = flags.out ?? PATHS.corpusDir;
const trainPath = flags.train ?? PATHS.train;
const testPath = flags.test ?? PATHS.test;
const LIMIT = flags.limit ?? Infinity;

const vocabText = readFileSync(vocabPath, "utf8");
const tok = WordPieceTokenizer.fromVocabText(vocabText);
if (tok.vocabSize > 65_536) throw new Error(`vocab of ${tok.vocabSize} does not fit uint16`);
mkdirSync(outDir, { recursive: true });

interface Encoded {
  reviews: number; // reviews written (each followed by one 0)
  tokens: number; // ids written, separators not counted
  unk: number;
  emptySkipped: number; // reviews with no tokens that were left out (only when skipEmpty)
  bytes: number;
}

/** Encode texts to the separator format; with keepEmpty, an empty review is a lone 0 so labels stay aligned. */
function encodeToFile(name: string, texts: string[], keepEmpty: boolean): Encoded {
  let buf = new Uint8Array(1 << 24);
  let view = new DataView(buf.buffer);
  let pos = 0;
  const put = (id: number) => {
    if (pos + 2 > buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
      view = new DataView(buf.buffer);
    }
    view.setUint16(pos, id, true); // explicit little-endian, whatever the host
    pos += 2;
  };
  const out: Encoded = { reviews: 0, tokens: 0, unk: 0, emptySkipped: 0, bytes: 0 };
  const p = new ProgressBar(`encode ${name}`);
  texts.forEach((text, i) => {
    const ids = tok.encodeIds(text);
    if (ids.length === 0 && !keepEmpty) out.emptySkipped++;
    else {
      for (const id of ids) {
        put(id);
        if (id === UNK_ID) out.unk++;
      }
      put(0);
      out.reviews++;
      out.tokens += ids.length;
    }
    p.update(i + 1, texts.length);
  });
  p.stop();
  out.bytes = pos;
  writeFileSync(join(outDir, name), buf.subarray(0, pos));
  return out;
}

const unlabeled = readUnlabeled(corpusPath).slice(0, LIMIT);
const train = readNsmc(trainPath);
const test = readNsmc(testPath);
train.rows = train.rows.slice(0, LIMIT);
test.rows = test.rows.slice(0, LIMIT);

const files: Record<string, Encoded> = {
  "unlabeled.bin": encodeToFile("unlabeled.bin", unlabeled, false),
  "train.bin": encodeToFile("train.bin", train.rows.map((r) => r.text), false),
  "nsmc_train.bin": encodeToFile("nsmc_train.bin", train.rows.map((r) => r.text), true),
  "nsmc_test.bin": encodeToFile("nsmc_test.bin", test.rows.map((r) => r.text), true),
};
writeFileSync(join(outDir, "nsmc_train.labels"), Uint8Array.from(train.rows, (r) => r.label));
writeFileSync(join(outDir, "nsmc_test.labels"), Uint8Array.from(test.rows, (r) => r.label));

const meta = {
  format: "uint16 little-endian token ids; each review without [CLS]/[SEP], followed by a single 0 ([PAD]) separator",
  labels: "nsmc_*.labels: one uint8 (0 = negative, 1 = positive) per review, same order as nsmc_*.bin",
  vocab: { path: vocabPath, sha256: createHash("sha256").update(vocabText).digest("hex"), size: tok.vocabSize },
  sources: {
    unlabeled: corpusPath,
    train: trainPath,
    test: testPath + " (nsmc_test.* only; never part of pretraining)",
  },
  nsmcSkippedRows: {
    train: train.bad.map((b) => ({ line: b.line, reason: b.reason })),
    test: test.bad.map((b) => ({ line: b.line, reason: b.reason })),
  },
  files,
  pretrainTokens: files["unlabeled.bin"].tokens + files["train.bin"].tokens,
};
writeFileSync(join(outDir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
for (const [name, e] of Object.entries(files)) {
  console.log(`${name}: ${e.reviews.toLocaleString()} reviews, ${e.tokens.toLocaleString()} tokens, ${e.unk} [UNK], ${e.emptySkipped} empty skipped, ${formatBytes(e.bytes, 1)}`);
}
console.log(`skipped NSMC rows: train ${train.bad.length}, test ${test.bad.length}; pretraining tokens ${meta.pretrainTokens.toLocaleString()}`);
