// The notebook machinery in a real browser, on the cells guide (content/00-cells.mdx, /learn/cells).
// Needs the static export: `npm run build` first (npm test does it).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  cellBackend,
  cellCode,
  cellOutputText,
  cellSel,
  openPage,
  outputPath,
  runCell,
  runInKernel,
  startSite,
  typeIntoCell,
  waitForEditor,
  waitForStatus,
  type Site,
} from "./harness";

const CHAPTER = "/learn/cells";
let site: Site;

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe("sample chapter", () => {
  test("loads without console errors or requests to other hosts; code is readable before JS; screenshot", async () => {
    // The static HTML already has the code (highlighted) and the Korean text.
    const html = await (await fetch(site.url + CHAPTER)).text();
    assert.match(html, /<pre class="static-code/);
    assert.match(html, /안녕하세요, BERT Lab!/);
    assert.match(html, /id="cell-hello"/);
    assert.match(html, /id="첫-번째-셀"/, "headings get slug ids");

    const { page, problems, context } = await openPage(site, CHAPTER);
    await page.evaluate(() => document.fonts.ready);
    const font = await page.evaluate(() => ({
      family: getComputedStyle(document.body).fontFamily,
      loaded: document.fonts.check('16px "Noto Sans KR"', "셀 사용법"),
    }));
    assert.match(font.family, /Noto Sans KR/);
    assert.ok(font.loaded, "Noto Sans KR (from @fontsource) is loaded for Hangul");
    await waitForEditor(page, "hello");

    // Run a few cells so the screenshot shows output, a table and a chart.
    await runCell(page, "hello");
    await runCell(page, "tensor");
    await runCell(page, "stream");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: outputPath("chapter-sample-top.png") });
    await page.screenshot({ path: outputPath("chapter-sample.png"), fullPage: true });
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("type into a Monaco cell, run it with Shift+Enter, see the output", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    // Typed key by key (Monaco auto-closes the brackets and quotes as they are typed).
    await typeIntoCell(page, "playground", 'const msg: string = "타이핑 " + (6 * 7); console.log(msg); msg.length', { keyboard: true });
    const status = await runCell(page, "playground", { viaKeyboard: true });
    assert.equal(status, "ok");
    const out = await cellOutputText(page, "playground");
    assert.match(out, /타이핑 42/);
    assert.match(out, /^6$/m, "the last expression's value is shown");
    assert.ok(await cellBackend(page, "playground"), "the backend used is shown");
    assert.match(await page.locator(cellSel("playground")).locator('[data-testid="cell-state"]').innerText(), /완료 · \d/);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("syntax and runtime errors show the message and the line in the reader's code", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    await typeIntoCell(page, "playground", "const ok = 1;\n\nconst broken = ;\n");
    assert.equal(await runCell(page, "playground"), "error");
    let out = await cellOutputText(page, "playground");
    assert.match(out, /문법 오류/);
    assert.match(out, /3번째 줄/);

    await typeIntoCell(page, "playground", "// 주석\nconst n: number = 1;\nconst o: any = null;\no.field = n;\n");
    assert.equal(await runCell(page, "playground"), "error");
    out = await cellOutputText(page, "playground");
    assert.match(out, /TypeError/);
    assert.match(out, /4번째 줄/);

    // The page and the kernel keep working.
    assert.equal(await runCell(page, "hello"), "ok");
    assert.match(await cellOutputText(page, "hello"), /안녕하세요/);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("two cells share state in run order", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    assert.equal(await runCell(page, "share-define"), "ok");
    assert.equal(await runCell(page, "share-use"), "ok");
    assert.equal(await runCell(page, "share-use"), "ok");
    assert.match(await cellOutputText(page, "share-use"), /반가워요! counter = 2/);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("Stop ends while(true){} without freezing the page, and says what state was lost", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    assert.equal(await runCell(page, "share-define"), "ok");
    await typeIntoCell(page, "playground", "let spins = 0;\nwhile (true) { spins++; }\n");
    const cell = page.locator(cellSel("playground"));
    await cell.locator("button.btn-run").click();
    await waitForStatus(page, "playground", ["running"], 30_000);
    await page.waitForTimeout(1500);
    // The main thread is free while the worker spins.
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    assert.equal(await cellStatusText(), "running");
    await cell.locator("button.btn-stop").click();
    assert.equal(await waitForStatus(page, "playground", ["stopped"], 10_000), "stopped");
    const out = await cellOutputText(page, "playground");
    assert.match(out, /중지했습니다/);
    assert.match(out, /사라진 변수: .*greeting/);
    assert.match(out, /spins/);
    assert.match(out, /share-define/);
    await page.locator(cellSel("share-define")).locator(".cell-badge.stale").waitFor();

    // A fresh kernel runs the next cell; the old variables are gone.
    assert.equal(await runCell(page, "share-use"), "error");
    assert.match(await cellOutputText(page, "share-use"), /'bump'이\(가\) 정의되지 않았습니다/);
    assert.equal(await runCell(page, "share-define"), "ok");
    assert.equal(await runCell(page, "share-use"), "ok");
    assert.match(await cellOutputText(page, "share-use"), /counter = 1/);
    assert.deepEqual(problems(), []);
    await context.close();

    async function cellStatusText() {
      return cell.getAttribute("data-status");
    }
  });

  test("edits survive a reload; Reset restores the original", async () => {
    const context = await site.newContext();
    const { page, problems } = await openPage(site, CHAPTER, { context });
    const original = await cellCode(page, "hello");
    assert.match(original, /안녕하세요, BERT Lab!/);
    await typeIntoCell(page, "hello", 'console.log("고친 코드");');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("bert-lab:cell:cells:hello")));
    await page.reload({ waitUntil: "load" });
    assert.match(await cellCode(page, "hello"), /고친 코드/);
    await page.locator(cellSel("hello")).locator('.cell-badge.edited').waitFor();
    assert.equal(await runCell(page, "hello"), "ok");
    assert.match(await cellOutputText(page, "hello"), /고친 코드/);

    await page.locator(cellSel("hello")).locator("button.btn-reset").click();
    await page.waitForFunction(
      (sel) => (document.querySelector(sel + " .view-lines") as HTMLElement | null)?.innerText.includes("안녕하세요"),
      cellSel("hello"),
    );
    assert.match(await cellCode(page, "hello"), /안녕하세요, BERT Lab!/);
    await page.reload({ waitUntil: "load" });
    assert.match(await cellCode(page, "hello"), /안녕하세요, BERT Lab!/);
    assert.equal(await page.locator(cellSel("hello")).locator(".cell-badge.edited").count(), 0);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("an edit saved from an older version of the cell says so: new code, diff, or keep it", async () => {
    const context = await site.newContext();
    const { page, problems } = await openPage(site, CHAPTER, { context });
    const original = await cellCode(page, "hello");
    // An edit made from other code than the chapter has now (its base hash differs), and one saved before
    // hashes were kept (a bare string).
    await page.evaluate(() => {
      localStorage.setItem("bert-lab:cell:cells:hello", JSON.stringify({ v: 2, source: 'console.log("예전 코드를 고친 것");', base: "00000000" }));
      localStorage.setItem("bert-lab:cell:cells:share-define", "const 예전 = 1;");
    });
    await page.reload({ waitUntil: "load" });
    const hello = page.locator(cellSel("hello"));
    const notice = hello.getByTestId("stale-edit");
    await notice.waitFor();
    assert.match(await notice.innerText(), /이 장의 코드가 바뀌었습니다/);
    assert.match(await cellCode(page, "hello"), /예전 코드를 고친 것/, "the edit is still there until the reader chooses");
    assert.match(await page.locator(cellSel("share-define")).getByTestId("stale-edit").innerText(), /바뀌었을 수 있습니다/);
    await notice.getByRole("button", { name: "차이 보기" }).click();
    const diff = await hello.getByTestId("stale-diff").innerText();
    assert.match(diff, /^- console\.log\("예전 코드를 고친 것"\);$/m);
    assert.match(diff, /^\+ .*안녕하세요, BERT Lab!/m);
    await hello.screenshot({ path: outputPath("stale-edit.png") });
    // Take the new code: the edit is gone, also after a reload.
    await notice.getByRole("button", { name: "새 코드로 바꾸기" }).click();
    await page.waitForFunction((sel) => (document.querySelector(sel + " .view-lines") as HTMLElement | null)?.innerText.includes("안녕하세요"), cellSel("hello"));
    assert.equal(await cellCode(page, "hello"), original);
    assert.equal(await hello.getByTestId("stale-edit").count(), 0);
    // Keep the other edit: it stays, and is no longer reported once saved against the current code.
    await page.locator(cellSel("share-define")).getByRole("button", { name: "내 수정 유지" }).click();
    await page.reload({ waitUntil: "load" });
    assert.equal(await cellCode(page, "hello"), original);
    assert.equal(await cellCode(page, "share-define"), "const 예전 = 1;");
    assert.equal(await page.getByTestId("stale-edit").count(), 0);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("tfjs runs on WebGPU, WebGL and WASM in turn with correct results", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    // The automatic choice skips WebGPU and WebGL here: both are SwiftShader, a CPU emulating a GPU, slower than
    // WASM. The first cell's output says so, with the renderer's name.
    assert.equal(await runCell(page, "tensor"), "ok");
    assert.equal(await cellBackend(page, "tensor"), "wasm");
    assert.match(await cellOutputText(page, "tensor"), /WebGPU, WebGL을 쓸 수 없어 WASM으로 실행합니다: .*소프트웨어 렌더러\(.*swiftshader/is);
    assert.match(await cellOutputText(page, "tensor"), /\[\[ ?7, 10\],\s*\[15, 22\]\]/);

    await typeIntoCell(
      page,
      "playground",
      [
        'for (const name of ["webgpu", "webgl", "wasm"] as const) {',
        "  await setBackend(name);",
        "  const m = tf.tensor2d([[1, 2], [3, 4]]);",
        "  const r = await m.matMul(m).add(tf.scalar(0.5)).data();",
        '  console.log(`${tf.getBackend()}=${Array.from(r).join(",")}`);',
        "}",
      ].join("\n"),
    );
    const status = await runCell(page, "playground");
    const out = await cellOutputText(page, "playground");
    assert.equal(status, "ok", out);
    for (const b of ["webgpu", "webgl", "wasm"]) {
      assert.match(out, new RegExp(`^${b}=7.5,10.5,15.5,22.5$`, "m"), `${b} result in:\n${out}`);
    }
    assert.equal(await cellBackend(page, "playground"), "wasm");

    // The sample chapter's own backends cell.
    assert.equal(await runCell(page, "backends"), "ok");
    const table = await cellOutputText(page, "backends");
    for (const b of ["webgpu", "webgl", "wasm"]) assert.match(table, new RegExp(`${b}\\s+14`));
    // It puts the kernel back on the backend it had (wasm, the automatic choice here).
    assert.equal(await cellBackend(page, "backends"), "wasm");
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("harness: runInKernel runs engine code in the page's kernel; 모두 실행 runs every cell", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    // The kernel's first run carries its backend note (WASM chosen over software GPUs), apart from the output.
    const first = await runInKernel(page, "1");
    assert.match(first.note ?? "", /WASM으로 실행합니다/);
    assert.equal(first.text, "1");
    const r = await runInKernel(page, "await setBackend('cpu');\nconst g = tf.grad((x) => x.square())(tf.scalar(3));\nconsole.log(typeof engine);\n(await g.data())[0]");
    assert.ok(r.ok, r.text);
    assert.equal(r.backend, "cpu");
    assert.equal(r.text, "object\n6");
    // A name that is a read-only worker global still works as a cell variable.
    const named = await runInKernel(page, 'const name = "버트";\nname');
    assert.equal(named.text, "버트");
    const bad = await runInKernel(page, "const a = 1;\nthrow new Error('boom');");
    assert.equal(bad.ok, false);
    assert.equal(bad.items[0].where?.line, 2);

    await page.getByRole("button", { name: "모두 실행" }).click();
    await waitForStatus(page, "playground", ["ok", "error"]);
    for (const id of ["hello", "share-define", "share-use", "tensor", "backends", "stream", "playground"]) {
      assert.equal(await page.locator(cellSel(id)).getAttribute("data-status"), "ok", id);
    }
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test("output streams while a cell runs (line chart grows)", async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    await typeIntoCell(
      page,
      "playground",
      [
        'const c = show.lineChart({ title: "stream", x: "step", series: ["loss"] });',
        "for (let step = 0; step < 40; step++) {",
        "  c.append({ step, loss: 1 / (step + 1) });",
        "  await sleep(100);",
        "}",
      ].join("\n"),
    );
    const cell = page.locator(cellSel("playground"));
    await cell.locator("button.btn-run").click();
    await waitForStatus(page, "playground", ["running"], 30_000);
    const chart = cell.locator('[data-testid="chart"]');
    await chart.waitFor();
    // Points arrive while the cell is still running.
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute("data-points")) >= 5, `${cellSel("playground")} [data-testid="chart"]`);
    assert.equal(await cell.getAttribute("data-status"), "running");
    assert.equal(await waitForStatus(page, "playground", ["ok"]), "ok");
    assert.equal(await chart.getAttribute("data-points"), "40");
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
