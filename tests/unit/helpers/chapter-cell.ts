// Runs one chapter cell's own source in Node, so a unit test checks the code the reader sees, not a copy of it.
// The cell is taken from content/<file>.mdx by id, compiled TypeScript → JavaScript with sucrase (as the kernel
// does, without the notebook's globals rewriting) and called as an async function whose parameters are the
// globals the test hands it (tf, engine, show, and names earlier cells would have defined).
import fs from "node:fs";
import path from "node:path";
import { transform } from "sucrase";
import { extractCells } from "../../../scripts/cells/extract";

const ROOT = path.join(import.meta.dirname, "../../..");

/** The TypeScript of cell `id` in content/<chapter>.mdx, as the page gives it to the reader (scripts/cells/extract). */
export function cellSource(chapter: string, id: string): string {
  const cell = extractCells(fs.readFileSync(path.join(ROOT, "content", chapter), "utf8"), chapter).find((c) => c.id === id);
  if (!cell) throw new Error(`content/${chapter}: no cell "${id}"`);
  return cell.code;
}

/** Runs `source` with `globals` as its free names; resolves to the names listed in `out`, as the cell left them. */
export async function runCellSource(source: string, globals: Record<string, unknown>, out: string[] = []): Promise<Record<string, unknown>> {
  const js = transform(source, { transforms: ["typescript"], disableESTransforms: true }).code;
  const names = Object.keys(globals);
  const body = `${js}\nreturn { ${out.join(", ")} };`;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<Record<string, unknown>>;
  return new AsyncFunction(...names, body)(...names.map((n) => globals[n]));
}
