// Every code cell of every chapter type-checks (strict, the repo's tsconfig), with the kernel's globals typed from
// the real modules and each cell seeing the names earlier cells declared (scripts/cells/typecheck.ts says how), and
// stays readable: at most MAX_CELL_LINES lines, no line over MAX_LINE_CHARS characters.
//
// A failure names the chapter, the cell, the line in the cell and the line in the .mdx file:
//   03-encoder.mdx:qkv:5 (mdx line 123): TS2345 Argument of type …
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { extractCells } from "../../scripts/cells/extract";
import { checkChapters, formatCellDiagnostic, type ChapterSource } from "../../scripts/cells/typecheck";

const ROOT = path.join(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "content");
const MAX_CELL_LINES = 40;
const MAX_LINE_CHARS = 100;

const chapters: ChapterSource[] = readdirSync(CONTENT)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((file) => ({ file, source: readFileSync(path.join(CONTENT, file), "utf8") }));

// A made-up chapter checked in the same Program: it pins down how the check treats notebook idioms.
const FIXTURE = "zz-fixture.mdx";
const fixture = `
<Cell id="first">
\`\`\`ts
const n = 3;
var seen = ["a"];
export const tokenizer = engine.WordPieceTokenizer;
\`\`\`
</Cell>

<Cell id="again">
\`\`\`ts
import { formatDuration } from "bert-lab";
const n = "세 개";          // a later cell re-declares: from here on n is a string
var seen = 4;
const batch: engine.BertBatch | null = null;
formatDuration(1) + n.length + seen + String(batch)
\`\`\`
</Cell>

<Solution>
\`\`\`ts
const notACell: number = "never checked";
\`\`\`
</Solution>

<Cell id="broken">
\`\`\`ts

// the blank line above is dropped, as the site drops it
const m: number = n;
tokenizer.nope;
\`\`\`
</Cell>
`;

const result = checkChapters([...chapters, { file: FIXTURE, source: fixture }], ROOT);

test("cells type-check: one Program for every chapter", (t) => {
  t.diagnostic(`${result.cells} cells of ${chapters.length} chapters (+ fixture) in ${(result.ms / 1000).toFixed(1)} s`);
  const global = result.diagnostics.filter((d) => d.file === "(program)");
  assert.deepEqual(global.map(formatCellDiagnostic), []);
});

test("cells type-check: re-declarations shadow, imports/export/var fit, errors map to file:cell:line", () => {
  const got = result.diagnostics.filter((d) => d.file === FIXTURE).map((d) => `${d.cell}:${d.line}:${d.mdxLine}:TS${d.code}`);
  // `const m: number = n` sees the string n of cell "again"; `tokenizer.nope` sees cell "first"'s export.
  // mdx line: the fixture starts with a newline, so "broken"'s code (after the dropped blank line) is line 29.
  assert.deepEqual(got, ["broken:2:30:TS2322", "broken:3:31:TS2339"]);
  const message = formatCellDiagnostic(result.diagnostics.find((d) => d.file === FIXTURE)!);
  assert.match(message, /^zz-fixture\.mdx:broken:2 \(mdx line 30\): TS2322 Type 'string' is not assignable to type 'number'/);
});

for (const { file } of chapters) {
  test(`cells type-check: ${file}`, () => {
    const problems = result.diagnostics.filter((d) => d.file === file).map(formatCellDiagnostic);
    assert.equal(problems.length, 0, `\n${problems.join("\n")}`);
  });
}

for (const { file, source } of chapters) {
  test(`cells are short: ${file} (≤ ${MAX_CELL_LINES} lines a cell, ≤ ${MAX_LINE_CHARS} characters a line)`, () => {
    const problems: string[] = [];
    for (const cell of extractCells(source, file)) {
      const lines = cell.code.split("\n");
      if (lines.length > MAX_CELL_LINES) problems.push(`${file}:${cell.id}: ${lines.length} lines (mdx line ${cell.line})`);
      lines.forEach((l, i) => {
        if (l.length > MAX_LINE_CHARS) problems.push(`${file}:${cell.id}:${i + 1} (mdx line ${cell.line + i}): ${l.length} characters`);
      });
    }
    assert.equal(problems.length, 0, `\n${problems.join("\n")}`);
  });
}

test("extractCells: ids in order, Solution blocks skipped, mdx lines", () => {
  const cells = extractCells(fixture, FIXTURE);
  assert.deepEqual(cells.map((c) => c.id), ["first", "again", "broken"]);
  assert.equal(cells[0].line, 4);
  assert.equal(cells[2].code.split("\n")[0], "// the blank line above is dropped, as the site drops it");
  assert.throws(() => extractCells('<Cell id="x">\ntext\n</Cell>', "bad.mdx"), /bad\.mdx:1: <Cell id="x"> has no fenced code block/);
});
