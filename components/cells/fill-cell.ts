// The event a solution's copy button sends to its scratch cell (components/FillCellButton → CellView).
export const FILL_CELL_EVENT = "bert-lab:fill-cell";
export interface FillCellDetail { id: string; source: string }
