// A citation in a chapter: <Cite id="devlin2019" /> draws "(Devlin 외, 2019)", linked to the entry in the
// glossary page's bibliography; <Cite id="turc2019">Turc 외(2019)</Cite> links the given words instead.
// An unknown id fails the build here and tests/unit/glossary.test.ts before that.
import type { ReactNode } from "react";
import { GLOSSARY_PATH, REFERENCES, authorLabel } from "./data";

export function Cite({ id, children }: { id: string; children?: ReactNode }) {
  const r = REFERENCES.find((x) => x.id === id);
  if (!r) throw new Error(`<Cite id="${id}">: content/references.json에 없는 문헌입니다`);
  const link = (
    <a href={`${GLOSSARY_PATH}#ref-${r.id}`} title={r.title}>
      {children ?? `${authorLabel(r)}, ${r.year}`}
    </a>
  );
  // <cite>: a paper's name, which the site's English check (tests/browser/english.ts) lets stand.
  return <cite className="cite-ref">{children ? link : <>({link})</>}</cite>;
}
