"use client";
// Copies a solution into its exercise's scratch cell (CellView listens for the event): the reader's own attempt
// is replaced, saved like any edit, and ↺ 원래대로 brings the starter back.
import { useState } from "react";
import { FILL_CELL_EVENT, type FillCellDetail } from "./cells/fill-cell";

export function FillCellButton({ cell, code }: { cell: string; code: string }) {
  const [done, setDone] = useState(false);
  const fill = () => {
    window.dispatchEvent(new CustomEvent<FillCellDetail>(FILL_CELL_EVENT, { detail: { id: cell, source: code } }));
    setDone(true);
  };
  return (
    <button type="button" className="btn btn-fill" onClick={fill} data-testid="fill-cell" data-cell={cell}>
      {done ? "연습 셀에 넣었습니다 ✓" : "이 풀이를 연습 셀에 넣기"}
    </button>
  );
}
