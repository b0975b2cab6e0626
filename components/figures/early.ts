// Figures of chapters 1–3 (see ./Figure.tsx).
export { BertAtAGlance } from "./BertAtAGlance";
export { TransformerFamilies } from "./TransformerFamilies";
export { TokenizerPipeline } from "./TokenizerPipeline";
export { EmbeddingSum } from "./EmbeddingSum";
export { EncoderLayer } from "./EncoderLayer";
export { MultiHead } from "./MultiHead";
export { MlmMasking } from "./MlmMasking";
export { PretrainFinetune } from "./PretrainFinetune";
export { AttentionMask } from "./AttentionMask";
