// BERT's "basic tokenizer": turn raw text into words before WordPiece sees them.
//
// Same steps as google-research/bert tokenization.BasicTokenizer, with two deliberate differences:
//  - cased and NO accent stripping. BERT strips accents by NFD-decomposing and dropping combining
//    marks; NFD turns every Hangul syllable into jamo (영 → ᄋ ᅧ ᆼ), so that step would destroy Korean.
//  - symbols (Unicode S* categories, which covers emoji) are split off one code point per token, like
//    punctuation. BERT only splits P* + ASCII symbols; without this "최고😀" would be one word that
//    WordPiece can only map to [UNK] as a whole, losing "최고" too.

import { mapChars, nfcAligned, slice, type Aligned } from "./aligned";

// CJK ideographs get spaces around them, exactly BERT's ranges. Hangul is NOT in these ranges: Korean
// words stay whole here and WordPiece splits them into learned pieces.
const CJK =
  "\\u{4E00}-\\u{9FFF}\\u{3400}-\\u{4DBF}\\u{20000}-\\u{2A6DF}\\u{2A700}-\\u{2B73F}" +
  "\\u{2B740}-\\u{2B81F}\\u{2B820}-\\u{2CEAF}\\u{F900}-\\u{FAFF}\\u{2F800}-\\u{2FA1F}";

// Characters that always stand alone: punctuation (P*), symbols (S*: ASCII $+<=>^`|~, currency,
// math, emoji), pictographs, CJK ideographs. \p{P}|\p{S} is a superset of BERT's ASCII punct set.
const SINGLE = `\\p{P}\\p{S}\\p{Extended_Pictographic}${CJK}`;

// One pass over the cleaned text: a token is either one SINGLE code point or a maximal run of
// anything that is neither whitespace nor SINGLE.
const TOKEN_RE = new RegExp(`[${SINGLE}]|[^\\s${SINGLE}]+`, "gu");

// Cleaning (BERT's _clean_text): drop NUL, U+FFFD and control/format characters (Cc, Cf: includes
// zero-width joiners, soft hyphens, BOMs). \t \n \r are Cc too but BERT counts them as whitespace,
// hence the lookahead. We also drop emoji variation selectors (U+FE0E/U+FE0F): they only choose text
// vs emoji presentation, and left in they would become stray [UNK] words after "❤".
const CONTROL = "(?![\\t\\n\\r])[\\p{Cc}\\p{Cf}\\uFFFD]|\\uFE0E|\\uFE0F";
const HAS_CONTROL = new RegExp(CONTROL, "u");
const IS_CONTROL = new RegExp(`^(?:${CONTROL})$`, "u");

/** NFC → clean → split on whitespace → split off punctuation/symbols/CJK. Cased. Each word knows its span. */
export function basicWords(text: string): Aligned[] {
  if (text.length === 0) return [];
  // Cleaning drops whole code points, so the survivors keep their spans.
  const nfc = nfcAligned(text);
  const cleaned = HAS_CONTROL.test(nfc.text) ? mapChars(nfc, (ch) => (IS_CONTROL.test(ch) ? "" : ch)) : nfc;
  return [...cleaned.text.matchAll(TOKEN_RE)].map((m) => slice(cleaned, m.index!, m.index! + m[0].length));
}

/** NFC → clean → split on whitespace → split off punctuation/symbols/CJK. Cased. */
export function basicTokenize(text: string): string[] {
  return basicWords(text).map((w) => w.text);
}
