// Reloads under the service worker that isolates the page on a host without COOP/COEP headers (issue #28): every
// reload, soft or hard, ends in a cross-origin isolated page with its load event and a clean URL, and a browser where
// the worker does not isolate never reloads in a loop. Before the fix, a reload started by the browser (CDP
// Page.reload, as Playwright's page.reload sends) brought back the page's first, unisolated document from the
// back/forward cache: no load event, data-coi "pending", one WASM thread; and a hard reload could read a reload flag
// the isolated page had removed, and give up (public/coi-register.js says why).
// A hard reload is CDP Page.reload with ignoreCache, which skips the worker (checked below: its document does not come
// from the worker); Shift+F5 from page.keyboard does nothing in headless Chromium. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CDPSession, Page, Response } from "playwright-core";
import { startSite, type Site } from "./harness";

const PATH = "/learn/cells";   // a light page; no cell runs
const LOAD_MS = 10_000;        // against hangs, not a speed limit
const NOTE = "bert-lab:coi-reload";   // sessionStorage: a trip through the worker came back unisolated
let site: Site;
before(async () => { site = await startSite({ isolation: false, serviceWorkers: "allow" }); });
after(async () => { await site?.close(); });

interface Outcome {
  ok: boolean;
  /** Reload start to the final document's load event end (ms), or what the page looked like when it hung. */
  ms?: number;
  why?: string;
  /** Main-frame documents the reload fetched, in order: true where the service worker answered. */
  docs: boolean[];
}

/** The page's state, for failure messages. */
const pageState = (page: Page) => page.evaluate((NOTE) => JSON.stringify({
  coi: document.documentElement.dataset.coi, reason: document.documentElement.dataset.coiReason, isolated: crossOriginIsolated,
  controlled: !!navigator.serviceWorker.controller, note: sessionStorage.getItem(NOTE), readyState: document.readyState, url: location.href,
}), NOTE).catch((e: Error) => `(no state: ${e.message})`);

/** The document's load event has ended, and it is newer than the one reload() marked. */
const loadedSinceMark = (page: Page, isolated: boolean, timeout = LOAD_MS) => page.waitForFunction((iso) => {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return !(window as { __reloadMark?: true }).__reloadMark && crossOriginIsolated === iso && !!nav && nav.loadEventEnd > 0;
}, isolated, { timeout });

/** When the current document's load event ended, on this machine's clock (ms since the epoch). */
const loadEnd = (page: Page) => page.evaluate(() => performance.timeOrigin + (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);

/**
 * One reload as a reader does it: soft (Playwright's page.reload, waiting for load) or hard (Page.reload ignoring
 * the cache). It ends isolated by the worker (or, with `isolated: false`, in a tab where the worker cannot isolate).
 */
async function reload(page: Page, cdp: CDPSession, hard: boolean, isolated = true): Promise<Outcome> {
  const url = await page.evaluate(() => location.href);
  const docs: boolean[] = [];
  const onResponse = (r: Response) => {
    const q = r.request();
    if (q.isNavigationRequest() && !q.frame().parentFrame() && !q.serviceWorker()) docs.push(r.fromServiceWorker());
  };
  page.on("response", onResponse);
  try {
    await page.evaluate(() => { (window as { __reloadMark?: true }).__reloadMark = true; });
    const t0 = Date.now();
    try {
      if (hard) await cdp.send("Page.reload", { ignoreCache: true });
      else await page.reload({ waitUntil: "load", timeout: LOAD_MS });
      // A hard reload's first document is not isolated and goes again through the worker: wait for the last one.
      await loadedSinceMark(page, isolated, Math.max(1, LOAD_MS - (Date.now() - t0)));
    } catch (e) {
      return { ok: false, why: `${(e as Error).message.split("\n")[0]}; page: ${await pageState(page)}`, docs };
    }
    const ms = Math.round((await loadEnd(page)) - t0);
    const coi = await page.evaluate(() => document.documentElement.dataset.coi);
    const want = isolated ? "sw" : "off";
    if (coi !== want) return { ok: false, ms, why: `data-coi ${coi}, not ${want}; page: ${await pageState(page)}`, docs };
    // The URL the reader reloaded, without the trip's marker (in the document and in the history entry).
    const now = await page.evaluate(() => location.href);
    if (now !== url) return { ok: false, ms, why: `URL ${now}, not ${url}`, docs };
    return { ok: true, ms, docs };
  } finally {
    page.off("response", onResponse);
  }
}

/** A fresh tab on PATH once the worker has taken over (the page reloaded itself once and is isolated). */
async function isolatedTab(hash = ""): Promise<{ page: Page; cdp: CDPSession; close: () => Promise<void> }> {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url + PATH + hash, { waitUntil: "load" });
  await page.waitForFunction(() => document.documentElement.dataset.coi === "sw" && crossOriginIsolated
    && (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd > 0, undefined, { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function summary(label: string, outcomes: Outcome[]): string {
  const ms = outcomes.filter((o) => o.ok).map((o) => o.ms!);
  return `# ${label}: ${outcomes.filter((o) => !o.ok).length}/${outcomes.length} failed; load ${ms.length ? `median ${median(ms)} ms, max ${Math.max(...ms)} ms` : "never"}`;
}
const failures = (outcomes: Outcome[]) => outcomes.map((o, i) => (o.ok ? null : `#${i}: ${o.why} docs=${JSON.stringify(o.docs)}`)).filter((x) => x !== null);

describe("reloads under the isolating service worker (no COOP/COEP headers)", () => {
  test("20 fresh tabs, each reloaded once just after the worker took over: load event, isolated, data-coi=sw", { timeout: 10 * 60_000 }, async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 20; i++) {
      const tab = await isolatedTab();
      const o = await reload(tab.page, tab.cdp, false);
      // One document, from the worker: not the old one from the back/forward cache, not a second trip.
      if (o.ok && JSON.stringify(o.docs) !== "[true]") Object.assign(o, { ok: false, why: "documents fetched" });
      outcomes.push(o);
      await tab.close();
    }
    console.log(summary("fresh tabs, one soft reload each", outcomes));
    assert.deepEqual(failures(outcomes), []);
  });

  test("one tab, 20 reloads in a row, soft and hard alternating: each ends isolated with its load event", { timeout: 10 * 60_000 }, async () => {
    const tab = await isolatedTab();
    const soft: Outcome[] = [];
    const hard: Outcome[] = [];
    for (let i = 0; i < 20; i++) {
      const isHard = i % 2 === 1;
      const o = await reload(tab.page, tab.cdp, isHard);
      // Soft: the worker answers the one document. Hard: the first document skips the worker (that is what a hard
      // reload does), and the page loads once more through it.
      const want = isHard ? "[false,true]" : "[true]";
      if (o.ok && JSON.stringify(o.docs) !== want) Object.assign(o, { ok: false, why: `documents fetched, want ${want}` });
      (isHard ? hard : soft).push(o);
    }
    console.log(summary("one tab, soft reloads", soft));
    console.log(summary("one tab, hard reloads", hard));
    assert.deepEqual({ soft: failures(soft), hard: failures(hard) }, { soft: [], hard: [] });
    assert.equal(await tab.page.evaluate((k) => sessionStorage.getItem(k), NOTE), null, "no note that the worker failed");
    await tab.close();
  });

  test("a URL with a #fragment: the trip through the worker keeps it, and reloads end isolated too", { timeout: 5 * 60_000 }, async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 4; i++) {
      const tab = await isolatedTab("#hello");
      assert.equal(await tab.page.evaluate(() => location.hash), "#hello");
      outcomes.push(await reload(tab.page, tab.cdp, false), await reload(tab.page, tab.cdp, true));
      await tab.close();
    }
    console.log(summary("#fragment, soft then hard", outcomes));
    assert.deepEqual(failures(outcomes), []);
  });

  test("a browser where the worker does not isolate: reloads, soft or hard, stay data-coi=off and never loop", { timeout: 5 * 60_000 }, async () => {
    // The worker registers and activates, but the browser never sends the page through it (DevTools' "Bypass for
    // network"): the page reloads once for it, is still not isolated, and the note in sessionStorage stops it there and on every reload after.
    const context = await site.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setBypassServiceWorker", { bypass: true });
    await page.goto(site.url + PATH, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.coi === "off", undefined, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.coiReason), "reloaded");
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 6; i++) {
      const o = await reload(page, cdp, i % 2 === 1, false);
      if (o.ok && JSON.stringify(o.docs) !== "[false]") Object.assign(o, { ok: false, why: "documents fetched" });
      outcomes.push(o);
    }
    await page.waitForTimeout(1_000);   // time for a reload that must not come
    const end = JSON.parse(await pageState(page)) as { coi: string; reason: string; isolated: boolean; note: string | null; url: string };
    assert.deepEqual(end, { ...end, coi: "off", reason: "reloaded", isolated: false, url: site.url + PATH });
    assert.ok(end.note, "the note that the worker did not isolate stays");
    console.log(summary("worker bypassed, soft and hard", outcomes));
    assert.deepEqual(failures(outcomes), []);
    await context.close();
  });
});
