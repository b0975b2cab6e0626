// Types for scripts/mdx/plugins.mjs (plain JS: next.config.mjs imports it).
/** A plugin as @next/mdx takes it: a module name or absolute path, optionally with its options. */
export type PluginRef = string | [string, Record<string, unknown>];
export const remarkPlugins: PluginRef[];
export const rehypePlugins: PluginRef[];
