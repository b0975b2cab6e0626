// Chapter 8's Hub cell against a local server that serves fixture folders under /<repo>/resolve/main/<file>, as the
// Hub does (no real Hub is reachable here): the reader edits the repo id and the endpoint, says yes twice, and the
// model loads with a progress bar; after a reload it loads from Cache Storage with no request; a connection cut
// mid-file and a repository that does not exist each end with their message. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { cellCode, cellOutputText, cellSel, openPage, outputPath, ROOT, startSite, typeIntoCell, waitForStatus, type Site } from "./harness";

let site: Site;
let hub: Server;
let endpoint = "";
const requests: string[] = [];
const FIX = path.join(ROOT, "tests/fixtures/hf/cls-f32");

before(async () => {
  site = await startSite();
  hub = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const cors = { "access-control-allow-origin": "*" };
    const m = /^\/([\w.-]+\/[\w.-]+)\/resolve\/main\/([\w.-]+)$/.exec(req.url ?? "");
    const file = m && path.join(FIX, m[2]);
    if (!m || m[1] === "test/missing" || !existsSync(file!) || m[2] === "expected.json") { res.writeHead(404, cors).end(); return; }
    const data = readFileSync(file!);
    res.writeHead(200, { ...cors, "content-length": String(data.byteLength) });
    if (req.method === "HEAD") { res.end(); return; }
    if (m[1] === "test/cut" && m[2] === "model.safetensors") { res.write(data.subarray(0, data.byteLength >> 1), () => res.destroy()); return; }
    res.end(data);
  });
  await new Promise<void>((r) => hub.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
});
after(async () => {
  await site?.close();
  hub?.close();
});

async function runHub(page: Page, repo: string, answers: ("yes" | "no")[]): Promise<string> {
  const code = (await cellCode(page, "hf-hub"))
    .replace(/const repo = "[^"]*";/, `const repo = "${repo}";`)
    .replace(/const endpoint = [^;]*;/, `const endpoint = "${endpoint}";`);
  await typeIntoCell(page, "hf-hub", code);
  const cell = page.locator(cellSel("hf-hub"));
  await cell.locator("button.btn-run").click();
  for (const [i, a] of answers.entries()) await cell.locator(`[data-testid="confirm"][data-state="waiting"] [data-testid="confirm-${a}"]`).click({ timeout: 60_000 }).catch((e) => { throw new Error(`answer ${i + 1}: ${e}`); });
  await waitForStatus(page, "hf-hub", ["ok", "error"], 120_000);
  return `${await cellOutputText(page, "hf-hub")}\n${await loadHub(page)}`;
}

/** hf-hub-load: downloads what hf-hub agreed to (or reads the cache) and builds the model. */
async function loadHub(page: Page): Promise<string> {
  await page.locator(cellSel("hf-hub-load")).locator("button.btn-run").click();
  await waitForStatus(page, "hf-hub-load", ["ok", "error"], 120_000);
  return cellOutputText(page, "hf-hub-load");
}

describe("chapter 8: the Hub path", () => {
  test("ask twice, download with progress, then from the cache after a reload; a cut and a 404 say what happened", { timeout: 10 * 60_000 }, async () => {
    const { page, problems } = await openPage(site, "/learn/bring-your-bert");

    const first = await runHub(page, "test/bert", ["yes", "yes"]);
    assert.match(first, /test\/bert@main: a BertForSequenceClassification checkpoint \(model\.safetensors, \d+ F32\)/);
    assert.match(await page.locator(cellSel("hf-hub-load")).locator('[data-testid="fetch-progress"]').innerText(), /완료/);
    assert.ok(requests.some((r) => r === "HEAD /test/bert/resolve/main/model.safetensors"), "sizes asked first");
    assert.ok(requests.some((r) => r === "GET /test/bert/resolve/main/model.safetensors"));

    // A reload: the edited cell is kept, and the files come from Cache Storage: no request, no question.
    const before = requests.length;
    await page.reload({ waitUntil: "load" });
    const cell = page.locator(cellSel("hf-hub"));
    await cell.locator("button.btn-run").click();
    assert.equal(await waitForStatus(page, "hf-hub", ["ok", "error"], 120_000), "ok", await cellOutputText(page, "hf-hub"));
    const second = `${await cellOutputText(page, "hf-hub")}\n${await loadHub(page)}`;
    assert.equal(await waitForStatus(page, "hf-hub-load", ["ok", "error"]), "ok", second);
    assert.match(second, /test\/bert: 이 브라우저의 캐시에 있습니다\. 요청 없이 읽습니다\./);
    assert.match(second, /test\/bert@main: a BertForSequenceClassification checkpoint/);
    assert.deepEqual(requests.slice(before), [], "no request on the second load");

    // A connection cut mid-file: the message says so and asks for a rerun; nothing partial is kept.
    const cut = await runHub(page, "test/cut", ["yes", "yes"]);
    assert.equal(await waitForStatus(page, "hf-hub-load", ["ok", "error"]), "error");
    assert.match(cut, /model\.safetensors: \d+바이트를 받다가 연결이 끊겼습니다/);
    assert.match(await page.locator(cellSel("hf-hub-load")).locator('[data-testid="fetch-progress"]').innerText(), /셀을 다시 실행하세요/);

    // A repository that does not exist: every file is a 404, and the load says what is missing.
    const missing = await runHub(page, "test/missing", ["yes", "yes"]);
    assert.match(missing, /없음/);
    assert.match(missing, /test\/missing@main에 vocab\.txt\(또는 tokenizer\.json\)가 없어 토크나이저를 만들 수 없습니다/);

    await page.screenshot({ path: outputPath("chapter-hub.png"), fullPage: false });
    const hubHost = new URL(endpoint).host;
    assert.deepEqual(problems().filter((p) => !p.includes(hubHost) && !/Failed to load resource/.test(p)), []);
  });
});
