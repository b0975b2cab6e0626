// A small TypeScript highlighter for the static code shown before Monaco loads (and without JS).
// It only needs to look like Monaco's dark theme, not to be a parser: comments, strings,
// template literals, numbers, keywords, types (Capitalised names) and calls.

export type TokenKind = "comment" | "string" | "number" | "keyword" | "type" | "call" | "plain";

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    "abstract as async await break case catch class const continue debugger declare default delete do else enum " +
    "export extends false finally for from function get if implements import in instanceof interface keyof let new " +
    "null of private protected public readonly return set static super switch this throw true try type typeof " +
    "undefined var void while with yield"
  ).split(" "),
);

const RULES: [TokenKind | "word", RegExp][] = [
  ["comment", /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y],
  ["string", /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?/y],
  ["number", /\b(?:0[xX][\da-fA-F_]+|0[bB][01_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?n?|\.\d+(?:[eE][+-]?\d+)?)\b/y],
  ["word", /[A-Za-z_$][\w$]*/y],
];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ kind: "plain", text: plain });
    plain = "";
  };
  let i = 0;
  outer: while (i < src.length) {
    for (const [kind, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(src);
      if (m && m[0].length > 0) {
        const text = m[0];
        let k: TokenKind;
        if (kind === "word") {
          if (KEYWORDS.has(text)) k = "keyword";
          else if (/^[A-Z]/.test(text)) k = "type";
          else if (/^\s*\(/.test(src.slice(i + text.length, i + text.length + 8))) k = "call";
          else k = "plain";
        } else k = kind;
        if (k === "plain") plain += text;
        else {
          flush();
          out.push({ kind: k, text });
        }
        i += text.length;
        continue outer;
      }
    }
    plain += src[i];
    i++;
  }
  flush();
  return out;
}

/** Tokens split into lines (a token spanning lines, e.g. a block comment, is cut at each newline). */
export function highlightLines(src: string): Token[][] {
  const lines: Token[][] = [[]];
  for (const tok of tokenize(src)) {
    const parts = tok.text.split("\n");
    parts.forEach((p, j) => {
      if (j > 0) lines.push([]);
      if (p) lines[lines.length - 1].push({ kind: tok.kind, text: p });
    });
  }
  return lines;
}
