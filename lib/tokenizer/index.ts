// Barrel for lib/tokenizer: see lib/README.md for its contract.
export * from "./specials";
export { basicTokenize } from "./basic";
export { wordPiece, MAX_WORD_CHARS } from "./wordpiece";
export { parseVocab, parseHFVocab, vocabFromTokens, vocabToText, type Vocab } from "./vocab";
export { WordPieceTokenizer, BERT_LAB_SPECIALS, type Encoding, type BatchEncoding, type EncodeOptions, type SpecialTokenNames, type TokenizerRules, type TokenizerSpec } from "./tokenizer";
export {
  countWords,
  trainVocabFromCounts,
  trainWordPieceVocab,
  type TrainVocabOptions,
  type TrainVocabResult,
} from "./train-vocab";
export { hfBasicTokenize, stripAccents, HF_DEFAULT_RULES, type HFBasicRules } from "./hf-basic";
export { hfTokenizer, hfTokenizerFiles, type HFTokenizer, type HFTokenizerFiles } from "./hf";
