// The glossary and references (content/glossary.json, content/references.json), typed, with the short
// author label a citation shows. Data only: the glossary page, <Cite> and tests/unit/glossary.test.ts read it.
import glossaryJson from "@/content/glossary.json";
import referencesJson from "@/content/references.json";

export interface Term {
  id: string;
  ko: string;
  en: string;
  /** One Korean line. */
  definition: string;
  /** Slug of the chapter that introduces the term. */
  chapter: string;
  /** Spellings that must not appear in reader text (tests/unit/glossary.test.ts). */
  banned: string[];
  bannedPatterns?: string[];
  onlyWithHangul?: boolean;
  allowedTexts?: string[];
  bannedContext?: string;
}

export interface Reference {
  id: string;
  authors: string[];
  year: number;
  title: string;
  venue: string;
  arxiv?: string;
  doi?: string;
  url?: string;
  /** Author label for a citation when the last word of the first author is not the family name. */
  short?: string;
}

export const TERMS: Term[] = glossaryJson as Term[];
export const REFERENCES: Reference[] = referencesJson as Reference[];

const family = (name: string) => name.split(" ").at(-1) ?? name;

/** "Vig", "Jain & Wallace", "Devlin 외": the author part of "(Devlin 외, 2019)". */
export function authorLabel(r: Reference): string {
  if (r.short) return r.short;
  if (r.authors.length === 1) return family(r.authors[0]);
  if (r.authors.length === 2) return `${family(r.authors[0])} & ${family(r.authors[1])}`;
  return `${family(r.authors[0])} 외`;
}

/** Where the paper lives: arXiv abstract, DOI, or the given URL. */
export function referenceHref(r: Reference): string | undefined {
  if (r.arxiv) return `https://arxiv.org/abs/${r.arxiv}`;
  if (r.doi) return `https://doi.org/${r.doi}`;
  return r.url;
}

export const GLOSSARY_PATH = "/learn/glossary";
