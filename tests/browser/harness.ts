// Shared pieces for browser tests: serve the static export (out/), launch Debian's Chromium with
// WebGPU (SwiftShader), WebGL2 (SwiftShader/ANGLE) and WASM available, and drive notebook cells.
//
//   import { withSite, openPage, runCell, cellOutputText } from "./harness";
//   const site = await startSite();                    // serves out/ on a free port, launches Chromium
//   const { page, problems } = await openPage(site, "/learn/cells");
//   await runCell(page, "hello");                      // clicks 실행 and waits for 완료/오류
//   ...
//   assert.deepEqual(problems(), []);                  // console errors, page errors, foreign requests
//   await site.close();
//
// Needs `npm run build` first (out/). Chromium: /usr/bin/chromium or $CHROMIUM.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { serve, type Served } from "../../scripts/serve.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const OUT_DIR = path.join(ROOT, "out");
export const TEST_OUTPUT = path.join(ROOT, "test-output");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export interface ChromiumFlags {
  /** Flags to drop from the defaults, e.g. ["--enable-unsafe-webgpu"] for a browser without WebGPU. */
  omitArgs?: string[];
  /** Flags to add. */
  extraArgs?: string[];
}

/**
 * The flags that give Chromium its software GPUs: WebGPU through SwiftShader (Dawn's CPU adapter) and WebGL2 through
 * ANGLE on SwiftShader. `startSite({ omitArgs: GPU_FLAGS })` is a reader's browser with no GPU at all (WASM).
 */
export const GPU_FLAGS = ["--enable-unsafe-webgpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"];

/** Flags for a headless Chromium with GPU-ish backends on a machine without a GPU. */
export function chromiumArgs(userDataDir: string, flags: ChromiumFlags = {}): string[] {
  const omit = new Set(flags.omitArgs ?? []);
  const args = [
    "--headless=new",
    "--remote-debugging-pipe",
    "--no-sandbox",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--metrics-recording-only",
    "--mute-audio",
    `--user-data-dir=${userDataDir}`,
    ...GPU_FLAGS,
    "--lang=ko-KR",
    "--window-size=1280,900",
  ].filter((a) => !omit.has(a));
  return [...args, ...(flags.extraArgs ?? []), "about:blank"];
}

export interface Site {
  url: string;
  browser: Browser;
  /** A fresh context (own localStorage) per call; options on top of the harness's viewport and locale. */
  newContext(opts?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface SiteOptions extends ChromiumFlags {
  dir?: string;
  /** Send the COOP/COEP/CORP headers (default true, as `npm run serve` does; see scripts/serve.mjs). */
  isolation?: boolean;
  /**
   * Whether pages may register service workers. Default: "allow" with the headers (the site registers none then),
   * "block" without them, so `isolation: false` is a page nothing isolates (one WASM thread, bench's baseline).
   * `{ isolation: false, serviceWorkers: "allow" }` is a static host without headers, where public/coi-sw.js
   * isolates the page after one reload. A context made with its own `serviceWorkers` option overrides this.
   */
  serviceWorkers?: "allow" | "block";
}

/**
 * Serves out/ on a free localhost port and launches Chromium. The server sends the COOP/COEP/CORP headers that make
 * the page cross-origin isolated unless `isolation: false` (see SiteOptions).
 */
export async function startSite(opts: SiteOptions = {}): Promise<Site> {
  const dir = opts.dir ?? OUT_DIR;
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error(`${dir}/index.html is missing: run \`npm run build\` first`);
  }
  const isolation = opts.isolation ?? true;
  const serviceWorkers = opts.serviceWorkers ?? (isolation ? "allow" : "block");
  const served: Served = await serve({ dir, port: 0, isolation });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bert-lab-chromium-"));
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      ignoreDefaultArgs: true,
      args: chromiumArgs(userDataDir, opts),
      timeout: 60_000,
    });
  } catch (e) {
    await served.close();
    throw e;
  }
  return {
    url: served.url,
    browser,
    newContext: (o = {}) => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", deviceScaleFactor: 1, serviceWorkers, ...o }),
    async close() {
      await browser.close().catch(() => undefined);
      await served.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and requests to any other host, so far. */
  problems(): string[];
  /** Every console message so far ("type: text"). */
  consoleLog: string[];
}

/** Opens a path of the site in a new context and records anything that should not happen. */
export async function openPage(site: Site, urlPath: string, opts: { context?: BrowserContext } = {}): Promise<OpenedPage> {
  const context = opts.context ?? (await site.newContext());
  const page = await context.newPage();
  const origin = new URL(site.url).origin;
  const issues: string[] = [];
  const consoleLog: string[] = [];
  page.on("console", (m) => {
    consoleLog.push(`${m.type()}: ${m.text()}`);
    if (m.type() === "error") issues.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => issues.push(`page error: ${e.message}`));
  const checkUrl = (u: string) => {
    if (u.startsWith("data:") || u.startsWith("blob:") || u === "about:blank") return;
    if (new URL(u).origin !== origin) issues.push(`request to another host: ${u}`);
  };
  page.on("request", (r) => checkUrl(r.url()));
  page.on("worker", (w) => checkUrl(w.url()));
  page.on("requestfailed", (r) => {
    // Next's router aborts its own prefetches when it has what it needs: not a failure.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") issues.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) issues.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(site.url + urlPath, { waitUntil: "load" });
  return { page, context, problems: () => [...issues], consoleLog };
}

export const cellSel = (id: string) => `section.cell[data-cell-id="${id}"]`;

/** Points at the cell's code as a reader would (Monaco loads on that intent) and waits until the editor is mounted. */
export async function waitForEditor(page: Page, cellId: string, timeout = 60_000): Promise<void> {
  const cell = page.locator(cellSel(cellId));
  await cell.scrollIntoViewIfNeeded();
  if ((await cell.locator(".monaco-editor").count()) === 0) await cell.locator(".cell-code").hover();
  await cell.locator(".monaco-editor").waitFor({ state: "visible", timeout });
}

/**
 * Replaces the code of a cell as a reader would: click into its Monaco editor, select all, then
 * paste the new code (a paste inserts text as is; typed newlines would be auto-indented and
 * brackets auto-closed). With `{ keyboard: true }` each character is typed instead (use for one line).
 */
export async function typeIntoCell(page: Page, cellId: string, code: string, opts: { keyboard?: boolean } = {}): Promise<void> {
  await waitForEditor(page, cellId);
  const cell = page.locator(cellSel(cellId));
  await cell.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  if (opts.keyboard) {
    await page.keyboard.type(code);
  } else {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), code);
    await page.keyboard.press("ControlOrMeta+v");
  }
  const got = await cellCode(page, cellId);
  if (got !== code) throw new Error(`cell ${cellId}: typed ${JSON.stringify(code)} but the editor has ${JSON.stringify(got)}`);
}

/** The code currently in a cell's editor. */
export async function cellCode(page: Page, cellId: string): Promise<string> {
  await waitForEditor(page, cellId);
  return page
    .locator(cellSel(cellId))
    .locator('[data-testid="monaco-host"]')
    .evaluate((el) => (el as unknown as { bertLabEditor: { getValue(): string } }).bertLabEditor.getValue());
}

export type CellStatus = "never" | "queued" | "running" | "ok" | "error" | "stopped";

export async function cellStatus(page: Page, cellId: string): Promise<CellStatus> {
  return (await page.locator(cellSel(cellId)).getAttribute("data-status")) as CellStatus;
}

/** Waits for a cell to reach one of the given states. */
export async function waitForStatus(page: Page, cellId: string, states: CellStatus[], timeout = 120_000): Promise<CellStatus> {
  const sel = states.map((s) => `${cellSel(cellId)}[data-status="${s}"]`).join(", ");
  await page.locator(sel).waitFor({ state: "attached", timeout });
  return cellStatus(page, cellId);
}

/** Clicks 실행 (or presses Shift+Enter in the editor with `viaKeyboard`) and waits for the end. */
export async function runCell(page: Page, cellId: string, opts: { viaKeyboard?: boolean; timeout?: number } = {}): Promise<CellStatus> {
  const cell = page.locator(cellSel(cellId));
  await cell.scrollIntoViewIfNeeded();
  if (opts.viaKeyboard) {
    await waitForEditor(page, cellId);
    await cell.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Shift+Enter");
  } else {
    await cell.locator("button.btn-run").click();
  }
  await waitForStatus(page, cellId, ["running", "ok", "error", "stopped"], 30_000);
  return waitForStatus(page, cellId, ["ok", "error", "stopped"], opts.timeout ?? 120_000);
}

/**
 * Clicks the kernel bar's 모두 실행 and waits for every cell of the page to end; each must end "ok" (the message names
 * the cell and its output). Returns the cell ids in page order.
 */
export async function runAllCells(page: Page, label: string, timeout = 30 * 60_000): Promise<string[]> {
  await page.getByRole("button", { name: "모두 실행" }).click();
  const ids = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId!));
  for (const id of ids) {
    await waitForStatus(page, id, ["ok", "error", "stopped"], timeout);
    assert.equal(await cellStatus(page, id), "ok", `${label}#${id}: ${await cellOutputText(page, id)}`);
  }
  return ids;
}

/** All text in a cell's output area. */
export async function cellOutputText(page: Page, cellId: string): Promise<string> {
  const out = page.locator(cellSel(cellId)).locator('[data-testid="cell-output"]');
  if ((await out.count()) === 0) return "";
  return out.innerText();
}

/** The tfjs backend shown for the cell's last run. */
export async function cellBackend(page: Page, cellId: string): Promise<string | null> {
  const b = page.locator(cellSel(cellId)).locator('[data-testid="cell-backend"]');
  return (await b.count()) ? b.innerText() : null;
}

export function outputPath(name: string): string {
  fs.mkdirSync(TEST_OUTPUT, { recursive: true });
  return path.join(TEST_OUTPUT, name);
}

export interface KernelRun {
  ok: boolean;
  stopped: boolean;
  backend: string;
  ms: number;
  /** Output items as the kernel sent them (see lib/cells/protocol.ts OutputItem). */
  items: { kind: string; text?: string; message?: string; where?: { line: number } }[];
  /** Text of text/tensor/error items, one per line: handy for asserts. */
  text: string;
  /** The kernel's backend note, when this was its first run (kept out of items and text). */
  note?: string;
}

/**
 * Runs code in the chapter kernel of an open page, without a cell in the page: for engine tests
 * that need a real browser (backends, model loading). Same globals as cells (tf, engine, show…).
 *
 *   const r = await runInKernel(page, "await setBackend('webgl'); const g = tf.grad(x => x.square())(tf.scalar(3)); (await g.data())[0]");
 *   assert.equal(r.text, "6");
 */
export async function runInKernel(page: Page, source: string, opts: { timeout?: number } = {}): Promise<KernelRun> {
  await page.waitForFunction(() => !!(window as unknown as { __bertLabKernel?: unknown }).__bertLabKernel, undefined, { timeout: 30_000 });
  // Plain JS text: tsx would wrap functions written here in helpers that do not exist in the page.
  return page.evaluate(([fn, arg]) => (0, eval)(fn as string)(arg), [IN_PAGE_RUN, { source, timeout: opts.timeout ?? 120_000 }] as const) as Promise<KernelRun>;
}

const IN_PAGE_RUN = `async ({ source, timeout }) => new Promise((resolve, reject) => {
  const kernel = window.__bertLabKernel;
  const items = [];
  const timer = setTimeout(() => reject(new Error("runInKernel: no result after " + timeout + " ms")), timeout);
  kernel.run("__test__", source, {
    onOutput(it) { items.push(it); },
    onReplace(it) { const i = items.findIndex((x) => x.id === it.id); if (i >= 0) items[i] = it; },
    onAppend() {},
    onDone(r) {
      clearTimeout(timer);
      // The kernel's one-time backend note is not this code's output.
      const own = items.filter((it) => it.role !== "backend-note");
      const text = own.map((it) => (it.kind === "error" ? it.message : it.text || "")).filter(Boolean).join("\\n");
      const note = items.find((it) => it.role === "backend-note");
      resolve({ ok: r.ok, stopped: !!r.stopped, backend: r.backend, ms: r.ms, items: own, text, note: note ? note.text : undefined });
    },
  });
})`;
