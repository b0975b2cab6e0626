// Hugging Face's BERT "basic tokenizer", rule for rule, for vocabularies trained with it (bert-base-*, mBERT,
// klue/bert-base, KcBERT …). Our own vocabulary keeps its own rules (basic.ts: cased, NFC, symbols split).
//
// The steps of BertTokenizer / BertTokenizerFast (BertNormalizer + BertPreTokenizer):
//   1. clean: drop NUL, U+FFFD and control characters (Unicode C*, except \t \n \r); whitespace -> " "
//   2. put spaces around CJK ideographs (tokenize_chinese_chars)
//   3. split on whitespace
//   4. each word not in never_split: lowercase (do_lower_case), then strip accents: NFD, drop combining marks (Mn)
//   5. split punctuation off, one character per token
//
// Step 4 is the textbook's hidden bug: strip_accents follows do_lower_case when unset, and NFD decomposes every
// Hangul syllable into its jamo (영 -> ᄋ ᅧ ᆼ), which are letters, not marks, so they stay: an uncased vocabulary
// sees Korean as a string of jamo.
//
// Not copied on purpose: the slow Python BertTokenizer also NFC-composes after step 2 (transformers >= 4.29);
// the Rust BertTokenizerFast that AutoTokenizer returns, and tokenizers.js, do not. We follow the fast one.

export interface HFBasicRules {
  doLowerCase: boolean;            // HF default: true
  stripAccents: boolean | null;    // null: follow doLowerCase
  tokenizeChineseChars: boolean;   // HF default: true
  neverSplit: string[];            // words kept exactly as typed (no lowercasing, no punctuation split)
}

export const HF_DEFAULT_RULES: HFBasicRules = { doLowerCase: true, stripAccents: null, tokenizeChineseChars: true, neverSplit: [] };

// BERT's ranges of CJK Unified Ideographs (and extensions, compatibility ideographs). Hangul and kana are not in
// them: Korean and Japanese words stay whole and WordPiece splits them.
function isChineseChar(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

// Python's unicodedata "C*" categories; \t \n \r count as whitespace instead.
const CONTROL = /^[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]$/u;
const WHITESPACE = /^[ \t\n\r\p{Zs}]$/u;
// All ASCII non-letters/digits count as punctuation in BERT ("$", "+", "^" …), plus Unicode P*.
const PUNCT = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
const COMBINING_MARK = /\p{Mn}/gu;

function clean(text: string, chinese: boolean): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd) continue;
    if (ch !== "\t" && ch !== "\n" && ch !== "\r" && CONTROL.test(ch)) continue;
    if (WHITESPACE.test(ch)) out += " ";
    else if (chinese && isChineseChar(cp)) out += ` ${ch} `;
    else out += ch;
  }
  return out;
}

export function stripAccents(word: string): string {
  return word.normalize("NFD").replace(COMBINING_MARK, "");
}

function splitPunctuation(word: string, out: string[]) {
  let cur = "";
  for (const ch of word) {
    if (PUNCT.test(ch)) {
      if (cur) out.push(cur);
      out.push(ch);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
}

/** Raw text -> words, as Hugging Face's BERT basic tokenizer splits it under `rules`. */
export function hfBasicTokenize(text: string, rules: HFBasicRules): string[] {
  const never = new Set(rules.neverSplit);
  const strip = rules.stripAccents ?? rules.doLowerCase;
  const out: string[] = [];
  // Python's str.split() also splits on U+2028/2029 and U+001C–001F; the last are controls, already gone.
  for (const raw of clean(text, rules.tokenizeChineseChars).split(/[\s\u2028\u2029]+/u)) {
    if (!raw) continue;
    if (never.has(raw)) { out.push(raw); continue; }
    let w = rules.doLowerCase ? raw.toLowerCase() : raw;
    if (strip) w = stripAccents(w);
    splitPunctuation(w, out);
  }
  return out;
}
