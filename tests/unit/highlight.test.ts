// The static highlighter (components/cells/highlight.ts): lezer finds literals, Monaco's lexical rules colour
// the rest, so the static code and the Monaco editor that replaces it agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { highlightLines, tokenize, type Token } from "../../components/cells/highlight";

const kinds = (src: string) => tokenize(src).filter((t) => t.kind !== "plain").map((t) => `${t.kind}:${t.text}`);

test("keywords, types, numbers, strings and comments as Monaco's TypeScript tokenizer colours them", () => {
  assert.deepEqual(kinds('const x: Foo = 0x1F + 2.5e3; // 끝'), [
    "keyword:const", "delimiter::", "type:Foo", "delimiter:=", "hex:0x1F", "delimiter:+", "number:2.5e3", "delimiter:;", "comment:// 끝",
  ]);
  // Monaco's keyword test is lexical: a property called `type` is drawn as a keyword too.
  assert.deepEqual(kinds("opts.type"), ["delimiter:.", "keyword:type"]);
  assert.deepEqual(kinds("this.x = null"), ["keyword:this", "delimiter:.", "delimiter:=", "keyword:null"]);
});

test("a parser, not a regex: regexps vs division, template strings with code inside", () => {
  assert.deepEqual(kinds("a / b / c"), ["delimiter:/", "delimiter:/"]);
  assert.deepEqual(kinds("s.replace(/\\s+/g, '')"), [
    "delimiter:.", "bracket-0:(", "regexp:/\\s+/", "keyword:g", "delimiter:,", "string:''", "bracket-0:)",
  ]);
  // "// inside a string" is no comment; code inside ${...} is code.
  assert.deepEqual(kinds('"// 아님"'), ['string:"// 아님"']);
  assert.deepEqual(kinds("`n=${f(1)}`"), [
    "string:`n=", "delimiter:$", "bracket-0:{", "bracket-1:(", "number:1", "bracket-1:)", "bracket-0:}", "string:`",
  ]);
});

test("brackets coloured by depth, three colours in turn; a stray closer is marked", () => {
  assert.deepEqual(kinds("f([{(x)}])"), [
    "bracket-0:(", "bracket-1:[", "bracket-2:{", "bracket-0:(", "bracket-0:)", "bracket-2:}", "bracket-1:]", "bracket-0:)",
  ]);
  assert.deepEqual(kinds("x)"), ["bracket-unmatched:)"]);
});

test("characters Monaco's tokenizer has no rule for (a Hangul identifier) are drawn as it draws them", () => {
  assert.deepEqual(kinds("({ 입력: 1 })"), ["bracket-0:(", "bracket-1:{", "invalid:입력", "delimiter::", "number:1", "bracket-1:}", "bracket-0:)"]);
});

test("lines: the text survives, a block comment or template is cut at each newline", () => {
  const src = "const a = 1; /* one\ntwo */\n\nlet b = `x\ny`;";
  const lines = highlightLines(src);
  assert.equal(lines.length, 5);
  assert.equal(lines.map((l) => l.map((t: Token) => t.text).join("")).join("\n"), src);
  assert.deepEqual(lines[1], [{ kind: "comment", text: "two */" }]);
  assert.deepEqual(lines[2], []);
  assert.deepEqual(lines[4], [{ kind: "string", text: "y`" }, { kind: "delimiter", text: ";" }]);
  assert.ok(lines[0].some((t) => t.kind === "comment" && t.text === "/* one"));
  // Broken code still comes back whole (lezer recovers from errors).
  const broken = "const = = ((\n'unterminated";
  assert.equal(highlightLines(broken).map((l) => l.map((t) => t.text).join("")).join("\n"), broken);
});
