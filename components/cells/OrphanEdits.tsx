"use client";
// A reader's saved edit of a cell the chapter no longer has (the cell was removed or renamed): said at the top
// of the chapter, with the code to copy, instead of the edit silently disappearing. Removing it is the reader's call.
import { useEffect, useState } from "react";
import { migrateRenamedSlugs, orphanEdits, type OrphanEdit } from "@/lib/cells/migrate";
import { clearCell } from "@/lib/cells/storage";
import { useKernel } from "./KernelProvider";

export function OrphanEdits() {
  const { slug } = useKernel();
  const [edits, setEdits] = useState<OrphanEdit[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    migrateRenamedSlugs();   // a cell that moved to another chapter is not an orphan here (MOVED_CELLS)
    const present = new Set([...document.querySelectorAll<HTMLElement>("section.cell[data-cell-id]")].map((el) => el.dataset.cellId!));
    setEdits(orphanEdits(slug, present));
  }, [slug]);
  if (!edits.length) return null;
  return (
    <aside className="callout callout-warning orphan-edits" data-testid="orphan-edits" role="status">
      <div className="callout-title">
        <span className="callout-icon" aria-hidden="true" />
        없어진 셀에 내 수정본이 남아 있습니다
      </div>
      <div className="callout-body">
        {edits.map((e) => (
          <div key={e.cellId} className="orphan-edit" data-cell-id={e.cellId}>
            <p>
              이 장에 <code>{e.cellId}</code> 셀이 더 이상 없습니다. 이 브라우저에 그 셀의 수정본이 저장되어 있습니다.
              {e.why ? ` ${e.why}` : ""}
            </p>
            <div className="cell-stale-actions">
              <button type="button" className="btn" aria-expanded={open === e.cellId} onClick={() => setOpen(open === e.cellId ? null : e.cellId)}>
                {open === e.cellId ? "코드 숨기기" : "내 코드 보기"}
              </button>
              <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(e.source)}>복사</button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  clearCell(slug, e.cellId);
                  setEdits((all) => all.filter((x) => x.cellId !== e.cellId));
                }}
              >
                지우기
              </button>
            </div>
            {open === e.cellId ? <pre className="cell-diff" data-testid="orphan-code">{e.source}</pre> : null}
          </div>
        ))}
      </div>
    </aside>
  );
}
