// The chapters: every content/*.mdx file. Read at build time only (static export).
// File "03-attention.mdx" → slug "attention"; the number orders files in the folder, while
// `export const meta = { title, order, description }` in the MDX is what the site uses.
import fs from "node:fs";
import path from "node:path";
import type { ComponentType } from "react";

export interface ChapterMeta {
  title: string;
  order: number;
  description?: string;
}

export interface Chapter extends ChapterMeta {
  slug: string;
  file: string;
}

const CONTENT = path.join(process.cwd(), "content");

export function slugOf(file: string): string {
  return file.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "");
}

async function loadModule(file: string): Promise<{ default: ComponentType; meta?: Partial<ChapterMeta> }> {
  return import(`@/content/${file.replace(/\.mdx$/, "")}.mdx`);
}

export async function listChapters(): Promise<Chapter[]> {
  const files = fs.readdirSync(CONTENT).filter((f) => f.endsWith(".mdx")).sort();
  const chapters = await Promise.all(
    files.map(async (file, i) => {
      const mod = await loadModule(file);
      const slug = slugOf(file);
      const meta = mod.meta ?? {};
      return { slug, file, title: meta.title ?? slug, order: meta.order ?? i, description: meta.description };
    }),
  );
  const seen = new Set<string>();
  for (const c of chapters) {
    if (seen.has(c.slug)) throw new Error(`두 장이 같은 slug '${c.slug}'를 씁니다 (content/${c.file})`);
    seen.add(c.slug);
  }
  return chapters.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

export async function loadChapter(slug: string): Promise<{ chapter: Chapter; Content: ComponentType; prev?: Chapter; next?: Chapter }> {
  const all = await listChapters();
  const i = all.findIndex((c) => c.slug === slug);
  if (i < 0) throw new Error(`장 '${slug}'이(가) 없습니다`);
  const mod = await loadModule(all[i].file);
  return { chapter: all[i], Content: mod.default, prev: all[i - 1], next: all[i + 1] };
}
