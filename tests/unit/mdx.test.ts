// The chapters through the site's own MDX plugin list (scripts/mdx/plugins.mjs, which next.config.mjs hands to
// @next/mdx): heading ids (anchors people link to) stay what they were, Hangul included, and GFM tables render.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { compile } from "@mdx-js/mdx";
import type { Element, Root, RootContent } from "hast";
import type { PluggableList } from "unified";
import { rehypePlugins, remarkPlugins, type PluginRef } from "../../scripts/mdx/plugins.mjs";
import { HEADING_ALIASES } from "../../scripts/mdx/rehype-heading-aliases.mjs";

const CONTENT = path.join(import.meta.dirname, "../../content");

/** What @next/mdx's loader does with a plugin given by name or path: import it (with its options). */
async function load(list: PluginRef[]): Promise<PluggableList> {
  return Promise.all(
    list.map(async (p) => {
      const [name, options] = typeof p === "string" ? [p, undefined] : p;
      const plugin = ((await import(name)) as { default: () => unknown }).default;
      return (options ? [plugin, options] : plugin) as PluggableList[number];
    }),
  );
}

function elements(node: Root | RootContent, out: Element[] = []): Element[] {
  if (node.type === "element") out.push(node);
  if ("children" in node) for (const c of node.children) elements(c, out);
  return out;
}

function textOf(node: Root | RootContent): string {
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map(textOf).join("") : "";
}

/** The hast of a chapter after the site's plugins. */
async function chapterTree(file: string): Promise<Root> {
  let tree: Root | undefined;
  const capture = () => (t: Root) => {
    tree = structuredClone(t);
  };
  const source = await readFile(path.join(CONTENT, file), "utf8");
  await compile(source, { remarkPlugins: await load(remarkPlugins), rehypePlugins: [...(await load(rehypePlugins)), capture] });
  return tree!;
}

const chapterFile = async (slug: string) => (await readdir(CONTENT)).find((f) => f.replace(/^\d+[-_]/, "") === `${slug}.mdx`)!;

async function headingIds(slug: string): Promise<{ ids: string[]; aliases: string[] }> {
  const els = elements(await chapterTree(await chapterFile(slug)));
  const headings = els.filter((e) => /^h[1-6]$/.test(e.tagName));
  const aliases = els.filter((e) => e.tagName === "span" && String(e.properties.className ?? "").includes("heading-alias"));
  return { ids: headings.map((h) => String(h.properties.id)), aliases: aliases.map((a) => String(a.properties.id)) };
}

test("heading ids: Hangul kept, punctuation dropped, as before the switch to rehype-slug", async () => {
  const encoder = (await headingIds("encoder")).ids;
  for (const id of ["모델과-문장-준비", "점수-qkᵀ를-d로-나누기", "6-층-쌓기-cls-벡터는-어떻게-변하는가", "4-출력-투영-잔차-연결-layernorm"]) {
    assert.ok(encoder.includes(id), `${id} in ${encoder.join(", ")}`);
  }
  const softmax = (await headingIds("softmax-argmax")).ids;
  assert.ok(softmax.includes("교재-코드의-버그-argmaxsoftmaxlogits-dim0"), softmax.join(", "));
  // Two chapters have a "연습 문제" section; ids are unique per page, so each keeps the plain id.
  assert.ok((await headingIds("attention")).ids.includes("연습-문제"));
});

test("headings whose id changed with rehype-slug keep the old id as an alias", async () => {
  const base = await headingIds("base-vs-large");
  assert.ok(base.ids.includes("512로-채우면-무엇이-커지나-t"));
  assert.ok(base.aliases.includes("512로-채우면-무엇이-커지나-t²"));
  const softmax = await headingIds("softmax-argmax");
  assert.ok(softmax.ids.includes("진짜-리뷰로-로짓--확률--레이블"));
  // 라벨 → 레이블 (one term per concept): both earlier ids still land on the section.
  assert.ok(softmax.aliases.includes("진짜-리뷰로-로짓-확률-라벨"));
  assert.ok(softmax.aliases.includes("진짜-리뷰로-로짓--확률--라벨"));
  // Every alias still belongs to a heading of some chapter (a renamed heading leaves a stale entry).
  const all = new Set<string>();
  for (const f of (await readdir(CONTENT)).filter((f) => f.endsWith(".mdx"))) {
    for (const e of elements(await chapterTree(f))) if (/^h[1-6]$/.test(e.tagName)) all.add(String(e.properties.id));
  }
  for (const id of Object.keys(HEADING_ALIASES)) assert.ok(all.has(id), `alias target ${id} is no chapter's heading`);
});

test("GFM pipe tables render as <table> with inline code and bold", async () => {
  const els = elements(await chapterTree(await chapterFile("finetune")));
  const table = els.find((e) => e.tagName === "table");
  assert.ok(table, "no <table> in the fine-tuning chapter");
  const rows = elements(table).filter((e) => e.tagName === "tr");
  assert.equal(rows.length, 14); // header + 13 rows of the textbook's code
  assert.deepEqual(elements(rows[0]).filter((e) => e.tagName === "th").map(textOf), ["교재 코드가 한 일", "실제로 일어나는 일, 그리고 이 장의 코드"]);
  const second = elements(rows[2]);
  assert.deepEqual(second.filter((e) => e.tagName === "code").map(textOf).slice(0, 2), ["torch.argmax(F.softmax(logits), dim=0)", "dim=0"]);
  assert.deepEqual(second.filter((e) => e.tagName === "strong").map(textOf), ["배치"]);
});

test("chapter 6 shows the engine's own loop and step: excerpts filled from the source's #region markers at build time", async () => {
  const { readRegion } = (await import("../../scripts/mdx/remark-excerpt.mjs")) as { readRegion(file: string, name: string): string };
  const tree = await chapterTree(await chapterFile("finetune"));
  const codes = elements(tree).filter((e) => e.tagName === "code").map((e) => textOf(e));
  for (const [file, region, must] of [
    ["lib/train/finetune.ts", "chapter-6-loop", /guardedTrainStep\(/],
    ["lib/train/step.ts", "chapter-6-step", /softmaxCrossEntropy\(logits, y\)/],
  ] as const) {
    const excerpt = readRegion(file, region);
    assert.match(excerpt, must);
    assert.ok(!/#region|#endregion/.test(excerpt), "markers are not shown");
    assert.ok(codes.some((c) => c.trimEnd() === excerpt.trimEnd()), `${file}#${region} is in the page as it is in the source`);
  }
  assert.throws(() => readRegion("lib/train/finetune.ts", "no-such-region"), /no region "no-such-region"/);
});
