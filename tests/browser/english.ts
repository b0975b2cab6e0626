// Finds English sentences on a page's screen (issue #28: the reader is Korean). Runs inside the page
// (page.evaluate(findEnglish, allowlist)), so it is one self-contained function.
//
// What counts:
// - Text is read per block: the visible text nodes under one block-level element (display not inline), joined in
//   order; an exempt element in between ends the run.
// - Exempt (English may stand there): code (pre, code, kbd, samp, the Monaco editor, the static highlighted code
//   `.static-code`), but not a cell's error message (`.out-error pre`); anything inside a <details> toggle except
//   its <summary>; paper titles: <cite> and links to a paper (href on arxiv.org, aclanthology.org, doi.org,
//   openreview.net); script/style; text the reader cannot see (checkVisibility).
// - An English word: letters only (an apostrophe inside allowed), after stripping the punctuation around it,
//   with no capital after its first letter. So acronyms and names of things (WASM, GPU, BERT, [CLS], WebGPU,
//   BertForMaskedLM), numbers, units with digits, file names and hyphenated ids (bert-base-uncased) are not words.
// - An English sentence: 3 or more English words in a row (a token with Hangul, digits or other marks breaks the
//   row) with at least 12 letters in all. "Noto Sans" or "Integrated Gradients" are not sentences; "This page could
//   not be found." and "the connection broke after" are. A run that is two English words and nothing else, with at
//   least 10 letters ("Unexpected token"), is one too.
// - Also read: document.title and the visible `placeholder`, `title` and `aria-label` attributes.
// - A sentence equal to a line of tests/browser/english-allowlist.txt is allowed.

export interface EnglishHit {
  /** The English words in a row. */
  sentence: string;
  /** The whole run of text they were found in (cut to 200 characters). */
  text: string;
  /** Where: tag, id and classes of the block, up to three levels. */
  where: string;
}

export function findEnglish(allow: string[]): EnglishHit[] {
  const EXEMPT = [
    "script", "style", "noscript", "template", "pre", "code", "kbd", "samp", ".monaco-editor", ".static-code", "cite",
    'a[href*="arxiv.org"]', 'a[href*="aclanthology.org"]', 'a[href*="doi.org"]', 'a[href*="openreview.net"]',
  ].join(",");
  const allowed = new Set(allow);
  const hits: EnglishHit[] = [];

  const exempt = (el: Element): boolean => {
    // A cell's error message is in a <pre> too, but it is the reader's screen, not code.
    if (el.closest(EXEMPT) && !(el.closest(".out-error") && !el.closest("code"))) return true;
    const d = el.closest("details");
    if (d && !el.closest("summary")) return true;
    return !el.checkVisibility({ visibilityProperty: true });
  };
  const describe = (el: Element | null): string => {
    const parts: string[] = [];
    for (let e = el, i = 0; e && e !== document.body && i < 3; e = e.parentElement, i++) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + [...e.classList].slice(0, 2).map((c) => `.${c}`).join(""));
    }
    return parts.join(" > ");
  };
  const check = (text: string, where: string) => {
    const words = text.trim().split(/\s+/);
    // A line that is English and nothing else ("Unexpected token"): two words are enough.
    const isWord = (raw: string) => /^[A-Za-z][a-z]*(?:'[a-z]+)?$/.test(raw.replace(/^[("'“‘[]+/, "").replace(/[)"'”’\].,:;!?]+$/, ""));
    if (words.length === 2 && words.every(isWord) && words.join("").length >= 10 && !allowed.has(words.join(" "))) {
      hits.push({ sentence: words.join(" "), text: text.trim(), where });
    }
    let row: string[] = [];
    const flush = () => {
      const letters = row.join("").replace(/[^A-Za-z]/g, "").length;
      if (row.length >= 3 && letters >= 12) {
        const sentence = row.join(" ");
        if (!allowed.has(sentence)) hits.push({ sentence, text: text.trim().slice(0, 200), where });
      }
      row = [];
    };
    for (const raw of words) {
      const w = raw.replace(/^[("'“‘[]+/, "").replace(/[)"'”’\].,:;!?]+$/, "");
      const english = /^[A-Za-z][a-z]*(?:'[a-z]+)?$/.test(w);
      if (english) row.push(w);
      else flush();
      // A sentence ends at its full stop: "Done. Next" are two runs.
      if (english && /[.!?:;]$/.test(raw)) flush();
    }
    flush();
  };

  const blockOf = (el: Element): Element => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      if (!getComputedStyle(e).display.startsWith("inline")) return e;
    }
    return document.body;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let block: Element | null = null;
  let run = "";
  const flushRun = () => {
    if (run.trim()) check(run, describe(block));
    run = "";
  };
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim()) continue;
    if (exempt(el)) {
      flushRun();
      continue;
    }
    const b = blockOf(el);
    if (b !== block) {
      flushRun();
      block = b;
    }
    run += n.textContent + " ";
  }
  flushRun();

  check(document.title, "document.title");
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label]")) {
    if (exempt(el) || el.closest("svg title")) continue;
    for (const a of ["placeholder", "title", "aria-label"]) {
      const v = el.getAttribute(a);
      if (v) check(v, `${describe(el)} [${a}]`);
    }
  }
  return hits;
}
