// The text a reader sees, pulled out of the site's sources for term checks (content/glossary.json):
// MDX prose (inline code, link targets, URLs and comments dropped), and in TypeScript (cells' code in MDX,
// components, lib/cells) the string literals, template text and JSX text: what gets printed or drawn.
// Identifiers, comments and import paths are not reader text, so `logits` or `// 라벨` never count.
import ts from "typescript";

export interface TextUnit {
  /** file:line */
  where: string;
  text: string;
}

const URL = /\bhttps?:\/\/[^\s)"'`<>]+/g;

/** String literals, template pieces and JSX text of TypeScript/TSX source, each with its line. */
export function codeTexts(source: string, file: string, lineOffset = 0, tsx = true): TextUnit[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: TextUnit[] = [];
  const add = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 + lineOffset;
    const t = text.replace(URL, " ").trim();
    if (t) out.push({ where: `${file}:${line}`, text: t });
  };
  const visit = (node: ts.Node) => {
    // Import/export paths are module names, not text.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) add(node, node.text);
    else if (ts.isJsxText(node)) add(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** An MDX chapter's reader text: prose lines, plus the literals of its ts/tsx/js code blocks (cells). */
export function mdxTexts(source: string, file: string): TextUnit[] {
  const out: TextUnit[] = [];
  const lines = source.split("\n");
  let fence: { lang: string; start: number; body: string[] } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      if (open && !open[2]) {
        // Code blocks in a cell's language print their strings; other languages (Python, shell) are code to read.
        if (/^(ts|tsx|js|jsx|typescript|javascript)$/.test(fence.lang)) out.push(...codeTexts(fence.body.join("\n"), file, fence.start + 1));
        fence = null;
      } else fence.body.push(line);
      continue;
    }
    if (open) {
      fence = { lang: open[2], start: i, body: [] };
      continue;
    }
    if (/^(import|export)\s/.test(line) && !/^export const meta/.test(line)) continue;
    const text = line
      .replace(/\{\/\*.*?\*\/\}/g, " ") // MDX comments
      .replace(/<!--.*?-->/g, " ")
      .replace(/`[^`]*`/g, " ") // inline code
      .replace(/\]\([^)]*\)/g, "] ") // link targets
      .replace(URL, " ")
      .trim();
    if (text) out.push({ where: `${file}:${i + 1}`, text });
  }
  return out;
}

export interface TermRule {
  id: string;
  banned: string[];
  bannedPatterns?: string[];
  /** Apply the rule only to a text that has Hangul in it (Korean prose, not an English label). */
  onlyWithHangul?: boolean;
  /** Whole texts that are allowed as they are (e.g. the Callout label "주의"). */
  allowedTexts?: string[];
}

export interface TermHit {
  where: string;
  term: string;
  variant: string;
  text: string;
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** Every banned variant of every rule in the given texts. */
export function findBanned(units: TextUnit[], rules: TermRule[]): TermHit[] {
  const hits: TermHit[] = [];
  for (const r of rules) {
    const patterns = [
      ...r.banned.map((b) => new RegExp(b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu")),
      ...(r.bannedPatterns ?? []).map((p) => new RegExp(p, "gu")),
    ];
    for (const u of units) {
      if (r.onlyWithHangul && !HANGUL.test(u.text)) continue;
      if (r.allowedTexts?.includes(u.text)) continue;
      for (const re of patterns) for (const m of u.text.matchAll(re)) hits.push({ where: u.where, term: r.id, variant: m[0], text: u.text.slice(0, 120) });
    }
  }
  return hits;
}
