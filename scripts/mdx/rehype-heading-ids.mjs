// rehype plugin: gives every h2–h4 a stable, unique, Hangul-friendly id ("셀 사용법" → "셀-사용법"),
// so chapters can link to sections. Loaded by path from next.config.mjs (works with Turbopack).

/** @param {string} text */
export function slugify(text) {
  return text
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

function textOf(node) {
  if (node.type === "text") return node.value;
  return (node.children ?? []).map(textOf).join("");
}

export default function rehypeHeadingIds() {
  return (tree) => {
    const used = new Map();
    const walk = (node) => {
      if (node.type === "element" && /^h[2-4]$/.test(node.tagName)) {
        node.properties = node.properties ?? {};
        if (!node.properties.id) {
          const base = slugify(textOf(node)) || "section";
          const n = used.get(base) ?? 0;
          used.set(base, n + 1);
          node.properties.id = n ? `${base}-${n}` : base;
        }
      }
      for (const c of node.children ?? []) walk(c);
    };
    walk(tree);
  };
}
