// The code cells of a chapter, in order, as the site sees them (components/cells/Cell.tsx): each
//
//   <Cell id="…">
//   ```ts
//   …code…
//   ```
//   </Cell>
//
// Used by tests/unit/cells-typecheck.test.ts (type-check every cell, enforce the size limits).
// Blocks inside <Solution> are plain fenced code, not cells, and are not returned.

export interface ChapterCell {
  /** The cell's id (unique within its chapter). */
  id: string;
  /** The code as the reader gets it: leading blank lines and trailing whitespace removed, like Cell.tsx does. */
  code: string;
  /** 1-based line in the .mdx file of the code's first line. */
  line: number;
}

const OPEN = /^<Cell\s+id="([^"]+)"[^>]*>\s*$/;
const FENCE = /^```(ts|tsx|typescript)?\s*$/;

/** The cells of one chapter's MDX source, in order. Throws on a <Cell> that is not followed by a fenced block. */
export function extractCells(mdx: string, file = "chapter"): ChapterCell[] {
  const lines = mdx.split("\n");
  const cells: ChapterCell[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i].trim());
    if (!open) continue;
    const id = open[1];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === "") j++;
    if (j >= lines.length || !FENCE.test(lines[j].trim())) throw new Error(`${file}:${i + 1}: <Cell id="${id}"> has no fenced code block`);
    const start = j + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== "```") end++;
    if (end >= lines.length) throw new Error(`${file}:${j + 1}: cell "${id}": unclosed code fence`);
    let body = lines.slice(start, end);
    let first = start;
    while (body.length && body[0].trim() === "") {
      body = body.slice(1);
      first++;
    }
    cells.push({ id, code: body.join("\n").replace(/\s+$/, ""), line: first + 1 });
    i = end;
  }
  return cells;
}

export interface ChapterExercise {
  /** The <Exercise id>: its check is EXERCISES[id] (lib/cells/exercises), its scratch cell `ex-<id>`. */
  id: string | null;
  /** The text between <Exercise …> and </Exercise>. */
  block: string;
  /** The first code block of its <Solution> (what the copy button puts into the scratch cell). */
  solution: string | null;
}

/** The <Exercise> blocks of a chapter's MDX source, in order. */
export function extractExercises(mdx: string): ChapterExercise[] {
  return [...mdx.matchAll(/<Exercise\b([^>]*)>([\s\S]*?)<\/Exercise>/g)].map((m) => ({
    id: /\bid="([^"]+)"/.exec(m[1])?.[1] ?? null,
    block: m[2],
    solution: /<Solution[^>]*>\s*```ts\n([\s\S]*?)\n```/.exec(m[2])?.[1] ?? null,
  }));
}
