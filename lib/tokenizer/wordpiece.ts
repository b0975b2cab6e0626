// WordPiece: split one word into vocabulary pieces, greedy longest-match-first (BERT's algorithm).
//
// From the left, take the longest prefix that is in the vocab; the rest of the word continues with
// "##"-prefixed pieces. If at some position no piece matches, the WHOLE word becomes [UNK]: BERT
// never emits a partial segmentation, because "half a word + [UNK]" would pretend to know more than
// it does. Words over 100 characters are [UNK] outright (they are URLs/garbage, and the greedy loop
// is quadratic in word length).
import { CONTINUATION, UNK } from "./specials";

export const MAX_WORD_CHARS = 100;

/**
 * @param has      vocabulary membership test
 * @param maxPiece longest piece in the vocab, in code points (incl. "##"); bounds the inner loop
 * @param opts     Hugging Face's max_input_chars_per_word and unk_token, for vocabularies other than ours
 * @returns pieces, or [UNK] alone when the word cannot be covered
 */
export function wordPiece(word: string, has: (piece: string) => boolean, maxPiece = MAX_WORD_CHARS + 2, opts: { maxWordChars?: number; unk?: string } = {}): string[] {
  const unk = opts.unk ?? UNK;
  // Work on code-point boundaries so an emoji or rare astral character is never cut in half.
  const offs: number[] = [];
  for (let i = 0; i < word.length; i++) {
    offs.push(i);
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) i++;
  }
  const n = offs.length;
  offs.push(word.length);
  if (n === 0) return [];
  if (n > (opts.maxWordChars ?? MAX_WORD_CHARS)) return [unk];

  const pieces: string[] = [];
  let start = 0;
  while (start < n) {
    const prefix = start > 0 ? CONTINUATION : "";
    let end = Math.min(n, start + maxPiece - prefix.length);
    let found: string | null = null;
    for (; end > start; end--) {
      const cand = prefix + word.slice(offs[start], offs[end]);
      if (has(cand)) {
        found = cand;
        break;
      }
    }
    if (found === null) return [unk];
    pieces.push(found);
    start = end;
  }
  return pieces;
}
