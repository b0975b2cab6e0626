// The highlighter of the static code a cell shows before Monaco loads (and without JS), and of fenced code
// blocks. Synchronous and DOM-free: it runs on the server (prerendering) and in the page alike.
//
// Goal: the colours of the Monaco editor that replaces this code (components/cells/monaco.ts: theme
// "bert-lab-dark" = "vs-dark" plus one rule, its Monarch TypeScript tokenizer, bracket-pair
// colouring on), so nothing changes colour when the editor arrives. Two passes:
//  1. @lezer/javascript (TypeScript dialect) parses the code and @lezer/highlight marks what only a parser
//     finds reliably: comments, strings, template text, regular expressions (vs. division), numbers.
//  2. The code between those spans is coloured the way Monaco's Monarch tokenizer does it, which is lexical:
//     a word is a keyword if it is in Monaco's TypeScript keyword list (also as a property name: `x.type`),
//     a type if it starts with a capital letter, else plain; operators and ;,. are delimiters; (){}[] are
//     coloured by nesting depth (three colours in turn); a character no rule matches (e.g. a Hangul
//     identifier) is "invalid", red, as Monaco draws it.
// The .tok-* classes in app/globals.css carry vs-dark's colours.
import { parser } from "@lezer/javascript";
import { highlightCode, tagHighlighter, tags as t } from "@lezer/highlight";

export type TokenKind =
  | "keyword"
  | "type"
  | "comment"
  | "string"
  | "number"
  | "hex"
  | "regexp"
  | "delimiter"
  | "bracket-0"
  | "bracket-1"
  | "bracket-2"
  | "bracket-unmatched"
  | "invalid"
  | "plain";

export interface Token {
  kind: TokenKind;
  text: string;
}

const tsParser = parser.configure({ dialect: "ts" });

// Pass 1: lezer's tags → the spans kept as they are. Everything else comes out unclassed (pass 2).
const literals = tagHighlighter([
  { tag: [t.lineComment, t.blockComment], class: "comment" },
  { tag: [t.string, t.escape], class: "string" }, // also special(string): template text
  { tag: t.number, class: "number" },
  { tag: t.regexp, class: "regexp" },
  { tag: t.special(t.brace), class: "interpolation" }, // "${" and its "}"
]);

// Monaco's TypeScript keywords (monaco-editor/esm/vs/languages/definitions/typescript/typescript.js).
const KEYWORDS = new Set(
  (
    "abstract any as asserts bigint boolean break case catch class continue const constructor debugger declare " +
    "default delete do else enum export extends false finally for from function get if implements import in infer " +
    "instanceof interface is keyof let module namespace never new null number object out package private protected " +
    "public override readonly require global return satisfies set static string super switch symbol this throw true " +
    "try type typeof undefined unique unknown var void while with yield async await of"
  ).split(" "),
);

// Monaco's TypeScript operators: a run of symbol characters is a delimiter only if it is one of these.
const OPERATORS = new Set(
  (
    "<= >= == != === !== => + - ** * / % ++ -- << </ >> >>> & | ^ ! ~ && || ?? ? : = += -= *= **= /= %= <<= >>= " +
    ">>>= &= |= ^= @"
  ).split(" "),
);

// Pass 2: Monarch's rules for code outside literals, in its order.
type Rule = [TokenKind | "word" | "symbols" | "open" | "close", RegExp];
const RULES: Rule[] = [
  ["word", /#?[a-z_$][\w$]*/y],
  ["type", /[A-Z][\w$]*/y],
  ["plain", /[ \t\r\n]+/y],
  ["open", /[([{]/y],
  ["close", /[)\]}]/y],
  ["delimiter", /[<>](?![=><!~?:&|+\-*/^%]+)/y],
  ["delimiter", /!(?=[^=]|$)/y],
  ["symbols", /[=><!~?:&|+\-*/^%]+/y],
  ["hex", /0[xX][\da-fA-F]+(?:_+[\da-fA-F]+)*n?/y],
  ["number", /\d+(?:_+\d+)*(?:\.\d+(?:_+\d+)*)?(?:[eE][-+]?\d+(?:_+\d+)*)?n?/y],
  ["delimiter", /[;,.]/y],
];

const CLOSES: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Tokens of the whole source (adjacent plain text merged; newlines kept inside tokens). */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && (kind === "plain" || kind === "invalid")) last.text += text;
    else out.push({ kind, text });
  };
  // Open brackets, for Monaco's pair colouring: depth picks one of three colours; a closer that matches no
  // open bracket is drawn as an error. A closer that skips over unclosed openers closes them too.
  const open: string[] = [];
  const bracket = (ch: string) => {
    if (!CLOSES[ch]) {
      push(`bracket-${open.length % 3}` as TokenKind, ch);
      open.push(ch);
      return;
    }
    const at = open.lastIndexOf(CLOSES[ch]);
    if (at < 0) return push("bracket-unmatched", ch);
    open.length = at;
    push(`bracket-${at % 3}` as TokenKind, ch);
  };

  const code = (text: string) => {
    let i = 0;
    outer: while (i < text.length) {
      for (const [kind, re] of RULES) {
        re.lastIndex = i;
        const m = re.exec(text);
        if (!m || !m[0]) continue;
        const s = m[0];
        if (kind === "word") push(KEYWORDS.has(s) ? "keyword" : "plain", s);
        else if (kind === "symbols") push(OPERATORS.has(s) ? "delimiter" : "plain", s);
        else if (kind === "open" || kind === "close") bracket(s);
        else push(kind, s);
        i += s.length;
        continue outer;
      }
      push("invalid", text[i]); // Monarch's defaultToken for this language
      i++;
    }
  };

  const tree = tsParser.parse(src);
  highlightCode(
    src,
    tree,
    literals,
    (text, cls) => {
      if (cls === "comment" || cls === "string") push(cls, text);
      else if (cls === "number") {
        // Monaco reads ".5" as the delimiter "." and the number "5".
        if (text.startsWith(".")) push("delimiter", ".");
        const n = text.replace(/^\./, "");
        push(/^0[xX]/.test(n) ? "hex" : "number", n);
      }
      else if (cls === "regexp") {
        // Monaco draws the flags after the closing slash as a keyword.
        const m = /^([\s\S]*\/)([a-z]*)$/.exec(text);
        push("regexp", m ? m[1] : text);
        push("keyword", m ? m[2] : "");
      } else if (cls === "interpolation") {
        if (text.startsWith("$")) push("delimiter", "$");
        code(text.replace(/^\$/, ""));
      } else code(text);
    },
    () => push("plain", "\n"),
  );
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
