// Offsets (Encoding.offsets): each token's [start, end) in the original text, in UTF-16 units, as Hugging Face's
// return_offsets_mapping. Against the Rust tokenizers' own offsets (tests/fixtures/hf/offsets.json, made by
// scripts/hf-offsets.ts) on the 328 parity sentences plus NFD input and emoji, and by hand for our own rules
// (NFC, symbols split) with the shipped vocabulary, which the explorer uses to show what the reader typed for [UNK].
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { hfTokenizer, WordPieceTokenizer } from "../../lib/tokenizer";
import { OFFSET_EXTRA, SENTENCES } from "./helpers/hf-sentences";

interface Fixture { sentences: string[]; uncased: { tokens: string[]; offsets: number[][] }[]; cased: Fixture["uncased"] }
const fixture = JSON.parse(readFileSync("tests/fixtures/hf/offsets.json", "utf8")) as Fixture;
const real = WordPieceTokenizer.fromVocabText(readFileSync("public/models/vocab.txt", "utf8"));

test("the offsets fixture was made from the parity sentences of today (328 + NFD and emoji cases)", () => {
  assert.equal(SENTENCES.length, 328);
  assert.deepEqual(fixture.sentences, [...SENTENCES, ...OFFSET_EXTRA]);
});

for (const [name, lowercase] of [["uncased", true], ["cased", false]] as const) {
  test(`offsets equal Hugging Face's (Rust tokenizers, ${name} vocabulary) on ${fixture.sentences.length} sentences`, () => {
    const tok = hfTokenizer({ vocabText: readFileSync(`tests/fixtures/hf/vocab-${name}.txt`, "utf8"), tokenizerConfig: { do_lower_case: lowercase } }).tokenizer;
    let compared = 0, unk = 0, nfdChanged = 0;
    fixture.sentences.forEach((s, i) => {
      const want = fixture[name][i];
      const got = tok.encode(s);
      assert.deepEqual(got.tokens, want.tokens, `tokens of ${JSON.stringify(s)}`);
      assert.deepEqual(got.offsets, want.offsets, `offsets of ${JSON.stringify(s)}`);
      compared += got.tokens.length;
      unk += got.tokens.filter((t) => t === "[UNK]").length;
      if (s !== s.normalize("NFC")) nfdChanged++;
    });
    // The set exercises what changes lengths: many tokens, [UNK] words, decomposed input.
    assert.ok(compared > 5000 && unk > 20 && nfdChanged >= 30, `${compared} tokens, ${unk} [UNK], ${nfdChanged} NFD sentences`);
  });
}

const typed = (text: string, enc: { tokens: string[]; offsets: [number, number][] }) => enc.offsets.map(([s, e]) => text.slice(s, e));

test("our rules: [UNK] stands for what was typed (an emoji, a surrogate pair); [CLS]/[SEP] are [0, 0]", () => {
  const text = "정말 웃겨요😂 최고";
  const enc = real.encode(text);
  const u = enc.tokens.indexOf("[UNK]");
  assert.ok(u > 0, `the shipped vocabulary has no 😂: ${enc.tokens}`);
  assert.deepEqual(enc.offsets[u], [6, 8], "two UTF-16 units");
  assert.equal(typed(text, enc)[u], "😂");
  assert.deepEqual([enc.offsets[0], enc.offsets[enc.offsets.length - 1]], [[0, 0], [0, 0]]);
  assert.equal(enc.offsets.length, enc.tokens.length);
  // Pieces of one word cover it without gaps: 정말 → its pieces' texts joined give back the word.
  const words = typed(text, enc).slice(1, -1);
  assert.ok(words.join("").replace(/\s/g, "") === text.replace(/\s/g, ""), `${words}`);
});

test("our rules: NFD input maps back to the decomposed characters; dropped control characters leave gaps", () => {
  const nfd = "영화 최고".normalize("NFD");   // 6 + 1 + 6 units
  const enc = real.encode(nfd);
  assert.equal(enc.tokens.slice(1, -1).join(" "), real.encode("영화 최고").tokens.slice(1, -1).join(" "));
  const spans = enc.offsets.slice(1, -1);
  assert.deepEqual([spans[0][0], spans[spans.length - 1][1]], [0, nfd.length], "first and last piece reach the ends of the NFD text");
  assert.equal(typed(nfd, enc).slice(1, -1).join("").normalize("NFC"), "영화최고");
  // A combining accent composes with its letter: e + U+0301 is one character é of two units.
  const small = WordPieceTokenizer.fromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "café", "a", "##b"]);
  assert.deepEqual(small.encode("cafe\u0301 ab").offsets, [[0, 0], [0, 5], [6, 7], [7, 8], [0, 0]]);
  assert.deepEqual(small.encode("a\u200Bb").offsets, [[0, 0], [0, 1], [2, 3], [0, 0]], "the zero-width space is not part of either piece");
  assert.deepEqual(small.encode("a\u200Bb").tokens, ["[CLS]", "a", "##b", "[SEP]"]);
});

test("offsets follow truncation and pairs (each segment's own text), and specials typed in the text", () => {
  const small = WordPieceTokenizer.fromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b"]);
  const enc = small.encode("a b a", { maxLen: 4, pair: "b a" });
  assert.deepEqual(enc.tokens, ["[CLS]", "a", "[SEP]", "[SEP]"], "longest first: b a loses both");
  assert.deepEqual(enc.offsets, [[0, 0], [0, 1], [0, 0], [0, 0]]);
  const cut = small.encode("a b a", { maxLen: 4 });
  assert.deepEqual(cut.offsets, [[0, 0], [0, 1], [2, 3], [0, 0]]);
  const pair = small.encode("a b", { pair: "b a" });
  assert.deepEqual(pair.offsets, [[0, 0], [0, 1], [2, 3], [0, 0], [0, 1], [2, 3], [0, 0]]);
  assert.deepEqual(small.encode("a [MASK] b").offsets, [[0, 0], [0, 1], [2, 8], [9, 10], [0, 0]]);
});

test("our rules on every parity sentence: offsets inside the text, in order, and a piece's text is in its span", () => {
  for (const s of [...SENTENCES, ...OFFSET_EXTRA]) {
    const enc = real.encode(s);
    let last = 0;
    enc.tokens.forEach((t, i) => {
      const [a, b] = enc.offsets[i];
      if (i === 0 || i === enc.tokens.length - 1) { assert.deepEqual([a, b], [0, 0]); return; }
      if (/^\[(CLS|SEP|PAD|MASK)\]$/.test(t)) { assert.equal(s.slice(a, b), t, "a special typed in the text: its own span"); last = a; return; }
      assert.ok(a >= last && b > a && b <= s.length, `${t} at [${a}, ${b}) in ${JSON.stringify(s)}`);
      last = a;
      if (t !== "[UNK]") {
        const piece = t.startsWith("##") ? t.slice(2) : t;
        // Dropped characters (zero-width, variation selectors) may sit inside a span, as in Hugging Face's.
        const seen = s.slice(a, b).normalize("NFC").replace(/[\p{Cc}\p{Cf}\uFE0E\uFE0F\uFFFD]/gu, "");
        assert.ok(seen.includes(piece), `${t} in ${JSON.stringify(s.slice(a, b))}`);
      }
    });
  }
});
