// Every figure (components/figures, `figure[data-figure]`) on every page, with JavaScript off, as the static HTML
// serves it: it is there, it has a Korean title, description and caption, it fits a 390 px phone and a 1280 px
// desktop without overflow, its smallest text is still readable where it is shown, and it weighs a few KB.
// Screenshots of each figure at both widths go to test-output/figures/. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { outputPath, ROOT, startSite, type Site } from "./harness";

const pages = [
  "/",
  ...fs
    .readdirSync(path.join(ROOT, "content"))
    .filter((f) => /^\d+-.*\.mdx$/.test(f))
    .sort()
    .map((f) => `/learn/${f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, "")}`),
];

/** The smallest text a reader must read, in CSS px, at the width it is shown. */
const MIN_TEXT_PX = 10.5;
const MAX_FIGURE_BYTES = 16 * 1024;

interface Seen { id: string; title: string; desc: string; caption: string; bytes: number; right: number; minText: number; texts: number }

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe("figures, with JavaScript off", () => {
  const found = new Map<string, string[]>();
  for (const width of [390, 1280]) {
    for (const url of pages) {
      test(`${url} at ${width} px`, async () => {
        const context = await site.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 }, isMobile: width < 500 });
        const page = await context.newPage();
        await page.goto(site.url + url, { waitUntil: "load" });
        const figs: Seen[] = await page.locator("figure[data-figure]").evaluateAll((els) =>
          els.map((fig) => {
            // The drawing shown at this width (a figure may carry a narrow and a wide one).
            const svg = [...fig.querySelectorAll("svg.fig-svg")].find((s) => getComputedStyle(s).display !== "none") as SVGSVGElement | undefined;
            const texts = svg ? [...svg.querySelectorAll("text")] : [];
            const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0;
            const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
            return {
              id: (fig as HTMLElement).dataset.figure!,
              title: svg?.querySelector("title")?.textContent ?? "",
              desc: svg?.querySelector("desc")?.textContent ?? "",
              caption: fig.querySelector("figcaption")?.textContent ?? "",
              bytes: new TextEncoder().encode(fig.outerHTML).length,
              right: svg ? svg.getBoundingClientRect().right : Infinity,
              minText: sizes.length ? Math.min(...sizes) : Infinity,
              texts: texts.length,
            };
          }),
        );
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        for (const f of figs) {
          const at = `${url} #fig-${f.id} at ${width} px`;
          assert.match(f.title, /[가-힣]/, `${at}: a Korean <title>`);
          assert.ok(f.desc.length >= 20, `${at}: a <desc> that says what the figure shows`);
          assert.match(f.caption, /[가-힣]/, `${at}: a Korean caption`);
          assert.ok(f.texts > 0, `${at}: labels drawn as text (found by text, read by the page's font)`);
          assert.ok(f.right <= width + 0.5, `${at}: the drawing ends at ${f.right.toFixed(0)} px, past the screen`);
          assert.ok(f.minText >= MIN_TEXT_PX, `${at}: smallest text ${f.minText.toFixed(1)} px (at least ${MIN_TEXT_PX})`);
          assert.ok(f.bytes <= MAX_FIGURE_BYTES, `${at}: ${f.bytes} bytes of HTML`);
          await page.locator(`#fig-${f.id}`).screenshot({ path: outputPath(`figures/${f.id}-${width}.png`) });
        }
        assert.ok(overflow <= 0, `${url} at ${width} px scrolls sideways by ${overflow} px`);
        found.set(`${url}@${width}`, figs.map((f) => f.id));
        if (figs.length) console.log(`# ${url} at ${width} px: ${figs.map((f) => `${f.id} (${(f.bytes / 1024).toFixed(1)} KB, text ≥ ${f.minText.toFixed(1)} px)`).join(", ")}`);
        await context.close();
      });
    }
  }

  test("figure ids are unique on the site", () => {
    const ids = pages.flatMap((u) => found.get(`${u}@390`) ?? []);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });
});
