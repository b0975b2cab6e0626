// vocab.txt <-> token/id tables. One token per line, line number = id (lib/README.md).
import { EngineError } from "../errors";
import { SPECIAL_TOKENS } from "./specials";

export interface Vocab {
  tokens: string[]; // id -> token
  ids: Map<string, number>; // token -> id
  maxPieceChars: number; // longest token in code points: WordPiece never needs to look further
}

function splitLines(text: string): string[] {
  // Accept \r\n files, ignore the one trailing newline, but keep every other line: an empty line is an id too.
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Our vocabulary: the five specials at ids 0..4, no empty or duplicate token (either would shift or hide ids). */
export function parseVocab(text: string): Vocab {
  const tokens = splitLines(text);
  SPECIAL_TOKENS.forEach((tok, id) => {
    if (tokens[id] !== tok) throw new EngineError("vocab-special", `vocab.txt: line ${id + 1} must be ${tok}, got ${JSON.stringify(tokens[id])}`, { line: id + 1, token: tok });
  });
  const ids = new Map<string, number>();
  let maxPieceChars = 1;
  tokens.forEach((tok, id) => {
    if (tok === "") throw new EngineError("vocab-empty", `vocab.txt: empty token on line ${id + 1}`, { line: id + 1 });
    if (ids.has(tok)) throw new EngineError("vocab-duplicate", `vocab.txt: duplicate token ${JSON.stringify(tok)} on line ${id + 1}`, { line: id + 1, token: tok });
    ids.set(tok, id);
    maxPieceChars = Math.max(maxPieceChars, [...tok].length);
  });
  return { tokens, ids, maxPieceChars };
}

/**
 * A Hugging Face vocab.txt, read as BertTokenizer's load_vocab reads it: line number = id, wherever the specials
 * are (100–103 in Google's vocabularies); a token listed twice maps to its last line, an empty line is a token.
 */
export function parseHFVocab(text: string): Vocab {
  return vocabFromTokens(splitLines(text));
}

/** From an id -> token list (e.g. tokenizer.json's model.vocab, inverted). */
export function vocabFromTokens(tokens: string[]): Vocab {
  const ids = new Map<string, number>();
  let maxPieceChars = 1;
  tokens.forEach((tok, id) => {
    ids.set(tok, id);
    maxPieceChars = Math.max(maxPieceChars, [...tok].length);
  });
  return { tokens, ids, maxPieceChars };
}

export function vocabToText(tokens: readonly string[]): string {
  return tokens.join("\n") + "\n";
}
