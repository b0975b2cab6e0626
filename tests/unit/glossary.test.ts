// One term per concept (issue #29 part 4) and references (part 5): the glossary's banned variants do not appear in
// what a reader sees, the glossary and references are well formed, and every <Cite id> in a chapter resolves.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { listChapters } from "../../app/chapters";
import type { Reference, Term } from "../../components/glossary/data";
import { codeTexts, findBanned, mdxTexts, type TermRule, type TextUnit } from "./helpers/reader-text";

const ROOT = process.cwd();
const glossary = JSON.parse(fs.readFileSync(path.join(ROOT, "content/glossary.json"), "utf8")) as (Term & TermRule)[];
const references = JSON.parse(fs.readFileSync(path.join(ROOT, "content/references.json"), "utf8")) as Reference[];

function walk(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? walk(rel, ext) : ext.test(e.name) ? [rel] : [];
  });
}

function readerTexts(): TextUnit[] {
  const units: TextUnit[] = [];
  for (const f of walk("content", /\.mdx$/)) units.push(...mdxTexts(fs.readFileSync(path.join(ROOT, f), "utf8"), f));
  for (const f of [...walk("components", /\.tsx?$/), ...walk("lib/cells", /\.tsx?$/)]) {
    units.push(...codeTexts(fs.readFileSync(path.join(ROOT, f), "utf8"), f, 0, f.endsWith(".tsx")));
  }
  return units;
}

test("scanner: finds planted variants, skips code, comments, URLs and everyday 주의", () => {
  const mdx = [
    "이 모델을 미세조정합니다.", // planted
    "`미세조정`은 인라인 코드라서 세지 않습니다.", // inline code: skipped
    "[링크](https://example.com/라벨) 주의하세요. 주의할 점, 주의해서, 주의 깊게 보세요.",
    "어텐션 대신 주의를 주면 안 됩니다.", // planted: 주의 as attention
    "```ts",
    "const logits = 1; // 라벨 주석은 코드",
    'show.text("예측 logit: 1");', // planted: logit in Korean printed text
    'show.text("로짓(logit)은 영어 이름을 곁들인 소개라서 괜찮습니다");',
    "```",
    "```python",
    'print("라벨")',
    "```",
  ].join("\n");
  const hits = findBanned(mdxTexts(mdx, "x.mdx"), glossary);
  assert.equal(hits.length, 3, JSON.stringify(hits));
  assert.ok(hits.some((h) => h.where === "x.mdx:1" && h.variant === "미세조정"));
  assert.ok(hits.some((h) => h.where === "x.mdx:4" && h.variant === "주의"));
  assert.ok(hits.some((h) => h.where === "x.mdx:7" && h.variant === "logit"));
  // TSX: a string literal and JSX text count; identifiers, comments, import paths and English-only labels do not.
  const tsx = [
    'import x from "./라벨";',
    "// 교과서 주석",
    "const logitScale = 2;",
    'const a = { warning: "주의", b: "logit", c: "교과서 예제" };',
    "export const V = () => <p>사전학습 {a.b}</p>;",
  ].join("\n");
  const h2 = findBanned(codeTexts(tsx, "y.tsx"), glossary).map((h) => `${h.where} ${h.variant}`);
  assert.deepEqual(h2.sort(), ["y.tsx:4 교과서", "y.tsx:5 사전학습"]);
});

test("no banned term variant in what a reader sees (content, components, lib/cells)", () => {
  const units = readerTexts();
  assert.ok(units.length > 1000, `read ${units.length} texts`);
  const hits = findBanned(units, glossary);
  assert.deepEqual(hits, [], hits.map((h) => `${h.where}: '${h.variant}' → ${glossary.find((g) => g.id === h.term)?.ko} (${h.text})`).join("\n"));
});

test("glossary: unique ids, every field, chapters exist, patterns compile", async () => {
  const chapters = await listChapters();
  const slugs = new Set(chapters.map((c) => c.slug));
  // The glossary page is a chapter without cells (so without a kernel bar); every other chapter has cells.
  assert.deepEqual(chapters.filter((c) => !c.cells).map((c) => c.slug), ["glossary"]);
  assert.equal(new Set(glossary.map((g) => g.id)).size, glossary.length, "unique ids");
  for (const g of glossary) {
    assert.match(g.id, /^[a-z0-9-]+$/, g.id);
    assert.ok(g.ko && g.en && g.definition, `${g.id}: ko, en, definition`);
    assert.ok(!g.definition.includes("\n"), `${g.id}: one line`);
    assert.ok(slugs.has(g.chapter), `${g.id}: chapter '${g.chapter}' exists`);
    assert.ok(Array.isArray(g.banned), `${g.id}: banned is a list`);
    for (const p of g.bannedPatterns ?? []) assert.doesNotThrow(() => new RegExp(p, "u"), `${g.id}: ${p}`);
  }
});

const CITE = /<Cite\s+id="([^"]*)"/g;
const unresolvedCites = (source: string) => [...source.matchAll(CITE)].map((m) => m[1]).filter((id) => !references.some((r) => r.id === id));

test("references: unique ids, an id or URL each; every <Cite id> in a chapter resolves", () => {
  assert.equal(new Set(references.map((r) => r.id)).size, references.length, "unique ids");
  for (const r of references) {
    assert.ok(r.authors.length && r.year > 1900 && r.title && r.venue, r.id);
    assert.ok(r.arxiv || r.doi || r.url, `${r.id}: arXiv id, DOI or URL`);
    if (r.arxiv) assert.match(r.arxiv, /^\d{4}\.\d{4,5}$/, r.id);
  }
  // The check catches a planted unknown id.
  assert.deepEqual(unresolvedCites('<Cite id="devlin2019" /> 그리고 <Cite id="nobody1999" />'), ["nobody1999"]);
  let cites = 0;
  for (const f of walk("content", /\.mdx$/)) {
    const src = fs.readFileSync(path.join(ROOT, f), "utf8");
    cites += [...src.matchAll(CITE)].length;
    assert.deepEqual(unresolvedCites(src), [], f);
  }
  assert.ok(cites >= 10, `${cites} citations`);
});
