"use client";
// Shown above a cell whose saved edit was made from other code than the chapter has now: take the new code,
// look at the difference, or keep the edit.
import { useMemo, useState } from "react";
import { diffLines } from "diff";

export function StaleEdit({ kind, mine, original, onTakeNew, onKeep }: {
  kind: "changed" | "unknown";
  mine: string;
  original: string;
  onTakeNew(): void;
  onKeep(): void;
}) {
  const [open, setOpen] = useState(false);
  const parts = useMemo(() => (open ? diffLines(mine, original) : []), [open, mine, original]);
  return (
    <div className="cell-stale" role="status" data-testid="stale-edit">
      <p>
        {kind === "changed"
          ? "이 장의 코드가 바뀌었습니다. 이 셀에는 예전 코드를 고친 내 수정본이 저장되어 있습니다."
          : "이 셀에는 예전에 저장한 내 수정본이 있습니다. 그 뒤에 이 장의 코드가 바뀌었을 수 있습니다."}
      </p>
      <div className="cell-stale-actions">
        <button type="button" className="btn" onClick={onTakeNew}>새 코드로 바꾸기</button>
        <button type="button" className="btn" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? "차이 숨기기" : "차이 보기"}
        </button>
        <button type="button" className="btn" onClick={onKeep}>내 수정 유지</button>
      </div>
      {open ? (
        <pre className="cell-diff" data-testid="stale-diff" aria-label="내 수정본(-)과 새 코드(+)의 차이">
          {parts.map((p, i) => (
            <span key={i} className={p.added ? "diff-add" : p.removed ? "diff-del" : "diff-same"}>
              {p.value.replace(/\n$/, "").split("\n").map((l) => `${p.added ? "+ " : p.removed ? "- " : "  "}${l}`).join("\n") + "\n"}
            </span>
          ))}
        </pre>
      ) : null}
    </div>
  );
}
