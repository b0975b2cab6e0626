// npm run hf-vocab — small vocabularies in Google's layout, for the Hugging Face fixtures and the shipped tiny
// HF-format BERT (public/models/hf-tiny). The real bert-base-uncased / mBERT vocabularies cannot be downloaded
// here, so these stand in for them: the same layout ([PAD], [unused0..98], then [UNK] [CLS] [SEP] [MASK] at
// 100–103) and the same rules (uncased = lowercase + strip accents, so Hangul arrives as jamo; cased = as typed).
//
//   npx tsx scripts/hf-vocab.ts [--size 3000] [--reviews 30000]
// Reads public/data/nsmc/ratings_train.txt.gz (PATHS.train; never the test split); writes tests/fixtures/hf/vocab-{uncased,cased}.txt.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hfBasicTokenize, SPECIAL_TOKENS, trainVocabFromCounts, vocabToText, type HFBasicRules } from "../lib/tokenizer";
import { PATHS, readNsmc } from "./corpus-io";

const { values } = parseArgs({ options: { size: { type: "string", default: "3000" }, reviews: { type: "string", default: "30000" } } });
const size = Number(values.size);
const reviews = readNsmc(PATHS.train).rows.slice(0, Number(values.reviews)).map((r) => r.text);

// A little of other scripts, so the edge cases (accents, CJK, English) meet real pieces, as in mBERT.
const SEED = [
  "the movie was really good and the actors were great", "I love this film , best movie ever !", "bad acting boring story",
  "café naïve résumé crème brûlée façade jalapeño Zürich São Paulo", "日本 映画 中国 电影 韓國 漢字", "Ελληνικά Русский",
];

const LAYOUT_HEAD = ["[PAD]", ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`), "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

function build(rules: HFBasicRules): string[] {
  const counts = new Map<string, number>();
  for (const text of [...reviews, ...SEED.flatMap((s) => Array(20).fill(s) as string[])]) {
    for (const w of hfBasicTokenize(text, rules)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const specials = new Set<string>(SPECIAL_TOKENS);
  const trained = trainVocabFromCounts(counts, { vocabSize: size - LAYOUT_HEAD.length + SPECIAL_TOKENS.length, minCharFreq: 3 }).tokens;
  return [...LAYOUT_HEAD, ...trained.filter((t) => !specials.has(t))];
}

mkdirSync("tests/fixtures/hf", { recursive: true });
for (const [name, rules] of [
  ["uncased", { doLowerCase: true, stripAccents: null, tokenizeChineseChars: true, neverSplit: [] }],
  ["cased", { doLowerCase: false, stripAccents: null, tokenizeChineseChars: true, neverSplit: [] }],
] as [string, HFBasicRules][]) {
  const tokens = build(rules);
  writeFileSync(`tests/fixtures/hf/vocab-${name}.txt`, vocabToText(tokens));
  process.stderr.write(`vocab-${name}.txt: ${tokens.length} tokens\n`);
}
