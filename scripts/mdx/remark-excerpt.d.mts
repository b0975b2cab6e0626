// Types for scripts/mdx/remark-excerpt.mjs (plain JS: the MDX loader imports it by path).
export function readRegion(file: string, name: string): string;
export default function remarkExcerpt(): (tree: unknown) => void;
