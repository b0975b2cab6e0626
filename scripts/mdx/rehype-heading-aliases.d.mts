// Types for scripts/mdx/rehype-heading-aliases.mjs.
export const HEADING_ALIASES: Record<string, string>;
export default function rehypeHeadingAliases(): (tree: unknown) => void;
