// The five special tokens and their fixed ids (lib/README.md: "Ids 0..4 are fixed").
// Every vocab.txt we write starts with exactly these lines, in this order, so a model trained in
// PyTorch and a tokenizer running in the browser agree on them without any side channel.
export const PAD = "[PAD]";
export const UNK = "[UNK]";
export const CLS = "[CLS]";
export const SEP = "[SEP]";
export const MASK = "[MASK]";

export const SPECIAL_TOKENS = [PAD, UNK, CLS, SEP, MASK] as const;

export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const MASK_ID = 4;

/** Prefix that marks a WordPiece continuation piece ("##양" = "양" glued to the previous piece). */
export const CONTINUATION = "##";
