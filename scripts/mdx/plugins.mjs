// The MDX plugins of every chapter, in one place: next.config.mjs hands them to @next/mdx, and
// tests/unit/mdx.test.ts runs the same list through @mdx-js/mdx, so the ids a test checks are the site's.
// By absolute path (strings), not imported functions: Turbopack passes loader options across processes,
// so only serialisable values survive; the loader imports each path itself.
import path from "node:path";

const here = import.meta.dirname;

/**
 * remark: GitHub-flavoured Markdown (pipe tables, ~~strikethrough~~, autolinks, task lists). A single "~"
 * stays a tilde: Korean writes ranges as "3~5개", and two on a line must not strike the text between them.
 * Then remark-excerpt.mjs: code blocks with `excerpt="file#region"` get that region of the engine's source.
 */
export const remarkPlugins = [["remark-gfm", { singleTilde: false }], path.join(here, "remark-excerpt.mjs")];

/**
 * rehype: heading ids with rehype-slug (github-slugger, as GitHub makes them: "셀 사용법" → "셀-사용법"),
 * then the ids the old home-made slugger gave, where they differ, as aliases so old links keep working.
 */
export const rehypePlugins = ["rehype-slug", path.join(here, "rehype-heading-aliases.mjs")];
