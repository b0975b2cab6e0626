// Type-checks every code cell of the chapters with the TypeScript compiler, the way the kernel runs them.
//
// One virtual file per chapter, all in ONE ts.Program (the library's types are loaded once):
//
//   import * as tf from "@tensorflow/tfjs";            // the kernel's globals, typed from the real modules
//   import * as engine from "@/lib";                   // (a namespace import, so `engine.BertBatch` works as a type)
//   import { show } from "@/lib/cells/kernel/show";
//   declare function setBackend(name: string): Promise<string>;
//   declare function sleep(ms: number): Promise<void>;
//   {                                                  // cell 1
//   …cell 1's code…
//   {                                                  // cell 2: inside cell 1's block, so it sees cell 1's names
//   …cell 2's code…
//   }}                                                 // every block closed at the end
//
// Names a cell declares are therefore INFERRED from that cell, and every later cell sees them.
//
// Re-declarations: a later cell may declare a name an earlier cell declared (in the kernel that re-assigns the
// global). Each cell is a block nested in the previous cell's block, so the later declaration SHADOWS the earlier
// one from that cell on, with the type its own initializer gives, exactly what the reader sees from then on.
// (What the check cannot see: a function from an earlier cell that reads the name at run time gets the new value
// in the kernel but is checked against the old declaration. No chapter relies on that.)
//
// To fit the nesting: a cell's `import` statements move to the top of the file (the same line count stays in the
// cell, blanked), an `export` keyword is blanked (the kernel ignores it), and `var` becomes `let` (a `var` in a
// block would be hoisted to the file and clash with an earlier `var` of another type). Line N of a cell stays line
// N of its part of the virtual file, so every diagnostic maps back to "file:cell:line".
import path from "node:path";
import ts from "typescript";
import { extractCells, type ChapterCell } from "./extract";

export interface CellDiagnostic {
  /** The chapter file, e.g. "03-encoder.mdx" (as given to checkChapters). */
  file: string;
  /** The cell's id, or "(prelude)" for a problem outside any cell. */
  cell: string;
  /** 1-based line in the cell (0 for the prelude). */
  line: number;
  /** 1-based line in the .mdx file. */
  mdxLine: number;
  code: number;
  message: string;
}

/** "03-encoder.mdx:qkv:5 (mdx line 123): TS2345 Argument of type …". */
export function formatCellDiagnostic(d: CellDiagnostic): string {
  return `${d.file}:${d.cell}:${d.line} (mdx line ${d.mdxLine}): TS${d.code} ${d.message}`;
}

const PRELUDE = [
  'import * as tf from "@tensorflow/tfjs";',
  'import * as engine from "@/lib";',
  'import { show } from "@/lib/cells/kernel/show";',
  "declare function setBackend(name: string): Promise<string>;",
  "declare function sleep(ms: number): Promise<void>;",
];

interface Segment {
  cell: ChapterCell;
  /** 0-based line of the virtual file where the cell's first line is. */
  start: number;
  lines: number;
}

interface Virtual {
  file: string;
  text: string;
  segments: Segment[];
  /** Hoisted imports: virtual line → the cell and line they came from. */
  hoisted: Map<number, { cell: ChapterCell; line: number }>;
}

/** Blanks a range of the source, keeping newlines (so lines and columns stay where they were). */
function blank(src: string, from: number, to: number): string {
  return src.slice(0, from) + src.slice(from, to).replace(/[^\n]/g, " ") + src.slice(to);
}

/** Moves imports out of a cell, blanks `export`, turns top-level `var` into `let`. */
function fitCell(code: string): { code: string; imports: { text: string; line: number }[] } {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: { text: string; line: number }[] = [];
  const edits: { from: number; to: number; text?: string }[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) {
      imports.push({ text: st.getText(sf).replace(/\s*\n\s*/g, " "), line: sf.getLineAndCharacterOfPosition(st.getStart(sf)).line });
      edits.push({ from: st.getStart(sf), to: st.getEnd() });
      continue;
    }
    for (const m of ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : []) {
      if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword) edits.push({ from: m.getStart(sf), to: m.getEnd() });
    }
    if (ts.isVariableStatement(st) && !(st.declarationList.flags & ts.NodeFlags.BlockScoped)) {
      const at = st.declarationList.getStart(sf);
      if (code.startsWith("var", at)) edits.push({ from: at, to: at + 3, text: "let" });
    }
  }
  let out = code;
  for (const e of edits.sort((a, b) => b.from - a.from)) {
    out = e.text === undefined ? blank(out, e.from, e.to) : out.slice(0, e.from) + e.text + out.slice(e.to);
  }
  return { code: out, imports };
}

function virtualFile(file: string, cells: ChapterCell[]): Virtual {
  const head = [...PRELUDE];
  const body: string[] = [];
  const segments: Segment[] = [];
  const pendingImports: { text: string; cell: ChapterCell; line: number }[] = [];
  for (const cell of cells) {
    const fitted = fitCell(cell.code);
    for (const im of fitted.imports) pendingImports.push({ text: im.text, cell, line: im.line + 1 });
    body.push("{");
    const lines = fitted.code.split("\n");
    segments.push({ cell, start: body.length, lines: lines.length });
    body.push(...lines);
  }
  body.push("}".repeat(cells.length));
  const hoisted = new Map<number, { cell: ChapterCell; line: number }>();
  for (const im of pendingImports) {
    hoisted.set(head.length, { cell: im.cell, line: im.line });
    head.push(im.text);
  }
  for (const s of segments) s.start += head.length;
  return { file, text: [...head, ...body].join("\n") + "\n", segments, hoisted };
}

/**
 * The repo's compiler options (tsconfig.json, strict), plus what the kernel adds: `import … from "bert-lab"`.
 * `types: []`: no ambient @types packages (Node's above all): cells run in a Web Worker. Also halves the time.
 */
function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const options = { ...parsed.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined, plugins: undefined };
  options.types = [];
  options.paths = { ...options.paths, "bert-lab": ["./lib/index.ts"] };
  return options;
}

/** A chapter to check: its file name (e.g. "03-encoder.mdx", used in messages) and its MDX source. */
export interface ChapterSource {
  file: string;
  source: string;
}

/**
 * Type-checks the cells of the given chapters in one Program; `root` is the repo (its tsconfig.json, lib/, node_modules).
 * Returns every diagnostic, mapped to chapter/cell/line, the number of cells and how long it took.
 */
export function checkChapters(chapters: ChapterSource[], root: string): { diagnostics: CellDiagnostic[]; cells: number; ms: number } {
  const t0 = performance.now();
  const options = compilerOptions(root);
  // Virtual files sit in the repo so "@/lib" and node_modules resolve as for the site (nothing is written).
  const virtuals = new Map<string, Virtual>();
  let cells = 0;
  for (const { file, source } of chapters) {
    const chapterCells = extractCells(source, file);
    cells += chapterCells.length;
    virtuals.set(path.join(root, ".cells-typecheck", file.replace(/\.mdx$/, "") + ".ts"), virtualFile(file, chapterCells));
  }
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, lang, onError, shouldCreate) => {
    const v = virtuals.get(path.resolve(fileName));
    return v ? ts.createSourceFile(fileName, v.text, lang, true, ts.ScriptKind.TS) : getSourceFile(fileName, lang, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtuals.has(path.resolve(f)) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => virtuals.get(path.resolve(f))?.text ?? readFile(f);

  const program = ts.createProgram({ rootNames: [...virtuals.keys()], options, host });
  const diagnostics: CellDiagnostic[] = [];
  for (const global of program.getGlobalDiagnostics()) {
    diagnostics.push({ file: "(program)", cell: "(prelude)", line: 0, mdxLine: 0, code: global.code, message: ts.flattenDiagnosticMessageText(global.messageText, "\n") });
  }
  for (const [vpath, v] of virtuals) {
    const sf = program.getSourceFile(vpath)!;
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const line = d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line;
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const seg = v.segments.find((s) => line >= s.start && line < s.start + s.lines);
      const im = v.hoisted.get(line);
      if (seg) {
        const inCell = line - seg.start + 1;
        diagnostics.push({ file: v.file, cell: seg.cell.id, line: inCell, mdxLine: seg.cell.line + inCell - 1, code: d.code, message });
      } else if (im) {
        diagnostics.push({ file: v.file, cell: im.cell.id, line: im.line, mdxLine: im.cell.line + im.line - 1, code: d.code, message });
      } else {
        diagnostics.push({ file: v.file, cell: "(prelude)", line: 0, mdxLine: 0, code: d.code, message: `${message}\n(virtual line ${line + 1}: ${v.text.split("\n")[line]})` });
      }
    }
  }
  return { diagnostics, cells, ms: performance.now() - t0 };
}
