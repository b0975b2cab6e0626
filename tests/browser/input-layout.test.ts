// Korean input and layout, as a reader meets them:
// - IME composition driven through CDP (Input.imeSetComposition, then Input.insertText), as a Korean IME does:
//   a sentence composed syllable by syllable stays exact in Monaco, also with a double final consonant, with a
//   composition still open when ▶ 실행 is clicked, and with one still open at the end of a line when Shift+Enter runs.
// - At 1280 px no code line in chapter 6 is hidden past a cell's right edge.
// - At phone width (390 px) chapters and the explorer do not overflow, and a cell can be edited and run
//   (Monaco does not support mobile browsers, so cells there get a plain text area).
// Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { cellCode, cellOutputText, cellSel, openPage, outputPath, ROOT, runCell, startSite, typeIntoCell, waitForEditor, waitForStatus, type Site } from "./harness";

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const GUIDE = fs.existsSync(path.join(ROOT, "content/00-cells.mdx")) ? "/learn/cells" : "/learn/sample";

// Hangul syllable = 0xAC00 + (L * 21 + V) * 28 + T. A Korean IME shows the initial consonant, then the open
// syllable, then the closed one, then the closed one with a second final (ㄺ from ㄹ + ㄱ).
const L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const DOUBLE_FINAL_FIRST: Record<number, number> = { 3: 1, 5: 4, 6: 4, 9: 8, 10: 8, 11: 8, 12: 8, 13: 8, 14: 8, 15: 8, 18: 17 };
function stages(ch: string): string[] {
  const c = ch.codePointAt(0)! - 0xac00;
  if (c < 0 || c > 11171) return [ch];
  const l = Math.floor(c / 588), v = Math.floor((c % 588) / 28), t = c % 28;
  const open = String.fromCodePoint(0xac00 + (l * 21 + v) * 28);
  const out = [L[l], open];
  if (t && DOUBLE_FINAL_FIRST[t]) out.push(String.fromCodePoint(0xac00 + (l * 21 + v) * 28 + DOUBLE_FINAL_FIRST[t]));
  if (t) out.push(ch);
  return out;
}

/** Types `text` through IME composition; with leaveOpen, the last syllable's composition is not committed. */
async function compose(cdp: CDPSession, text: string, leaveOpen = false) {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const st = stages(chars[i]);
    if (st.length === 1) {
      await cdp.send("Input.insertText", { text: chars[i] });
      continue;
    }
    for (const s of st) await cdp.send("Input.imeSetComposition", { text: s, selectionStart: s.length, selectionEnd: s.length });
    if (!(leaveOpen && i === chars.length - 1)) await cdp.send("Input.insertText", { text: chars[i] });
  }
}

/** Puts `code` in the cell and the cursor at the end of its first line, less `back` characters. */
async function cursorIn(page: Page, id: string, code: string, back: number) {
  await typeIntoCell(page, id, code);
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("End");
  for (let i = 0; i < back; i++) await page.keyboard.press("ArrowLeft");
}

describe("Korean input and layout", () => {
  test("IME composition stays exact in Monaco: a sentence, a double final, ▶ 실행 and Shift+Enter mid-composition", async () => {
    const { page, problems, context } = await openPage(site, GUIDE);
    const cdp = await context.newCDPSession(page);
    assert.equal(await runCell(page, "hello"), "ok");   // the kernel's first output carries its backend note

    await cursorIn(page, "playground", '""', 1);
    await compose(cdp, "영화 정말 재밌어요");
    assert.equal(await cellCode(page, "playground"), '"영화 정말 재밌어요"');
    assert.equal(await runCell(page, "playground"), "ok");
    assert.equal((await cellOutputText(page, "playground")).trim(), "영화 정말 재밌어요");

    // A double final (읽 = 일 + ㄱ), and the last syllable still composing when ▶ 실행 is clicked.
    await cursorIn(page, "playground", '""', 1);
    await compose(cdp, "책을 읽었다 정말 좋아요", true);
    await page.locator(cellSel("playground")).locator("button.btn-run").click();
    assert.equal(await waitForStatus(page, "playground", ["ok", "error"]), "ok");
    assert.equal(await cellCode(page, "playground"), '"책을 읽었다 정말 좋아요"');
    assert.equal((await cellOutputText(page, "playground")).trim(), "책을 읽었다 정말 좋아요");

    // A sentence ending its line, the last syllable still composing, then Shift+Enter: the exact text runs,
    // and Shift+Enter adds no newline.
    await cursorIn(page, "playground", 'const s = "";\n[...s].length + " " + s', 2);
    await compose(cdp, "영화 정말 재밌어요", true);
    await page.keyboard.press("Shift+Enter");
    assert.equal(await waitForStatus(page, "playground", ["ok", "error"]), "ok", `${await cellOutputText(page, "playground")}\n${await cellCode(page, "playground")}`);
    assert.equal(await cellCode(page, "playground"), 'const s = "영화 정말 재밌어요";\n[...s].length + " " + s');
    assert.equal((await cellOutputText(page, "playground")).trim(), "10 영화 정말 재밌어요");
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("1280 px: no code line of chapter 6 hides past its cell's right edge", async () => {
    const { page, problems, context } = await openPage(site, "/learn/finetune");
    const ids = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId!));
    assert.ok(ids.length >= 10);
    // The static code (before Monaco) and then Monaco itself, cell by cell.
    const staticOverflow = await page.locator("section.cell .static-code").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    assert.equal(staticOverflow, 0, "static code lines wrap inside the cell");
    for (const id of ids) {
      await waitForEditor(page, id);
      const w = await page.locator(cellSel(id)).locator('[data-testid="monaco-host"]').evaluate((el) => {
        const ed = (el as unknown as { bertLabEditor: { getScrollWidth(): number; getLayoutInfo(): { width: number } } }).bertLabEditor;
        return { scroll: ed.getScrollWidth(), width: ed.getLayoutInfo().width };
      });
      assert.ok(w.scroll <= w.width + 1, `${id}: Monaco scroll width ${w.scroll} > ${w.width}`);
    }
    const cellWidth = await page.locator(cellSel("hand-step")).evaluate((el) => el.getBoundingClientRect().width);
    console.log(`# chapter 6 cell width at 1280 px: ${cellWidth.toFixed(0)} px`);
    await page.locator(cellSel("hand-step")).screenshot({ path: outputPath("finetune-hand-step-1280.png") });
    await page.screenshot({ path: outputPath("finetune-1280.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("390 px phone: chapters and the explorer fit the screen, and a cell is edited and run", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "ko-KR" });
    for (const url of ["/learn/finetune", "/learn/attention", "/explorer"]) {
      const { page, problems } = await openPage(site, url, { context });
      await page.waitForTimeout(1500);   // layout after fonts and hydration
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(sw <= 390, `${url}: page is ${sw} px wide at 390 px`);
      const name = url.replace(/\W+/g, "-").replace(/^-/, "");
      await page.screenshot({ path: outputPath(`phone-${name}.png`) });
      assert.deepEqual(problems(), []);
      await page.close();
    }
    const { page, problems } = await openPage(site, GUIDE, { context });
    const box = page.locator(cellSel("playground")).locator("textarea.plain-editor");
    await box.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator(".monaco-editor").count(), 0, "no Monaco on a phone");
    await box.fill('const 인사 = "안녕하세요";\n인사 + " 모바일"');
    await page.locator(cellSel("playground")).locator("button.btn-run").tap();
    assert.equal(await waitForStatus(page, "playground", ["ok", "error"]), "ok");
    assert.match(await cellOutputText(page, "playground"), /안녕하세요 모바일/);
    assert.equal(await page.locator(cellSel("playground")).locator(".cell-badge.edited").count(), 1);
    await page.locator(cellSel("playground")).screenshot({ path: outputPath("phone-cell.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
