// Pages that read before anything runs (issue #30 §3). With JavaScript off, each chapter page as the static HTML serves
// it shows its figures and, under every cell whose committed snapshot is current and printed something, a
// pre-rendered output block (`[data-snapshot]`) with one view per recorded item, under its quiet label. With
// JavaScript on, a reader's run of a cell replaces that cell's block with the live output. Needs `npm run build`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { listChapters } from "../../app/chapters";
import { chapterSnapshot } from "../../app/snapshots";
import { cellOutputText, cellSel, openPage, ROOT, runCell, startSite, type Site } from "./harness";

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const chapters = await listChapters();
const source = (file: string) => fs.readFileSync(path.join(ROOT, "content", file), "utf8");
/** The figure components (components/figures) a chapter's MDX uses, by name. */
const figureNames = [...fs.readFileSync(path.join(ROOT, "components/figures/early.ts"), "utf8").matchAll(/export \{ (\w+) \}/g),
  ...fs.readFileSync(path.join(ROOT, "components/figures/late.ts"), "utf8").matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]);

describe("pre-rendered outputs", () => {
  for (const ch of chapters) {
    test(`/learn/${ch.slug} with JavaScript off: figures, and a pre-rendered output for each cell that prints one`, async () => {
      const mdx = source(ch.file);
      const snap = chapterSnapshot(ch.slug, mdx, ch.file);
      const figures = figureNames.filter((n) => new RegExp(`^<${n}[\\s/>]`, "m").test(mdx)).length;
      const context = await site.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${site.url}/learn/${ch.slug}`, { waitUntil: "load" });

      assert.equal(await page.locator("figure[data-figure]").count(), figures, "every figure the chapter uses is in the static HTML");
      const expected = Object.entries(snap?.cells ?? {});
      if (ch.cells) assert.ok(expected.length > 0, `chapter ${ch.slug} has cells but no current snapshot: run \`npm run snapshots -- ${ch.slug}\``);
      assert.equal(await page.locator("[data-snapshot]").count(), expected.length, "one pre-rendered block per cell that printed something");
      for (const [id, items] of expected) {
        const block = page.locator(cellSel(id)).locator("[data-snapshot]");
        assert.equal(await block.count(), 1, `${ch.slug}#${id}: a pre-rendered block`);
        assert.match(await block.locator(".cell-snapshot-label").innerText(), new RegExp(`^미리 실행한 결과 · ${snap!.backend} · \\d{4}-\\d{2}-\\d{2}$`));
        const shown = await block.locator('[data-testid="snapshot-output"] > *').count();
        assert.equal(shown, items.length, `${ch.slug}#${id}: one view per recorded item`);
        // What the views hold: the text, tables, charts and chips the run printed.
        const want = { table: 0, chart: 0, tokens: 0, attention: 0 };
        for (const it of items) if (it.kind in want) want[it.kind as keyof typeof want]++;
        assert.equal(await block.locator("table.out-table").count(), want.table, `${ch.slug}#${id}: tables`);
        // An attention view is a still picture here: its first head's map, drawn as a heatmap chart.
        assert.equal(await block.locator('[data-testid="chart"] svg').count(), want.chart + want.attention, `${ch.slug}#${id}: charts drawn as SVG`);
        assert.equal(await block.locator('[data-testid="attention"][data-still] [data-testid="chart"] svg rect').count() > 0, want.attention > 0, `${ch.slug}#${id}: attention maps drawn`);
        assert.equal(await block.locator('[data-testid="tokens"] li[data-kind]').count() > 0, want.tokens > 0, `${ch.slug}#${id}: token chips`);
        assert.equal(await block.locator('[data-testid="attention"]').count(), want.attention, `${ch.slug}#${id}: attention views`);
        for (const it of items) {
          if (it.kind === "chart") assert.ok((await block.locator('[data-testid="chart"] svg path, [data-testid="chart"] svg rect').count()) > 0, `${ch.slug}#${id}: marks`);
          if (it.kind === "text" && it.text.trim()) assert.ok((await block.innerText()).includes(it.text.trim().split("\n")[0]), `${ch.slug}#${id}: text "${it.text.slice(0, 40)}"`);
        }
      }
      // No cell shows live output before a run, and no exercise cell shows a pre-rendered ✘.
      assert.equal(await page.locator('[data-testid="cell-output"]').count(), 0);
      assert.equal(await page.locator('section.cell[data-cell-id^="ex-"] [data-snapshot]').count(), 0);
      console.log(`# ${ch.slug}: ${figures} figures, ${expected.length} pre-rendered outputs`);
      await context.close();
    });
  }

  test("with JavaScript on, every chapter takes over its pre-rendered outputs without a hydration mismatch", { timeout: 10 * 60_000 }, async () => {
    for (const ch of chapters.filter((c) => c.cells)) {
      const snap = chapterSnapshot(ch.slug, source(ch.file), ch.file);
      const { page, problems, context } = await openPage(site, `/learn/${ch.slug}`);
      // The kernel provider's effect has run: the page is hydrated.
      await page.waitForFunction(() => !!(window as unknown as { __bertLabKernel?: unknown }).__bertLabKernel, undefined, { timeout: 30_000 });
      assert.equal(await page.locator("[data-snapshot]").count(), Object.keys(snap?.cells ?? {}).length, `${ch.slug}: the blocks stay`);
      // An attention still becomes the interactive panel.
      assert.equal(await page.locator("[data-snapshot] [data-still]").count(), 0, `${ch.slug}: no still picture left once the page runs`);
      const stills = Object.values(snap?.cells ?? {}).flat().filter((it) => it.kind === "attention").length;
      assert.equal(await page.locator('[data-snapshot] [data-testid="attention"]').count(), stills);
      assert.deepEqual(problems(), [], `${ch.slug}: console errors (a hydration mismatch is one)`);
      await context.close();
    }
  });

  test("a reader's run replaces the cell's pre-rendered output with the live one", async () => {
    const { page, problems, context } = await openPage(site, "/learn/cells");
    const cell = page.locator(cellSel("tensor"));
    assert.equal(await cell.locator("[data-snapshot]").count(), 1, "the snapshot shows before the run");
    assert.match(await cell.locator("[data-snapshot]").innerText(), /\[\[\s*7,\s*10\],\s*\[15,\s*22\]\]/);
    assert.equal(await runCell(page, "tensor"), "ok");
    assert.equal(await cell.locator("[data-snapshot]").count(), 0, "no pre-rendered block left in the cell");
    assert.match(await cellOutputText(page, "tensor"), /\[\[\s*7,\s*10\],\s*\[15,\s*22\]\]/, "the live output");
    assert.equal(await page.locator(cellSel("hello")).locator("[data-snapshot]").count(), 1, "cells not run keep theirs");
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
