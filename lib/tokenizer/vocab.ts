// vocab.txt <-> token/id tables. One token per line, line number = id (lib/README.md).
import { SPECIAL_TOKENS } from "./specials";

export interface Vocab {
  tokens: string[]; // id -> token
  ids: Map<string, number>; // token -> id
  maxPieceChars: number; // longest token in code points: WordPiece never needs to look further
}

export function parseVocab(text: string): Vocab {
  // Accept \r\n files, ignore the one trailing newline, but keep every other line: an empty line
  // would still be an id, so we refuse it rather than silently shifting ids.
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const tokens = lines;
  SPECIAL_TOKENS.forEach((tok, id) => {
    if (tokens[id] !== tok) throw new Error(`vocab.txt: line ${id + 1} must be ${tok}, got ${JSON.stringify(tokens[id])}`);
  });
  const ids = new Map<string, number>();
  let maxPieceChars = 1;
  tokens.forEach((tok, id) => {
    if (tok === "") throw new Error(`vocab.txt: empty token on line ${id + 1}`);
    if (ids.has(tok)) throw new Error(`vocab.txt: duplicate token ${JSON.stringify(tok)} on line ${id + 1}`);
    ids.set(tok, id);
    maxPieceChars = Math.max(maxPieceChars, [...tok].length);
  });
  return { tokens, ids, maxPieceChars };
}

export function vocabToText(tokens: readonly string[]): string {
  return tokens.join("\n") + "\n";
}
