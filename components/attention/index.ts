// Attention views (React + D3): head view, matrix heatmap, overview grid, and the panel that combines them.
export { AttentionPanel, Prediction, toWords, type AttentionPanelProps, type PanelView } from "./AttentionPanel";
export { HeadView, type Layout } from "./HeadView";
export { MatrixView } from "./MatrixView";
export { OverviewGrid } from "./OverviewGrid";
export * from "./data";
export { SaveButtons } from "./SaveButtons";
export { TokenBars } from "./TokenBars";
