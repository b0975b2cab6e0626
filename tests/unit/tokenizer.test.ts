// Tokenizer: basic splitting, WordPiece semantics, encode/encodeBatch/decode, and the shipped vocab.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basicTokenize, parseVocab, wordPiece, WordPieceTokenizer } from "../../lib/tokenizer";

const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
// A hand-made vocab, so every expected segmentation below can be checked by eye.
const SMALL = [
  ...SPECIALS,
  ...["un", "##aff", "##able", "##a", "hello", "world", "!", ",", "?", "B", "##E", "##R", "##T", "##는", "최고", "영화", "##가"],
  ...["고", "##양", "##이", "고양", "재", "##밌", "##어요", "진짜", "a", "##b", "😀"],
];
const small = WordPieceTokenizer.fromTokens(SMALL);
const real = WordPieceTokenizer.fromVocabText(readFileSync("public/models/vocab.txt", "utf8"));

test("basic tokenizer: whitespace, punctuation, symbols and emoji split; cased; no accent stripping", () => {
  assert.deepEqual(basicTokenize("BERT는 최고😀!!"), ["BERT는", "최고", "😀", "!", "!"]);
  assert.deepEqual(basicTokenize("Hello, World!  $5+3=8"), ["Hello", ",", "World", "!", "$", "5", "+", "3", "=", "8"]);
  assert.deepEqual(basicTokenize("café naïve"), ["café", "naïve"], "accents kept, case kept");
  assert.deepEqual(basicTokenize("\t진짜\n재밌어요\u3000ㅋㅋ "), ["진짜", "재밌어요", "ㅋㅋ"]);
  assert.deepEqual(basicTokenize("中文字요"), ["中", "文", "字", "요"], "CJK ideographs split, Hangul not");
  assert.deepEqual(basicTokenize("❤️👍🏻"), ["❤", "👍", "🏻"], "variation selector dropped, each symbol alone");
  assert.deepEqual(basicTokenize("a\u200Bb\u0000c\uFFFD"), ["abc"], "control/format chars removed");
  assert.deepEqual(basicTokenize(""), []);
});

test("basic tokenizer normalizes to NFC (decomposed Hangul jamo become syllables)", () => {
  const nfd = "영화".normalize("NFD");
  assert.notEqual(nfd, "영화");
  assert.deepEqual(basicTokenize(nfd), ["영화"]);
});

test("WordPiece: greedy longest match first with ## continuations", () => {
  assert.deepEqual(small.tokenize("unaffable"), ["un", "##aff", "##able"]);
  assert.deepEqual(small.tokenize("영화가"), ["영화", "##가"]);
  assert.deepEqual(small.tokenize("고양이"), ["고양", "##이"], "longest first: 고양 beats 고");
});

test("WordPiece: a word with no full segmentation is one [UNK], never a partial one", () => {
  assert.deepEqual(small.tokenize("unaffablex"), ["[UNK]"]);
  assert.deepEqual(small.tokenize("hello zzz world"), ["hello", "[UNK]", "world"]);
  assert.deepEqual(small.tokenize("a".repeat(101)), ["[UNK]"], "over 100 chars");
  assert.deepEqual(wordPiece("a" + "b".repeat(99), (p) => p === "a" || p === "##b").length, 100, "100 chars is fine");
  const astral = ["a", "##𝓐", "##b"];
  assert.deepEqual(wordPiece("a𝓐b", (p) => astral.includes(p)), astral, "astral char is one piece");
  const halves = ["a", "##\uD835", "##\uDCD0"]; // the two UTF-16 halves of 𝓐
  assert.deepEqual(wordPiece("a𝓐", (p) => halves.includes(p)), ["[UNK]"], "never cut a surrogate pair");
});

test("golden mixed script + emoji: BERT는 최고😀!!", () => {
  assert.deepEqual(small.encode("BERT는 최고😀!!").tokens, ["[CLS]", "B", "##E", "##R", "##T", "##는", "최고", "😀", "!", "!", "[SEP]"]);
  const noEmoji = WordPieceTokenizer.fromTokens(SMALL.filter((t) => t !== "😀"));
  assert.deepEqual(noEmoji.tokenize("최고😀"), ["최고", "[UNK]"], "unknown emoji is its own [UNK], 최고 survives");
  // The shipped vocab: same structure.
  assert.deepEqual(real.tokenize("BERT는 최고😀!!"), ["B", "##E", "##R", "##T", "##는", "최고", "[UNK]", "!", "!"]);
});

test("encode: [CLS] ... [SEP], ids, masks, empty input", () => {
  const e = small.encode("hello world!");
  assert.deepEqual(e.tokens, ["[CLS]", "hello", "world", "!", "[SEP]"]);
  assert.deepEqual(e.ids, [2, 9, 10, 11, 3]);
  assert.deepEqual(e.attentionMask, [1, 1, 1, 1, 1]);
  assert.deepEqual(e.tokenTypeIds, [0, 0, 0, 0, 0]);
  const empty = small.encode("");
  assert.deepEqual(empty.tokens, ["[CLS]", "[SEP]"]);
  assert.deepEqual(empty.ids, [2, 3]);
});

test("encode: truncation to maxLen keeps [SEP]", () => {
  const e = small.encode("hello world ".repeat(50), { maxLen: 6 });
  assert.equal(e.ids.length, 6);
  assert.deepEqual(e.tokens, ["[CLS]", "hello", "world", "hello", "world", "[SEP]"]);
  assert.equal(small.encode("hello", { maxLen: 10 }).ids.length, 3, "short input is not padded");
  assert.throws(() => small.encode("hello", { maxLen: 1 }));
});

test("encode: sentence pair gets token type 1 and longest-first truncation", () => {
  const e = small.encode("hello world", { pair: "영화가 최고" });
  assert.deepEqual(e.tokens, ["[CLS]", "hello", "world", "[SEP]", "영화", "##가", "최고", "[SEP]"]);
  assert.deepEqual(e.tokenTypeIds, [0, 0, 0, 0, 1, 1, 1, 1]);
  const t = small.encode("hello world hello", { pair: "최고", maxLen: 6 });
  assert.deepEqual(t.tokens, ["[CLS]", "hello", "world", "[SEP]", "최고", "[SEP]"]);
  // Equal lengths: the second segment gives up a token first (Hugging Face: `len(ids) > len(pair_ids)` else pair).
  const tie = small.encode("hello world", { pair: "영화 최고", maxLen: 6 });
  assert.deepEqual(tie.tokens, ["[CLS]", "hello", "world", "[SEP]", "영화", "[SEP]"]);
  const tie2 = small.encode("hello world", { pair: "영화 최고", maxLen: 5 });
  assert.deepEqual(tie2.tokens, ["[CLS]", "hello", "[SEP]", "영화", "[SEP]"]);
});

test("encodeBatch: dynamic padding to the longest row, never to maxLen", () => {
  const b = small.encodeBatch(["hello", "hello world !", ""], { maxLen: 128 });
  assert.equal(b.batchSize, 3);
  assert.equal(b.seqLen, 5);
  assert.deepEqual(b.lengths, [3, 5, 2]);
  assert.ok(b.inputIds instanceof Int32Array);
  assert.equal(b.inputIds.length, 15);
  // row-major [B, T]
  assert.deepEqual([...b.inputIds], [2, 9, 3, 0, 0, 2, 9, 10, 11, 3, 2, 3, 0, 0, 0]);
  assert.deepEqual([...b.attentionMask], [1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  assert.deepEqual([...b.tokenTypeIds], new Array(15).fill(0));
  const capped = small.encodeBatch(["hello world ".repeat(20), "hello"], { maxLen: 8 });
  assert.equal(capped.seqLen, 8);
  assert.equal(capped.inputIds[7], 3, "truncated row still ends in [SEP]");
});

test("decode joins ## pieces and can skip specials", () => {
  const ids = small.encode("unaffable 영화가 최고").ids;
  assert.equal(small.decode(ids), "[CLS] unaffable 영화가 최고 [SEP]");
  assert.equal(small.decode(ids, { skipSpecial: true }), "unaffable 영화가 최고");
  assert.equal(small.decode([2, 1, 3], { skipSpecial: true }), "[UNK]", "[UNK] is content, not skipped");
  assert.throws(() => small.idToToken(9999));
  assert.equal(small.tokenToId("없는토큰"), small.unkId);
});

test("decode(encode(x)) round-trips space-separated Korean with the shipped vocab", () => {
  for (const s of ["이 영화 진짜 재밌어요", "배우들 연기가 최고였다", "고양이가 나오는 영화는 다 좋아", "스토리는 별로지만 음악은 좋다"]) {
    assert.equal(real.decode(real.encode(s).ids, { skipSpecial: true }), s);
  }
});

test("shipped vocab: specials at 0..4, 12,000 tokens, common review words are real pieces", () => {
  assert.equal(real.vocabSize, 12_000);
  assert.deepEqual(SPECIALS.map((t) => real.tokenToId(t)), [0, 1, 2, 3, 4]);
  assert.deepEqual([real.padId, real.unkId, real.clsId, real.sepId, real.maskId], [0, 1, 2, 3, 4]);
  for (const w of ["영화", "재밌", "최고", "진짜", "배우", "연기"]) assert.notEqual(real.tokenToId(w), real.unkId, w);
});

test("golden 고양이: real WordPiece pieces (not the textbook's '고##','#양#','##이')", () => {
  for (const tok of [real, small, WordPieceTokenizer.fromTokens([...SPECIALS, "고", "##양", "##이"])]) {
    const pieces = tok.tokenize("고양이");
    assert.ok(pieces.length >= 1 && !pieces.includes("[UNK]"));
    pieces.forEach((p, i) => {
      assert.notEqual(tok.tokenToId(p), tok.unkId, `${p} is a vocab token`);
      assert.equal(p.startsWith("##"), i > 0, `only the first piece lacks ##: ${pieces.join(" ")}`);
    });
    assert.equal(pieces.map((p) => p.replace(/^##/, "")).join(""), "고양이");
  }
});

test("parseVocab refuses files that would shift ids", () => {
  assert.throws(() => parseVocab(["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"].join("\n")), /line 1 must be \[PAD\]/);
  assert.throws(() => parseVocab([...SPECIALS, "a", "a"].join("\n")), /duplicate/);
  assert.throws(() => parseVocab([...SPECIALS, "", "a"].join("\n")), /empty/);
  assert.equal(parseVocab([...SPECIALS, "a"].join("\r\n") + "\r\n").tokens.length, 6);
});

test("special tokens typed in the text stay whole ([MASK] for fill-mask), glued or spaced", () => {
  const tok = WordPieceTokenizer.fromVocabText(readFileSync("public/models/vocab.txt", "utf8"));
  const enc = tok.encode("영화가 정말 [MASK]어요 [SEP]");
  assert.equal(enc.tokens.filter((t) => t === "[MASK]").length, 1);
  assert.equal(enc.ids[enc.tokens.indexOf("[MASK]")], tok.maskId);
  assert.equal(enc.tokens.filter((t) => t === "[SEP]").length, 2);
  assert.ok(!enc.tokens.includes("MASK") && !enc.tokens.includes("["));
  // A lookalike is not special.
  assert.ok(!tok.tokenize("[MASKED]").includes("[MASK]"));
});
