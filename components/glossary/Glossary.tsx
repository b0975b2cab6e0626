// The glossary page (content/09-glossary.mdx): every term of content/glossary.json as a definition list, each
// linked to the chapter that introduces it, and the bibliography of content/references.json. A server
// component: the data is read at build time and nothing here runs in the browser.
import { listChapters } from "@/app/chapters";
import { REFERENCES, TERMS, authorLabel, referenceHref } from "./data";

export async function Glossary() {
  const chapters = new Map((await listChapters()).map((c) => [c.slug, c]));
  const terms = [...TERMS].sort((a, b) => a.ko.localeCompare(b.ko, "ko"));
  return (
    <dl className="glossary">
      {terms.map((t) => {
        const c = chapters.get(t.chapter);
        return (
          <div className="glossary-entry" id={`term-${t.id}`} key={t.id}>
            <dt>
              <span className="glossary-ko">{t.ko}</span>
              {/* The English name, for finding the term in papers and code; not repeated when it is the same word. */}
              {t.en !== t.ko ? <> <span className="glossary-en" lang="en">{t.en}</span></> : null}
            </dt>
            <dd>
              {t.definition}
              <span className="glossary-meta">
                {c ? (
                  <a href={`/learn/${c.slug}`}>
                    {String(c.order).padStart(2, "0")}장 {c.title}
                  </a>
                ) : null}
                {t.banned.length ? <> · 쓰지 않는 표기: {t.banned.join(", ")}</> : null}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Bibliography() {
  return (
    <ol className="references">
      {REFERENCES.map((r) => {
        const href = referenceHref(r);
        return (
          <li id={`ref-${r.id}`} key={r.id}>
            {authorLabel(r)} ({r.year}). <cite>{href ? <a href={href}>{r.title}</a> : r.title}</cite>.
            {/* A preprint's venue is arXiv itself: the id says so already. */}
            {r.venue !== "arXiv" ? <> {r.venue}.</> : null}
            {r.arxiv ? <> arXiv:{r.arxiv}</> : r.doi ? <> doi:{r.doi}</> : null}
          </li>
        );
      })}
    </ol>
  );
}
