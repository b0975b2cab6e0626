// remark: a code block whose meta names a region of a source file gets that region's lines, at build time, so
// a chapter can show the engine's own code and the excerpt can never drift from it:
//
//   ```ts excerpt="lib/train/finetune.ts#chapter-6-loop"
//   ```
//
// The region is the lines between `// #region <name>` and `// #endregion <name>` (markers excluded), with their
// common indentation removed. Lines that end in `// #omit` are left out: instrumentation the lesson does not need
// (the stage reports of lib/train/stages.ts). A missing file or region fails the build (and tests/unit/mdx.test.ts).
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(import.meta.dirname, "../..");

/** The lines of `file` (relative to the repository root) between the region markers of `name`. */
export function readRegion(file, name) {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const open = lines.findIndex((l) => new RegExp(`^\\s*// #region ${name}(\\W|$)`).test(l));
  const close = lines.findIndex((l, i) => i > open && new RegExp(`^\\s*// #endregion ${name}(\\W|$)`).test(l));
  if (open < 0 || close < 0) throw new Error(`${file}: no region "${name}" (// #region ${name} … // #endregion ${name})`);
  const body = lines.slice(open + 1, close).filter((l) => !/\/\/ #omit\s*$/.test(l));
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return body.map((l) => l.slice(indent)).join("\n");
}

function visit(node, f) {
  f(node);
  if (node.children) for (const c of node.children) visit(c, f);
}

export default function remarkExcerpt() {
  return (tree) => {
    visit(tree, (node) => {
      if (node.type !== "code" || !node.meta) return;
      const m = node.meta.match(/excerpt="([^"#]+)#([^"]+)"/);
      if (!m) return;
      node.value = readRegion(m[1], m[2]);
      node.meta = `title="${m[1]}"`;
    });
  };
}
