// Issue #28: the reader is Korean, so no English sentence is left on screen. Walks every page (home, every chapter,
// the explorer, diagnostics, the 404) and the error paths readers hit (a cell's syntax and runtime errors, chapter
// 8's and the explorer's bad folder), and fails on English outside the exemptions documented in ./english.ts
// (code, <details>, paper titles, tests/browser/english-allowlist.txt). The first test shows the checker can fail.
// Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { cellOutputText, cellSel, openPage, outputPath, ROOT, runCell, startSite, typeIntoCell, waitForEditor, waitForStatus, type Site } from "./harness";
import { findEnglish, type EnglishHit } from "./english";

const ALLOW = fs.readFileSync(path.join(ROOT, "tests/browser/english-allowlist.txt"), "utf8")
  .split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const CHAPTERS = fs.readdirSync(path.join(ROOT, "content")).filter((f) => f.endsWith(".mdx")).sort()
  .map((f) => f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, ""));

let site: Site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

/** The checker's hits on the page. tsx compiles findEnglish with esbuild's keepNames, whose `__name(fn, "…")` calls
 * travel with the function's source: the page gets the same no-op helper first. */
async function english(page: Page): Promise<EnglishHit[]> {
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(findEnglish, ALLOW);
}
const show = (hits: EnglishHit[]) => hits.map((h) => `"${h.sentence}" in ${h.where}: ${h.text}`).join("\n");

/** A folder of files for a picker (name → content): its path, and its files' paths. */
function folder(files: Record<string, string>): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bert-lab-folder-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return { dir, files: Object.keys(files).map((name) => path.join(dir, name)) };
}
const VOCAB = fs.readFileSync(path.join(ROOT, "tests/fixtures/hf/vocab-uncased.txt"), "utf8");

describe("Korean on every screen", () => {
  test("the checker finds a planted English sentence, and lets Korean, names, code, details and paper titles pass", async () => {
    const { page, context } = await openPage(site, "/");
    // After hydration: React may drop nodes it did not render while it hydrates (seen on a loaded CI machine).
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.id = "planted";
      box.innerHTML = [
        "<p>Unexpected token in the reader's code</p>",                                   // English: caught
        '<div class="out-error"><pre class="out-text">Unexpected token</pre></div>',      // a cell's error, alone
        "<p>연결이 끊겼습니다: <b>the connection broke</b> after 10 bytes</p>",          // English across inline tags
        "<p>WASM, WebGPU, [CLS] 토큰 12 MiB, bert-base-uncased, Noto Sans KR, Integrated Gradients</p><p>Noto Sans</p>",  // names
        "<pre>const message = 'this is a code block in English';</pre>",
        "<p>코드 <code>throw new Error(\"not found anywhere here\")</code> 입니다</p>",
        "<details><summary>원래 메시지 (영어)</summary><pre>x</pre>Cannot read properties of undefined here</details>",
        '<p><a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a></p>',
        "<p><cite>What Does BERT Look At? An Analysis</cite></p>",
      ].join("");
      document.querySelector("main")!.append(box);
    });
    assert.equal(await page.locator("#planted").count(), 1, "the planted box is still on the page");
    const hits = (await english(page)).filter((h) => h.where.includes("#planted"));
    assert.deepEqual(hits.map((h) => h.sentence), ["Unexpected token in the reader's code", "Unexpected token", "the connection broke after"], show(hits));
    await context.close();
  });

  for (const urlPath of ["/", ...CHAPTERS.map((s) => `/learn/${s}`), "/explorer", "/diagnostics"]) {
    test(`no English sentence on ${urlPath}`, async () => {
      const { page, problems, context } = await openPage(site, urlPath);
      // A chapter has drawn once its first cell shows; the glossary (no cells) once its term list does.
      if (urlPath.startsWith("/learn/")) await page.locator("section.cell, dl.glossary").first().waitFor();
      // The explorer loads its engine on the first analysis: check the page before it and after one.
      if (urlPath === "/explorer") await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"]')).waitFor({ timeout: 120_000 });
      await page.waitForLoadState("networkidle");
      const hits = await english(page);
      assert.deepEqual(hits, [], show(hits));
      if (urlPath === "/explorer") {
        await page.getByTestId("explorer-input").fill("이 영화 정말 재밌다");
        await page.getByTestId("explorer-input").press("Enter");
        await page.locator('[data-testid="explorer-result"][data-state="done"]').waitFor({ timeout: 240_000 });
        const after = await english(page);
        assert.deepEqual(after, [], show(after));
      }
      assert.deepEqual(problems().filter((p) => !/favicon/.test(p)), []);
      await context.close();
    });
  }

  test("the 404 page is Korean, is served with 404 and links to the chapter list", async () => {
    const res = await fetch(`${site.url}/no-such-page`);
    assert.equal(res.status, 404);
    const { page, context } = await openPage(site, "/no-such-page");
    assert.equal(await page.locator("h1").innerText(), "페이지를 찾을 수 없습니다");
    assert.match(await page.title(), /페이지를 찾을 수 없습니다/);
    const hits = await english(page);
    assert.deepEqual(hits, [], show(hits));
    await page.screenshot({ path: outputPath("korean-404.png") });
    await page.getByTestId("not-found-home").click();
    await page.waitForURL(`${site.url}/`);
    assert.ok(await page.locator(".chapter-list a[href^='/learn/']").count() >= CHAPTERS.length);
    await context.close();
  });

  test("cell errors are Korean at the reader's line, with the English under a toggle", async () => {
    const { page, problems, context } = await openPage(site, "/learn/cells");
    const errorOf = async (code: string) => {
      await typeIntoCell(page, "playground", code);
      assert.equal(await runCell(page, "playground"), "error");
      const out = page.locator(cellSel("playground")).locator(".out-error");
      const original = await out.locator("details pre").textContent();
      const hits = await english(page);
      assert.deepEqual(hits, [], show(hits));
      return { text: await cellOutputText(page, "playground"), original };
    };

    let e = await errorOf("const ok = 1;\n\nconst broken = ;\n");
    assert.match(e.text, /문법 오류 · 3번째 줄, 16번째 글자/);
    assert.match(e.text, /예상하지 못한 기호입니다/);
    assert.equal(e.original, "Unexpected token");
    await page.locator(cellSel("playground")).evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: outputPath("korean-syntax-error.png") });   // the whole 1280 px viewport

    e = await errorOf("// 주석\nconst n: number = 1;\nconst o: any = null;\no.field = n;\n");
    assert.match(e.text, /TypeError · 4번째 줄/);
    assert.match(e.text, /null에 속성 'field'을\(를\) 쓸 수 없습니다/);
    assert.equal(e.original, "Cannot set properties of null (setting 'field')");

    e = await errorOf("const y = notDefinedAnywhere + 1;\n");
    assert.match(e.text, /'notDefinedAnywhere'이\(가\) 정의되지 않았습니다\. 이 이름을 만드는 앞의 셀을 먼저 실행했나요\?/);

    e = await errorOf("const f: any = 3;\nf();\n");
    assert.match(e.text, /f은\(는\) 함수가 아닙니다/);

    e = await errorOf("const u: any = undefined;\nu.shape;\n");
    assert.match(e.text, /undefined에서 속성 'shape'을\(를\) 읽을 수 없습니다/);

    e = await errorOf("new Array(-1);\n");
    assert.match(e.text, /배열 길이가 올바르지 않습니다/);

    // No pattern: the kind in Korean, the message under the toggle.
    e = await errorOf('throw new TypeError("something went sideways in this cell");\n');
    assert.match(e.text, /타입 오류가 났습니다 \(TypeError\)/);
    assert.equal(e.original, "something went sideways in this cell");

    // An engine error (EngineError, English with a code) thrown in a cell.
    e = await errorOf('engine.preflight(engine.makeConfig("base"), { batchSize: 1, seqLen: 100000 }, engine.backendLimits());\n');
    assert.match(e.text, /최대 길이 100000이\(가\) 모델의 위치 수 \d+보다 깁니다/);
    assert.match(e.original ?? "", /maximum length 100000 is longer than/);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("chapter 8: a folder that is not BERT is refused in Korean, the English under a toggle", async () => {
    const { page, problems, context } = await openPage(site, "/learn/bring-your-bert");
    await waitForEditor(page, "hf-yours");
    await page.locator(cellSel("hf-yours")).locator("button.btn-run").click();
    const input = page.locator(cellSel("hf-yours")).locator('[data-testid="upload-files"]');
    await input.waitFor({ state: "attached", timeout: 60_000 });
    await input.setInputFiles(folder({ "config.json": JSON.stringify({ model_type: "roberta", architectures: ["RobertaForMaskedLM"] }), "vocab.txt": VOCAB }).files);
    assert.equal(await waitForStatus(page, "hf-yours", ["ok", "error"], 120_000), "error");
    const out = await cellOutputText(page, "hf-yours");
    assert.match(out, /BERT가 아니라 'roberta' 모델입니다 \(RobertaForMaskedLM\)/);
    assert.match(await page.locator(cellSel("hf-yours")).locator(".out-error details pre").textContent() ?? "", /model_type is "roberta"/);
    const hits = await english(page);
    assert.deepEqual(hits, [], show(hits));
    assert.deepEqual(problems().filter((p) => !/favicon/.test(p)), []);
    await context.close();
  });

  test("explorer: a folder without config.json is refused in Korean", async () => {
    const { page, context } = await openPage(site, "/explorer");
    await page.getByTestId("explorer-status").and(page.locator('[data-state="idle"], [data-state="ready"]')).waitFor({ timeout: 120_000 });
    await page.getByTestId("explorer-model-select").selectOption("folder");
    await page.getByTestId("explorer-folder").setInputFiles(folder({ "vocab.txt": VOCAB }).dir);   // a webkitdirectory input takes the folder
    const status = page.getByTestId("explorer-model-status");
    await status.filter({ hasText: "불러오지 못했습니다" }).waitFor({ timeout: 60_000 });
    assert.match(await status.innerText(), /폴더를 불러오지 못했습니다: .*config\.json이 없습니다\. Hugging Face 모델 폴더가 맞나요\?/);
    const hits = await english(page);
    assert.deepEqual(hits, [], show(hits));
    await context.close();
  });
});
