// Reading what a cell drew: tables, token chips, chart marks. Shared by the chapter tests. Each reads the cell's live
// output (`[data-testid="cell-output"]`), never its pre-rendered snapshot (`[data-snapshot]`, shown until a run).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT, cellOutputText, cellSel, outputPath, runCell } from "./harness";

/** The cell's live output area (not its pre-rendered snapshot). */
const live = (page: Page, cellId: string) => page.locator(cellSel(cellId)).locator('[data-testid="cell-output"]');

/** Body rows of the n-th table in a cell's output, as arrays of cell texts. */
export async function tableRows(page: Page, cellId: string, n = 0): Promise<string[][]> {
  const table = live(page, cellId).locator("table.out-table").nth(n);
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** The chips of the n-th token view (show.tokens) in a cell: kind, piece text and id of each. */
export async function chips(page: Page, cellId: string, n = 0): Promise<{ kind: string; text: string; id: number }[]> {
  return live(page, cellId).locator('[data-testid="tokens"]').nth(n).locator("li[data-kind]")
    .evaluateAll((lis) =>
      lis.map((li) => {
        const el = li as HTMLElement;
        return { kind: el.dataset.kind ?? "", text: el.firstElementChild?.textContent ?? "", id: Number(el.dataset.id) };
      }),
    );
}

export async function chipKinds(page: Page, cellId: string, n = 0): Promise<string[]> {
  return (await chips(page, cellId, n)).map((c) => c.kind);
}

/** Number of SVG <rect>s in the n-th chart of a cell (bars, heatmap cells, legend swatches). */
export async function chartRects(page: Page, cellId: string, n = 0): Promise<number> {
  return live(page, cellId).locator('[data-testid="chart"]').nth(n).locator("svg rect").count();
}

/** Runs a cell, asserts it finished without error, and returns its output text. */
export async function runOk(page: Page, id: string, timeout = 180_000): Promise<string> {
  const status = await runCell(page, id, { timeout });
  const out = await cellOutputText(page, id);
  assert.equal(status, "ok", `cell ${id} ended "${status}":\n${out}`);
  return out;
}

/** The number after `label` in a text, e.g. numberAfter(out, "낭비 비율") for "낭비 비율 0.9638". */
export function numberAfter(text: string, label: string): number {
  const m = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:?\\s*(-?[\\d.,]+)`).exec(text);
  assert.ok(m, `no number after "${label}" in:\n${text}`);
  return Number(m[1].replace(/,/g, ""));
}

/** The code of every <Solution> in the chapter, in page order (read from the static code block). */
export async function solutionCodes(page: Page): Promise<string[]> {
  return page.locator(".exercise details.solution pre").evaluateAll((ps) => ps.map((p) => (p.textContent ?? "").replace(/\n$/, "")));
}

/** The exercise verdict (show.check) a runInKernel run printed: true for ✔; fails when it printed none. */
export function checkPassed(items: { kind: string }[]): boolean {
  const c = items.filter((i) => i.kind === "check") as unknown as { ok: boolean; hint?: string }[];
  assert.equal(c.length, 1, "the solution prints one verdict");
  return c[0].ok;
}

/** Rows of the first table a runInKernel run produced. */
export function kernelTable(items: { kind: string }[]): string[][] {
  const t = items.find((i) => i.kind === "table") as { rows: string[][] } | undefined;
  assert.ok(t, "the run showed no table");
  return t.rows;
}

/**
 * Headless Chromium repeats the top of very long pages in a full-page capture (a texture-size limit), so a long
 * chapter is also saved in parts: <name>-1.png, <name>-2.png, …
 */
export async function sectionShots(page: Page, name: string, part = 5000): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  for (let y = 0, i = 1; y < height; y += part, i++) {
    await page.screenshot({ path: outputPath(`${name}-${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(part, height - y) } });
  }
}

/** The code of every <Solution> block of a chapter, read from its MDX source (content/NN-name.mdx), in order. */
export function mdxSolutions(file: string): string[] {
  const mdx = fs.readFileSync(path.join(ROOT, file), "utf8");
  return [...mdx.matchAll(/<Solution>\s*```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}
