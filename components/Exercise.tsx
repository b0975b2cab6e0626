// An exercise with a hidden solution. Works without JavaScript (<details>).
//
//   <Exercise title="연습: 두 배로">
//   아래 셀을 고쳐서 …
//   <Solution>
//   ```ts
//   …
//   ```
//   </Solution>
//   </Exercise>
import type { ReactNode } from "react";

export function Exercise({ title = "문제", children }: { title?: string; children: ReactNode }) {
  return (
    <div className="exercise">
      <div className="exercise-title">{title}</div>
      <div className="exercise-body">{children}</div>
    </div>
  );
}

export function Solution({ title = "풀이 보기", children }: { title?: string; children: ReactNode }) {
  return (
    <details className="solution">
      <summary>{title}</summary>
      <div className="solution-body">{children}</div>
    </details>
  );
}
