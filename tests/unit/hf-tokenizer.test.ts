// Tokenizer parity with Hugging Face's own JavaScript implementation (tokenizers.js), on a cased and an uncased
// vocabulary in Google's layout (tests/fixtures/hf, made by scripts/hf-vocab.ts): NSMC reviews plus edge cases.
// The reference tokenizer is built from a tokenizer.json exactly as transformers' BertConverter writes one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";
import { hfTokenizer, parseHFVocab, stripAccents, WordPieceTokenizer } from "../../lib/tokenizer";
import { referenceJSON, REVIEWS, SENTENCES } from "./helpers/hf-sentences";

function reference(vocabText: string, lowercase: boolean): Tokenizer {
  return new Tokenizer(referenceJSON(vocabText, lowercase), { do_lower_case: lowercase, model_max_length: 512, tokenizer_class: "BertTokenizer" });
}

for (const [name, lowercase] of [["uncased", true], ["cased", false]] as const) {
  test(`tokenizer parity with tokenizers.js (${name} vocabulary): ${SENTENCES.length} sentences, ids and tokens`, () => {
    const vocabText = readFileSync(`tests/fixtures/hf/vocab-${name}.txt`, "utf8");
    const ref = reference(vocabText, lowercase);
    const ours = hfTokenizer({ vocabText, tokenizerConfig: { do_lower_case: lowercase } }).tokenizer;
    let mismatches = 0;
    for (const s of SENTENCES) {
      const want = ref.encode(s);
      const got = ours.encode(s);
      if (JSON.stringify(got.ids) !== JSON.stringify(want.ids)) {
        mismatches++;
        assert.deepEqual(got.tokens, want.tokens, `tokens differ on ${JSON.stringify(s)}`);
      }
    }
    assert.equal(mismatches, 0);
    // Pairs: [CLS] a [SEP] b [SEP] with token types 0…0 1…1.
    const [a, b] = [REVIEWS[0], REVIEWS[1]];
    const want = ref.encode(a, { text_pair: b, return_token_type_ids: true });
    const got = ours.encode(a, { pair: b });
    assert.deepEqual(got.ids, want.ids);
    assert.deepEqual(got.tokenTypeIds, want.token_type_ids);
  });
}

test("HF special tokens get their ids from the vocabulary (100–103 in Google's layout), and padding uses [PAD]'s id", () => {
  const { tokenizer: tok } = hfTokenizer({ vocabText: readFileSync("tests/fixtures/hf/vocab-uncased.txt", "utf8") });
  assert.deepEqual([tok.padId, tok.unkId, tok.clsId, tok.sepId, tok.maskId], [0, 100, 101, 102, 103]);
  const enc = tok.encode("영화가 [MASK] 재밌다");
  assert.equal(enc.ids[0], 101);
  assert.equal(enc.ids[enc.ids.length - 1], 102);
  assert.ok(enc.ids.includes(103), "[MASK] typed in the text stays one token");
  assert.ok(!tok.decode(enc.ids, { skipSpecial: true }).includes("[CLS]"));
  // A vocabulary whose [PAD] is not id 0 pads with its own id.
  const shifted = new WordPieceTokenizer({
    vocab: parseHFVocab(["a", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "b"].join("\n")),
    rules: { style: "huggingface", doLowerCase: true, stripAccents: null, tokenizeChineseChars: true, neverSplit: [], maxInputCharsPerWord: 100 },
    specials: { pad: "[PAD]", unk: "[UNK]", cls: "[CLS]", sep: "[SEP]", mask: "[MASK]" },
  });
  const batch = shifted.encodeBatch(["a", "a b a"], { maxLen: 8 });
  assert.equal(batch.inputIds[batch.seqLen * 0 + 3], 1, "the short row is padded with [PAD] = id 1");
  assert.equal(batch.attentionMask[3], 0);
});

test("uncased rules turn Hangul into jamo (the textbook's hidden bug); cased rules and our own keep syllables", () => {
  assert.equal(stripAccents("영화"), "\u110b\u1167\u11bc\u1112\u116a");
  const uncased = hfTokenizer({ vocabText: readFileSync("tests/fixtures/hf/vocab-uncased.txt", "utf8") });
  assert.deepEqual(uncased.defaulted, ["do_lower_case=true", "strip_accents=null", "tokenize_chinese_chars=true"], "no tokenizer_config.json: HF's defaults, reported");
  assert.ok(uncased.tokenizer.tokenize("영화").every((p) => /^(##)?[\u1100-\u11ff]+$/u.test(p)), "only jamo pieces");
  const cased = hfTokenizer({ vocabText: readFileSync("tests/fixtures/hf/vocab-cased.txt", "utf8"), tokenizerConfig: { do_lower_case: false } });
  assert.deepEqual(cased.tokenizer.basicTokenize("영화 Café"), ["영화", "Café"]);
  // strip_accents: true on a cased vocabulary strips without lowercasing; false on an uncased one keeps accents.
  const strip = hfTokenizer({ vocabText: "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n", tokenizerConfig: { do_lower_case: false, strip_accents: true } });
  assert.deepEqual(strip.tokenizer.basicTokenize("Café"), ["Cafe"]);
  const keep = hfTokenizer({ vocabText: "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n", tokenizerConfig: { do_lower_case: true, strip_accents: false } });
  assert.deepEqual(keep.tokenizer.basicTokenize("Café 영화"), ["café", "영화"]);
});

test("HF rules: never_split keeps a word whole, tokenize_chinese_chars off keeps ideographs together, max_input_chars_per_word", () => {
  const vocabText = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<e>", "日本", "日", "本", "abc", "##abc"].join("\n");
  const never = hfTokenizer({ vocabText, tokenizerConfig: { never_split: ["<E>"] } }).tokenizer;
  assert.deepEqual(never.basicTokenize("<E> <F>"), ["<E>", "<", "f", ">"]);
  const off = hfTokenizer({ vocabText, tokenizerConfig: { tokenize_chinese_chars: false } }).tokenizer;
  assert.deepEqual(off.tokenize("日本"), ["日本"]);
  const on = hfTokenizer({ vocabText }).tokenizer;
  assert.deepEqual(on.tokenize("日本"), ["日", "本"]);
  const short = hfTokenizer({ vocabText, tokenizerJSON: { model: { type: "WordPiece", max_input_chars_per_word: 5 } } }).tokenizer;
  assert.deepEqual(short.tokenize("abcabc abc"), ["[UNK]", "abc"]);
});

test("a folder with only tokenizer.json: the WordPiece vocabulary comes from it", () => {
  const vocab = { "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, hello: 5, "##s": 6 };
  const { tokenizer } = hfTokenizer({ tokenizerJSON: { model: { type: "WordPiece", vocab } } });
  assert.deepEqual(tokenizer.encode("Hellos").tokens, ["[CLS]", "hello", "##s", "[SEP]"]);
  assert.throws(() => hfTokenizer({}), /no vocabulary/);
});
