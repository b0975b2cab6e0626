// Turns the TypeScript of one notebook cell into JavaScript the kernel can evaluate.
//
// Notebook semantics: every top-level `const`/`let`/`var`/`function`/`class`/`import` of a cell
// becomes a global of the kernel (the Web Worker's global object), so the next cell can use it,
// and running a cell again simply re-assigns. We do this by rewriting declarations into
// assignments (`const x = 1` → `(x = 1)`); the kernel first defines each declared name as a
// writable own property of the worker's global object, so even names that clash with a
// read-only worker global (`name`, `location`) work.
//
// The cell body is wrapped in an async function (top-level `await` works) and evaluated with a
// `//# sourceURL=` so a runtime error's stack names the cell and the line. Sucrase and the edits
// below never add or remove a newline, so line N of the output is line N of the reader's code.
import { transform as sucrase } from "sucrase";
import { parse, type Node } from "acorn";

/** Modules a cell may `import` from; the kernel supplies their values. */
export const IMPORTABLE = ["@tensorflow/tfjs", "@/lib", "bert-lab"] as const;

export interface CompiledCell {
  /** An expression that evaluates to `async (__k) => { ...cell... }`. */
  code: string;
  /** Names the cell declares at top level, in order; they become kernel globals. */
  declared: string[];
  /** True when the cell ends with a bare expression whose value the kernel should display. */
  returnsLast: boolean;
}

export interface CellSyntaxError {
  message: string;
  /** 1-based line in the reader's cell source. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type CompileResult = { ok: true; cell: CompiledCell } | { ok: false; error: CellSyntaxError };

/** The file name the cell's code gets in stack traces: the kernel maps it back to a cell. */
export function cellFileName(runId: number): string {
  return `bertlab-cell-${runId}.js`;
}

/** Finds `bertlab-cell-<runId>.js:<line>:<col>` frames in a stack trace, innermost first. */
export function cellFramesInStack(stack: string): { runId: number; line: number; column: number }[] {
  const out: { runId: number; line: number; column: number }[] = [];
  const re = /bertlab-cell-(\d+)\.js:(\d+):(\d+)/g;
  for (let m = re.exec(stack); m; m = re.exec(stack)) {
    out.push({ runId: Number(m[1]), line: Number(m[2]), column: Number(m[3]) });
  }
  return out;
}

interface Edit {
  at: number;
  /** How many characters of the source to replace (0 = insert). */
  del: number;
  text: string;
}

function applyEdits(src: string, edits: Edit[]): string {
  // Stable sort by position; inserts at the same position keep their order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  let out = "";
  let pos = 0;
  for (const { e } of sorted) {
    out += src.slice(pos, e.at) + e.text;
    pos = e.at + e.del;
  }
  return out + src.slice(pos);
}

/** Names bound by a destructuring pattern (or a plain identifier). */
function patternNames(p: Node, out: string[]): void {
  const n = p as Node & Record<string, unknown>;
  switch (p.type) {
    case "Identifier":
      out.push(n.name as string);
      break;
    case "ObjectPattern":
      for (const prop of n.properties as Node[]) {
        const pr = prop as Node & Record<string, unknown>;
        patternNames((prop.type === "RestElement" ? pr.argument : pr.value) as Node, out);
      }
      break;
    case "ArrayPattern":
      for (const el of n.elements as (Node | null)[]) if (el) patternNames(el, out);
      break;
    case "RestElement":
      patternNames(n.argument as Node, out);
      break;
    case "AssignmentPattern":
      patternNames(n.left as Node, out);
      break;
  }
}

type AnyNode = Node & Record<string, unknown>;

/** Compiles a cell. `runId` names the code for stack traces (see cellFileName). */
export function compileCell(source: string, runId: number): CompileResult {
  // 1. TypeScript → JavaScript, keeping lines.
  let js: string;
  try {
    js = sucrase(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    return {
      ok: false,
      error: {
        message: err.message.replace(/\s*\(\d+:\d+\)\s*$/, ""),
        line: err.loc?.line ?? 1,
        column: err.loc?.column ?? 1,
      },
    };
  }

  // 2. Parse the top level.
  let program: AnyNode;
  try {
    program = parse(js, {
      ecmaVersion: "latest",
      sourceType: "module",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: false,
      locations: true,
    }) as unknown as AnyNode;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    return {
      ok: false,
      error: {
        message: err.message.replace(/\s*\(\d+:\d+\)\s*$/, ""),
        line: err.loc?.line ?? 1,
        column: (err.loc?.column ?? 0) + 1,
      },
    };
  }

  const edits: Edit[] = [];
  const declared: string[] = [];
  const prelude: string[] = [];
  const declare = (names: string[]) => {
    for (const n of names) if (!declared.includes(n)) declared.push(n);
  };

  const body = program.body as AnyNode[];
  for (let i = 0; i < body.length; i++) {
    let stmt = body[i];
    if (stmt.type === "ExportNamedDeclaration" || stmt.type === "ExportDefaultDeclaration") {
      const decl = stmt.declaration as AnyNode | null;
      if (!decl || stmt.type === "ExportDefaultDeclaration") {
        return syntaxAt(stmt, "셀에서는 export를 쓸 수 없습니다. 선언만 하면 다음 셀에서 쓸 수 있어요.");
      }
      // Drop the `export ` keyword, then treat the declaration as usual.
      edits.push({ at: stmt.start, del: decl.start - stmt.start, text: "" });
      stmt = decl;
    }

    if (stmt.type === "VariableDeclaration") {
      const decls = stmt.declarations as AnyNode[];
      const names: string[] = [];
      for (const d of decls) patternNames(d.id as Node, names);
      declare(names);
      // `const a = 1, {b} = o;` → `;(a = 1, {b} = o);`  The leading `;` protects against the
      // previous line being continued as a call.
      edits.push({ at: stmt.start, del: decls[0].start - stmt.start, text: ";(" });
      for (const d of decls) {
        if (!d.init) edits.push({ at: (d.id as AnyNode).end, del: 0, text: " = void 0" });
      }
      const last = decls[decls.length - 1];
      edits.push({ at: last.end, del: stmt.end - last.end, text: ");" });
    } else if (stmt.type === "FunctionDeclaration") {
      // Keep the declaration (it hoists within the cell) and publish it at the start of the cell.
      const name = (stmt.id as AnyNode).name as string;
      declare([name]);
      prelude.push(`__k.g[${JSON.stringify(name)}] = ${name};`);
    } else if (stmt.type === "ClassDeclaration") {
      const name = (stmt.id as AnyNode).name as string;
      declare([name]);
      edits.push({ at: stmt.start, del: 0, text: `;${name} = ` });
      edits.push({ at: stmt.end, del: 0, text: ";" });
    } else if (stmt.type === "ImportDeclaration") {
      const src = (stmt.source as AnyNode).value as string;
      if (!(IMPORTABLE as readonly string[]).includes(src)) {
        return syntaxAt(
          stmt,
          `셀에서는 '${src}'를 import할 수 없습니다. 쓸 수 있는 모듈: ${IMPORTABLE.join(", ")} (tf, engine은 import 없이도 있습니다)`,
        );
      }
      const parts: string[] = [];
      const names: string[] = [];
      for (const s of stmt.specifiers as AnyNode[]) {
        const local = (s.local as AnyNode).name as string;
        names.push(local);
        const mod = `__k.require(${JSON.stringify(src)})`;
        if (s.type === "ImportNamespaceSpecifier") parts.push(`${local} = ${mod}`);
        else if (s.type === "ImportDefaultSpecifier") parts.push(`${local} = ${mod}.default ?? ${mod}`);
        else {
          const imported = s.imported as AnyNode;
          const key = imported.type === "Identifier" ? (imported.name as string) : String(imported.value);
          parts.push(`${local} = ${mod}[${JSON.stringify(key)}]`);
        }
      }
      declare(names);
      // Keep it on the same line(s): replace the statement text, then pad the newlines it had.
      const original = js.slice(stmt.start, stmt.end);
      const newlines = original.split("\n").length - 1;
      edits.push({
        at: stmt.start,
        del: stmt.end - stmt.start,
        text: (parts.length ? `;(${parts.join(", ")});` : ";") + "\n".repeat(newlines),
      });
    }
  }

  // 3. A cell that ends with a bare expression shows its value, like a notebook.
  let returnsLast = false;
  const lastStmt = body[body.length - 1];
  if (lastStmt && lastStmt.type === "ExpressionStatement") {
    const expr = lastStmt.expression as AnyNode;
    const silent =
      expr.type === "AssignmentExpression" ||
      expr.type === "UpdateExpression" ||
      (expr.type === "UnaryExpression" && expr.operator === "void") ||
      // A lone string is a directive to the parser, but a reader who writes "안녕" wants to see it; only
      // "use strict" stays silent.
      lastStmt.directive === "use strict";
    if (!silent) {
      returnsLast = true;
      edits.push({ at: expr.start, del: 0, text: "return (" });
      edits.push({ at: expr.end, del: 0, text: ")" });
    }
  }

  const out = applyEdits(js, edits);
  // No newline between `{` and the body: line 1 of the code is line 1 of the cell.
  const code = `(async function (__k) {${prelude.join(" ")}${out}\n})\n//# sourceURL=${cellFileName(runId)}`;
  return { ok: true, cell: { code, declared, returnsLast } };
}

function syntaxAt(node: AnyNode, message: string): CompileResult {
  const loc = node.loc as { start: { line: number; column: number } } | undefined;
  return { ok: false, error: { message, line: loc?.start.line ?? 1, column: (loc?.start.column ?? 0) + 1 } };
}
