// Figures of chapters 4–8 (see ./Figure.tsx).
export { ModelScale } from "./ModelScale";
export { MemoryBreakdown } from "./MemoryBreakdown";
export { SoftmaxArgmax } from "./SoftmaxArgmax";
export { ArgmaxAxis } from "./ArgmaxAxis";
export { TrainingLoop } from "./TrainingLoop";
export { HfFolder } from "./HfFolder";
