// Attention views (React + D3): head view, matrix heatmap, overview grid, and the panel that combines them.
export { AttentionPanel, Prediction, type AttentionPanelProps } from "./AttentionPanel";
export { HeadView, type Layout } from "./HeadView";
export { MatrixView } from "./MatrixView";
export { OverviewGrid } from "./OverviewGrid";
export * from "./data";
