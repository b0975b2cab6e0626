// Tokenizer parity with Hugging Face's own JavaScript implementation (tokenizers.js), on a cased and an uncased
// vocabulary in Google's layout (tests/fixtures/hf, made by scripts/hf-vocab.ts): NSMC reviews plus edge cases.
// The reference tokenizer is built from a tokenizer.json exactly as transformers' BertConverter writes one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";
import { hfTokenizer, parseHFVocab, stripAccents, WordPieceTokenizer } from "../../lib/tokenizer";
import { PATHS, readNsmc } from "../../scripts/corpus-io";

const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

function reference(vocabText: string, lowercase: boolean): Tokenizer {
  const { tokens } = parseHFVocab(vocabText);
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
      special_tokens: { "[CLS]": { id: "[CLS]", ids: [vocab["[CLS]"]], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [vocab["[SEP]"]], tokens: ["[SEP]"] } },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
  };
  return new Tokenizer(json, { do_lower_case: lowercase, model_max_length: 512, tokenizer_class: "BertTokenizer" });
}

// Edge cases: Hangul, conjoining jamo, compatibility jamo, emoji (with ZWJ and variation selectors), CJK ideographs,
// accents (precomposed and combining), control and format characters, odd whitespace, long words, specials in text.
const EDGE = [
  "영화 정말 재밌어요", "ㅋㅋㅋㅋ 진짜 ㅠㅠ 최고", "ᄋ ᅧ ᆼ 화", "\u1112\u1161\u11AB\u1100\u1173\u11AF", "한국어와 English 섞어서 mixed",
  "최고😀😀 👍🏽 👨‍👩‍👧 ❤️ ☺︎", "日本映画 中国电影 韓國語 漢字はどう?", "café naïve RÉSUMÉ Crème Brûlée", "cafe\u0301 e\u0308 A\u030A",
  "tab\there\nnewline\r\nCR", "zero\u200bwidth\u200djoiner\u00adsoft", "bom\ufeffhere nul\u0000x \ufffd repl", "nbsp\u00a0ideo\u3000space\u2028line",
  "a".repeat(101), "가".repeat(120), `${"x".repeat(99)} ${"y".repeat(100)}`, "영화가 [MASK] 재밌다", "[CLS] 앞 [SEP] 뒤 [PAD]",
  "$5+3=8 ^^ <html> ~~ `code` | a_b", "1,000원... 10/10!!! (진짜)", "「괄호」『인용』 — “따옴표” ‘작은’ …", "ÀÉÎÕÜ ß ẞ İstanbul ΣΑΣ σας",
  "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３", "ㄱㄴㄷ ㅏㅑㅓ", "ABC def GHI", "", "   ", "\u0301\u0301 marks only",
];

const reviews = readNsmc(PATHS.test).rows.slice(0, 300).map((r) => r.text);
const SENTENCES = [...reviews, ...EDGE];

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
    const [a, b] = [reviews[0], reviews[1]];
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
