// Hugging Face's reference BERT tokenizer description and the sentences the tokenizer parity tests use: NSMC
// reviews plus edge cases. Shared by tests/unit/hf-tokenizer.test.ts (ids and tokens against tokenizers.js) and
// scripts/hf-offsets.ts (offsets from the Rust tokenizers, which tokenizers.js does not compute).
import { parseHFVocab } from "../../../lib/tokenizer";
import { PATHS, readNsmc } from "../../../scripts/corpus-io";

const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

/** tokenizer.json exactly as transformers' BertConverter writes one for this vocabulary. */
export function referenceJSON(vocabText: string, lowercase: boolean) {
  const { tokens } = parseHFVocab(vocabText);
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  return {
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
}

// Edge cases: Hangul, conjoining jamo, compatibility jamo, emoji (with ZWJ and variation selectors), CJK ideographs,
// accents (precomposed and combining), control and format characters, odd whitespace, long words, specials in text.
export const EDGE = [
  "영화 정말 재밌어요", "ㅋㅋㅋㅋ 진짜 ㅠㅠ 최고", "ᄋ ᅧ ᆼ 화", "\u1112\u1161\u11AB\u1100\u1173\u11AF", "한국어와 English 섞어서 mixed",
  "최고😀😀 👍🏽 👨‍👩‍👧 ❤️ ☺︎", "日本映画 中国电影 韓國語 漢字はどう?", "café naïve RÉSUMÉ Crème Brûlée", "cafe\u0301 e\u0308 A\u030A",
  "tab\there\nnewline\r\nCR", "zero\u200bwidth\u200djoiner\u00adsoft", "bom\ufeffhere nul\u0000x \ufffd repl", "nbsp\u00a0ideo\u3000space\u2028line",
  "a".repeat(101), "가".repeat(120), `${"x".repeat(99)} ${"y".repeat(100)}`, "영화가 [MASK] 재밌다", "[CLS] 앞 [SEP] 뒤 [PAD]",
  "$5+3=8 ^^ <html> ~~ `code` | a_b", "1,000원... 10/10!!! (진짜)", "「괄호」『인용』 — “따옴표” ‘작은’ …", "ÀÉÎÕÜ ß ẞ İstanbul ΣΑΣ σας",
  "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３", "ㄱㄴㄷ ㅏㅑㅓ", "ABC def GHI", "", "   ", "\u0301\u0301 marks only",
];

export const REVIEWS = readNsmc(PATHS.test).rows.slice(0, 300).map((r) => r.text);
/** The 328 sentences of the parity set. */
export const SENTENCES = [...REVIEWS, ...EDGE];

/** More for offsets: decomposed (NFD) input, whose lengths normalization changes, and emoji (surrogate pairs). */
export const OFFSET_EXTRA = [
  ...REVIEWS.slice(0, 30).map((r) => r.normalize("NFD")),
  "정말 웃겨요😂😂 최고👍", "😂", "a😂b 😂가 나😂다", "👨‍👩‍👧 가족 영화 ❤️", "𝓐𝓑 astral 𠀀 한자", "Ｃａｆé 영화\u0301 e\u0301\u0302",
];
