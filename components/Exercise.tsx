// An exercise: the task, a scratch cell under it, and a hidden solution that one click copies into that cell.
// Works without JavaScript (<details>); the cell and the copy button need it.
//
//   <Exercise id="sum-squares" title="제곱의 합">
//   1부터 10까지 … `sumOfSquares`에 넣으세요.
//   <Cell id="ex-sum-squares">
//   ```ts
//   const sumOfSquares = 0;   // ← 여기를 고치세요
//   await show.check("sum-squares", sumOfSquares);
//   ```
//   </Cell>
//   <Solution>
//   ```ts
//   …
//   ```
//   </Solution>
//   </Exercise>
//
// The check behind show.check("sum-squares", …) lives in lib/cells/exercises. <Think> is a question nothing can
// check ("생각해 보기"): a model answer, no ✔.
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { FillCellButton } from "./FillCellButton";
import { textOf } from "./node-text";

/** The first fenced code block's text (a <code className="language-…"> inside the block). */
function firstCode(node: ReactNode): string | null {
  let found: string | null = null;
  const walk = (n: ReactNode) => {
    if (found !== null || n == null || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (!isValidElement(n)) return;
    const p = n.props as { className?: string; children?: ReactNode };
    if (typeof p.className === "string" && /language-/.test(p.className)) found = textOf(p.children).replace(/\n+$/, "");
    else walk(p.children);
  };
  walk(node);
  return found;
}

export function Exercise({ id, title = "문제", children }: { id?: string; title?: string; children: ReactNode }) {
  const cell = id ? `ex-${id}` : undefined;
  // The solution learns which scratch cell its copy button fills.
  const body = Children.map(children, (child) =>
    cell && isValidElement(child) && child.type === Solution ? cloneElement(child as ReactElement<SolutionProps>, { cell }) : child,
  );
  return (
    <div className="exercise" id={id ? `ex-${id}` : undefined} data-exercise={id}>
      <div className="exercise-title">{title}</div>
      <div className="exercise-body">{body}</div>
    </div>
  );
}

interface SolutionProps { title?: string; cell?: string; children: ReactNode }

export function Solution({ title = "풀이 보기", cell, children }: SolutionProps) {
  const code = cell ? firstCode(children) : null;
  return (
    <details className="solution">
      <summary>{title}</summary>
      <div className="solution-body">
        {cell && code ? <FillCellButton cell={cell} code={code} /> : null}
        {children}
      </div>
    </details>
  );
}

/** A question to think about: a model answer under a toggle, nothing to check. */
export function Think({ id, title, children }: { id?: string; title: string; children: ReactNode }) {
  return (
    <div className="exercise think" id={id ? `think-${id}` : undefined}>
      <div className="exercise-title">{title}</div>
      <div className="exercise-body">{children}</div>
    </div>
  );
}
