// A chapter's compiled MDX, for the chapter page only. Kept apart from ./chapters (the list): the dynamic import
// below makes every chapter module part of the importing page's graph, and with it every chapter's client
// components, so the home page, which only lists the chapters, must not import this file (issue #28).
import type { ComponentType } from "react";
import { listChapters, type Chapter, type ChapterMeta } from "./chapters";

async function loadModule(file: string): Promise<{ default: ComponentType; meta?: Partial<ChapterMeta> }> {
  return import(`@/content/${file.replace(/\.mdx$/, "")}.mdx`);
}

export async function loadChapter(slug: string): Promise<{ chapter: Chapter; Content: ComponentType; prev?: Chapter; next?: Chapter }> {
  const all = await listChapters();
  const i = all.findIndex((c) => c.slug === slug);
  if (i < 0) throw new Error(`장 '${slug}'이(가) 없습니다`);
  const mod = await loadModule(all[i].file);
  return { chapter: all[i], Content: mod.default, prev: all[i - 1], next: all[i + 1] };
}
