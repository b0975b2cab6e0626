// <Cell id="…"> for MDX chapters. The code is the fenced block inside it:
//
//   <Cell id="hello">
//   ```ts
//   console.log("안녕하세요")
//   ```
//   </Cell>
//
// (or a `code` prop). This part renders on the server: it pulls the text out of the MDX
// children and hands it to the interactive CellView.
import type { ReactNode } from "react";
import { textOf } from "../node-text";
import { CellView } from "./CellView";

export interface CellProps {
  /** Unique within the chapter; used for the anchor (#cell-<id>) and for saving edits. */
  id: string;
  /** The code, if not given as a fenced block child. */
  code?: string;
  /** Optional caption shown above the cell. */
  title?: string;
  children?: ReactNode;
}

export function Cell({ id, code, title, children }: CellProps) {
  const source = (code ?? textOf(children)).replace(/^\n+/, "").replace(/\s+$/, "");
  if (!id) throw new Error("<Cell> needs an id");
  return <CellView id={id} source={source} title={title} />;
}
