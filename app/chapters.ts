// The chapters: every content/*.mdx file. Read at build time only (static export).
// File "03-attention.mdx" → slug "attention"; the number orders files in the folder, while
// `export const meta = { title, order, description }` in the MDX is what the site uses.
// The list reads each chapter's `meta` from its source text, without importing the module: an import would put
// every chapter's client components (cells, views, tfjs) into the graph of the page that lists them (issue #28).
import fs from "node:fs";
import path from "node:path";
import { parseExpressionAt, type Expression } from "acorn";

export interface ChapterMeta {
  title: string;
  order: number;
  description?: string;
}

export interface Chapter extends ChapterMeta {
  slug: string;
  file: string;
  /** Whether the chapter has runnable cells (the glossary has none, so its page shows no kernel bar). */
  cells: boolean;
}

/** A chapter with at least one <Cell> at the start of a line (how every chapter writes them). */
export const hasCells = (source: string): boolean => /^<Cell[\s>]/m.test(source);

const CONTENT = path.join(process.cwd(), "content");

export function slugOf(file: string): string {
  return file.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "");
}

/** A chapter's `export const meta = {...}`, read from the MDX text: an object of plain strings and numbers. */
export function readMeta(source: string, file = "chapter"): Partial<ChapterMeta> {
  const at = /^export const meta\s*=\s*/m.exec(source);
  if (!at) return {};
  const expr = parseExpressionAt(source, at.index + at[0].length, { ecmaVersion: "latest" }) as Expression;
  if (expr.type !== "ObjectExpression") throw new Error(`content/${file}: meta는 객체여야 합니다`);
  const meta: Record<string, string | number> = {};
  for (const p of expr.properties) {
    const ok = p.type === "Property" && !p.computed && p.value.type === "Literal" &&
      (typeof p.value.value === "string" || typeof p.value.value === "number");
    if (!ok || p.type !== "Property" || p.value.type !== "Literal") {
      throw new Error(`content/${file}: meta에는 문자열과 숫자만 씁니다 (계산식 없이)`);
    }
    const key = p.key.type === "Identifier" ? p.key.name : String((p.key as { value: unknown }).value);
    meta[key] = p.value.value as string | number;
  }
  return meta as Partial<ChapterMeta>;
}

export async function listChapters(): Promise<Chapter[]> {
  const files = fs.readdirSync(CONTENT).filter((f) => f.endsWith(".mdx")).sort();
  const chapters = files.map((file, i) => {
    const slug = slugOf(file);
    const source = fs.readFileSync(path.join(CONTENT, file), "utf8");
    const meta = readMeta(source, file);
    return { slug, file, title: meta.title ?? slug, order: meta.order ?? i, description: meta.description, cells: hasCells(source) };
  });
  const seen = new Set<string>();
  for (const c of chapters) {
    if (seen.has(c.slug)) throw new Error(`두 장이 같은 slug '${c.slug}'를 씁니다 (content/${c.file})`);
    seen.add(c.slug);
  }
  return chapters.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}
