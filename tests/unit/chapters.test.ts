// app/chapters.ts reads each chapter's meta from the MDX text (no module import, so the home page does not pull in
// every chapter's client components). The text it reads must give what the module would export.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { listChapters, readMeta } from "../../app/chapters";

test("readMeta: plain strings and numbers, multi-line, quotes and braces inside strings", () => {
  const src = 'import X from "y";\n\nexport const meta = {\n  title: "A {b}",\n  order: 3,\n  description: \'c, "d"\',\n};\n\n# Heading { not meta }\n';
  assert.deepEqual(readMeta(src), { title: "A {b}", order: 3, description: 'c, "d"' });
  assert.deepEqual(readMeta("# no meta here"), {});
  assert.throws(() => readMeta("export const meta = { order: 1 + 2 };"), /문자열과 숫자만/);
  assert.throws(() => readMeta("export const meta = makeMeta();"), /객체여야/);
});

test("every chapter: a title, a unique order and slug, in order; the list matches the files", async () => {
  const chapters = await listChapters();
  const files = fs.readdirSync(path.join(process.cwd(), "content")).filter((f) => f.endsWith(".mdx"));
  assert.equal(chapters.length, files.length);
  assert.deepEqual(chapters.map((c) => c.order), [...chapters.map((c) => c.order)].sort((a, b) => a - b));
  assert.equal(new Set(chapters.map((c) => c.order)).size, chapters.length);
  for (const c of chapters) {
    assert.ok(c.title && c.title !== c.slug, `${c.file}: title from meta`);
    assert.ok(c.description && c.description.length > 10, `${c.file}: description`);
  }
});
