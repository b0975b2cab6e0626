// Barrel for lib/tokenizer: see lib/README.md for its contract.
export * from "./specials";
export { basicTokenize } from "./basic";
export { wordPiece, MAX_WORD_CHARS } from "./wordpiece";
export { parseVocab, vocabToText, type Vocab } from "./vocab";
export { WordPieceTokenizer, type Encoding, type BatchEncoding, type EncodeOptions } from "./tokenizer";
export {
  countWords,
  trainVocabFromCounts,
  trainWordPieceVocab,
  type TrainVocabOptions,
  type TrainVocabResult,
} from "./train-vocab";
