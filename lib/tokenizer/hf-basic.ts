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

import { mapChars, slice, span, type Aligned } from "./aligned";

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

// Cleaning maps each code point to zero, one or three (" 中 ") characters, each standing for that code point.
// Anything clean() changes: controls, U+FFFD, whitespace other than " ", and (with `chinese`) ideographs.
const MAY_CLEAN = /[\p{C}\uFFFD]|(?! )\p{Zs}/u;
const IDEOGRAPH = /[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF]|[\u{20000}-\u{2CEAF}\u{2F800}-\u{2FA1F}]/u;

function clean(text: string, chinese: boolean): Aligned {
  if (!MAY_CLEAN.test(text) && !(chinese && IDEOGRAPH.test(text))) return { text, map: 0 };
  return mapChars({ text, map: 0 }, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd) return "";
    if (ch !== "\t" && ch !== "\n" && ch !== "\r" && CONTROL.test(ch)) return "";
    if (WHITESPACE.test(ch)) return " ";
    return chinese && isChineseChar(cp) ? ` ${ch} ` : ch;
  });
}

export function stripAccents(word: string): string {
  return word.normalize("NFD").replace(COMBINING_MARK, "");
}

function splitPunctuation(word: Aligned, out: Aligned[]) {
  let from = 0;
  for (let i = 0; i < word.text.length;) {
    const ch = String.fromCodePoint(word.text.codePointAt(i)!);
    if (PUNCT.test(ch)) {
      if (i > from) out.push(slice(word, from, i));
      out.push(slice(word, i, i + ch.length));
      from = i + ch.length;
    }
    i += ch.length;
  }
  if (word.text.length > from) out.push(slice(word, from, word.text.length));
}

/** Raw text -> words, as Hugging Face's BERT basic tokenizer splits it under `rules`; each word knows its span. */
export function hfBasicWords(text: string, rules: HFBasicRules): Aligned[] {
  const never = new Set(rules.neverSplit);
  const strip = rules.stripAccents ?? rules.doLowerCase;
  const out: Aligned[] = [];
  const cleaned = clean(text, rules.tokenizeChineseChars);
  // Python's str.split() also splits on U+2028/2029 and U+001C–001F; the last are controls, already gone.
  for (const m of cleaned.text.matchAll(/[^\s\u2028\u2029]+/gu)) {
    const raw = slice(cleaned, m.index!, m.index! + m[0].length);
    if (never.has(raw.text)) { out.push(raw); continue; }
    // Lowercasing and accent stripping, one code point at a time so each result keeps its span (a stripped mark
    // leaves nothing, as in Hugging Face's alignments). Whole-word rules (a final sigma) could differ from that:
    // then the word's text is the whole-word result and every unit of it stands for the whole word.
    const each = (ch: string) => { const w = rules.doLowerCase ? ch.toLowerCase() : ch; return strip ? stripAccents(w) : w; };
    const whole = each(raw.text);
    let w = whole === raw.text ? raw : mapChars(raw, each);
    if (w.text !== whole) {
      const [s, e] = span(raw, 0, raw.text.length);
      w = { text: whole, map: { start: Array<number>(whole.length).fill(s), end: Array<number>(whole.length).fill(e) } };
    }
    splitPunctuation(w, out);
  }
  return out;
}

/** Raw text -> words, as Hugging Face's BERT basic tokenizer splits it under `rules`. */
export function hfBasicTokenize(text: string, rules: HFBasicRules): string[] {
  return hfBasicWords(text, rules).map((w) => w.text);
}
