// npm run vocab — train the shared WordPiece vocabulary (public/models/vocab.txt).
//
// Trains on the unlabeled reviews + the `document` column of ratings_train.txt. NEVER on
// ratings_test.txt: the vocabulary would then have seen the test set's rare words, and the [UNK]
// rate / sequence lengths we quote would be optimistic. The test file is only used to MEASURE.
//
//   npm run vocab -- --corpus ../shared/nsmc/unlabeled.txt [--size 12000 --min-char-freq 5 --limit N
//                    --train public/data/nsmc/ratings_train.txt.gz --out public/models]
// writes <out>/vocab.txt and <out>/vocab-stats.json. --limit N reads only the first N reviews of each file
// (the tiny build of `npm run models -- --config models/tiny.json`).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countWords, trainVocabFromCounts, vocabToText, WordPieceTokenizer, UNK_ID } from "../lib/tokenizer";
import { DEFAULT_CORPUS, PATHS, readNsmc, readUnlabeled } from "./corpus-io";
import { parseFlags, ProgressBar } from "./cli-util";

const flags = parseFlags(process.argv.slice(2), {
  corpus: "string", train: "string", test: "string", out: "string", size: "number", "min-char-freq": "number", limit: "number",
}, "usage: npm run vocab -- --corpus <unlabeled.txt> [--train <tsv>] [--test <tsv>] [--out <dir>] [--size N] [--min-char-freq N] [--limit N]");
const VOCAB_SIZE = flags.size ?? 12_000;
const MIN_CHAR_FREQ = flags["min-char-freq"] ?? 5;
const LIMIT = flags.limit ?? Infinity;
const OUT_DIR = flags.out ?? "public/models";
const vocabPath = join(OUT_DIR, "vocab.txt");
const statsPath = join(OUT_DIR, "vocab-stats.json");

const t0 = Date.now();
const log = (msg: string) => process.stderr.write(`[vocab ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);

// --- read -------------------------------------------------------------------------------------------
const unlabeled = readUnlabeled(flags.corpus ?? DEFAULT_CORPUS).slice(0, LIMIT);
const train = readNsmc(flags.train ?? PATHS.train);
train.rows = train.rows.slice(0, LIMIT);
const texts = [...unlabeled, ...train.rows.map((r) => r.text)];
log(`read ${unlabeled.length} unlabeled + ${train.rows.length} train reviews (${train.bad.length} bad train rows skipped)`);

// --- count words --------------------------------------------------------------------------------------
const counts = new Map<string, number>();
const pc = new ProgressBar("count words");
const CHUNK = 10_000;
for (let i = 0; i < texts.length; i += CHUNK) {
  countWords(texts.slice(i, i + CHUNK), counts);
  pc.update(Math.min(i + CHUNK, texts.length), texts.length);
}
pc.stop();
log(`${counts.size} distinct words`);

// --- merges -------------------------------------------------------------------------------------------
const pm = new ProgressBar("merge");
const result = trainVocabFromCounts(counts, {
  vocabSize: VOCAB_SIZE,
  minCharFreq: MIN_CHAR_FREQ,
  onProgress: ({ done }) => pm.update(done, VOCAB_SIZE),
});
pm.stop();
log(
  `vocab ${result.tokens.length} tokens: alphabet ${result.alphabetSize}, merges ${result.merges}, ` +
    `${result.wordsUsed} words used, ${result.wordsDropped} dropped (rare char or >100 chars)`,
);

const text = vocabToText(result.tokens);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(vocabPath, text);

// --- measure on the test documents ------------------------------------------------------------------
const tok = WordPieceTokenizer.fromVocabText(text);
const test = readNsmc(flags.test ?? PATHS.test).rows.slice(0, LIMIT).map((r) => r.text);
const lens: number[] = [];
let pieces = 0;
let unks = 0;
let words = 0;
let unkWords = 0;
const pt = new ProgressBar("measure on test");
test.forEach((doc, i) => {
  let n = 0;
  for (const w of tok.basicTokenize(doc)) {
    const ps = tok.wordPieces(w);
    words++;
    if (ps.length === 1 && tok.tokenToId(ps[0]) === UNK_ID) unkWords++;
    for (const p of ps) if (tok.tokenToId(p) === UNK_ID) unks++;
    n += ps.length;
  }
  pieces += n;
  lens.push(n);
  pt.update(i + 1, test.length);
});
pt.stop();
lens.sort((x, y) => x - y);
const q = (f: number) => lens[Math.min(lens.length - 1, Math.floor(f * lens.length))];

const HANGUL = /^(##)?[\uAC00-\uD7A3]$/u;
const syllables = new Set(result.tokens.filter((t) => HANGUL.test(t)).map((t) => t.replace("##", "")));
const testSyllables = new Set<string>();
for (const doc of test) for (const ch of doc.normalize("NFC")) if (ch >= "\uAC00" && ch <= "\uD7A3") testSyllables.add(ch);
const covered = [...testSyllables].filter((s) => syllables.has(s)).length;

const stats = {
  vocabSize: result.tokens.length,
  vocabSha256: createHash("sha256").update(text).digest("hex"),
  trainedOn: { unlabeledReviews: unlabeled.length, trainReviews: train.rows.length, distinctWords: counts.size },
  trainer: {
    algorithm: "BPE-frequency merges over ##-spelled words (HF WordPieceTrainer recipe), WordPiece greedy inference",
    minCharFreq: MIN_CHAR_FREQ,
    alphabetSize: result.alphabetSize,
    merges: result.merges,
    wordsDropped: result.wordsDropped,
  },
  hangulSyllablesInVocab: syllables.size,
  test: {
    reviews: test.length,
    distinctHangulSyllables: testSyllables.size,
    hangulSyllablesCovered: covered,
    unkTokenRate: unks / pieces,
    unkWordRate: unkWords / words,
    tokensPerReview: {
      note: "WordPiece tokens without [CLS]/[SEP]",
      mean: pieces / test.length,
      median: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: lens[lens.length - 1],
    },
  },
  spotCheck: Object.fromEntries(
    ["영화", "재밌어요", "최고의 영화", "진짜 재미없다", "배우들 연기", "고양이", "ㅋㅋㅋㅋ", "BERT는 최고😀!!"].map((s) => [s, tok.tokenize(s).join(" ")]),
  ),
};
writeFileSync(statsPath, JSON.stringify(stats, null, 2) + "\n");
console.log(JSON.stringify(stats, null, 2));
log(`wrote ${vocabPath} and ${statsPath}`);
