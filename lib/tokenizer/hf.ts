// A tokenizer from a Hugging Face BERT folder's files, configured as transformers configures BertTokenizer(Fast):
// tokenizer_config.json's settings with the library's defaults, special tokens by name (their ids come from the
// vocabulary), vocab.txt, or tokenizer.json's WordPiece vocabulary when the folder has no vocab.txt.
import { EngineError } from "../errors";
import { HF_DEFAULT_RULES } from "./hf-basic";
import { MAX_WORD_CHARS } from "./wordpiece";
import { BERT_LAB_SPECIALS, WordPieceTokenizer, type SpecialTokenNames } from "./tokenizer";
import { parseHFVocab, vocabFromTokens } from "./vocab";

export interface HFTokenizerFiles {
  vocabText?: string;                                  // vocab.txt
  tokenizerJSON?: Record<string, unknown>;             // tokenizer.json
  tokenizerConfig?: Record<string, unknown>;           // tokenizer_config.json
  specialTokensMap?: Record<string, unknown>;          // special_tokens_map.json
}

export interface HFTokenizer {
  tokenizer: WordPieceTokenizer;
  modelMaxLength?: number;                             // tokenizer_config's model_max_length, when sane
  /** Settings that came from defaults rather than the files: worth telling the reader. */
  defaulted: string[];
}

// special_tokens_map.json holds either "[UNK]" or { "content": "[UNK]", "lstrip": false, … }.
function tokenName(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && typeof (v as { content?: unknown }).content === "string") return (v as { content: string }).content;
  return undefined;
}

function wordPieceModel(json: Record<string, unknown> | undefined) {
  const model = json?.model as { type?: string; vocab?: Record<string, number>; max_input_chars_per_word?: number } | undefined;
  return model?.type === "WordPiece" ? model : undefined;
}

export function hfTokenizer(files: HFTokenizerFiles): HFTokenizer {
  const cfg = files.tokenizerConfig ?? {};
  const map = files.specialTokensMap ?? {};
  const defaulted: string[] = [];
  const setting = <T>(key: string, fallback: T): T => {
    if (cfg[key] !== undefined) return cfg[key] as T;
    defaulted.push(`${key}=${JSON.stringify(fallback)}`);
    return fallback;
  };
  const doLowerCase = setting("do_lower_case", HF_DEFAULT_RULES.doLowerCase);
  const stripAccents = setting<boolean | null>("strip_accents", null);
  const tokenizeChineseChars = setting("tokenize_chinese_chars", HF_DEFAULT_RULES.tokenizeChineseChars);
  const neverSplit = (cfg.never_split as string[] | null | undefined) ?? [];
  const wp = wordPieceModel(files.tokenizerJSON);
  const maxInputCharsPerWord = wp?.max_input_chars_per_word ?? MAX_WORD_CHARS;

  const roles = Object.keys(BERT_LAB_SPECIALS) as (keyof SpecialTokenNames)[];
  const specials = Object.fromEntries(roles.map((r) => [r, tokenName(cfg[`${r}_token`]) ?? tokenName(map[`${r}_token`]) ?? BERT_LAB_SPECIALS[r]])) as unknown as SpecialTokenNames;

  let vocab;
  if (files.vocabText !== undefined) vocab = parseHFVocab(files.vocabText);
  else if (wp?.vocab) {
    const tokens: string[] = [];
    for (const [tok, id] of Object.entries(wp.vocab)) tokens[id] = tok;
    vocab = vocabFromTokens(tokens);
  } else throw new EngineError("no-vocab", "no vocabulary: expected vocab.txt (or a tokenizer.json with a WordPiece model)");

  const tokenizer = new WordPieceTokenizer({
    vocab,
    specials,
    rules: { style: "huggingface", doLowerCase, stripAccents, tokenizeChineseChars, neverSplit, maxInputCharsPerWord },
  });
  const mml = cfg.model_max_length;
  // Tokenizers without a limit write 1e30 here (VERY_LARGE_INTEGER): not a length.
  const modelMaxLength = typeof mml === "number" && mml > 0 && mml < 1e6 ? mml : undefined;
  return { tokenizer, modelMaxLength, defaulted };
}

/** tokenizer_config.json + special_tokens_map.json that reproduce a tokenizer's rules in transformers. */
export function hfTokenizerFiles(tok: WordPieceTokenizer, modelMaxLength = 512): { tokenizerConfig: Record<string, unknown>; specialTokensMap: Record<string, string> } {
  const r = tok.rules;
  const specialTokensMap = Object.fromEntries(Object.entries(tok.specials).map(([role, t]) => [`${role}_token`, t]));
  // Our own rules are not HF's (we keep NFC and split symbols); the nearest HF settings are cased, no accent
  // stripping, which tokenize every NSMC review the same way except around symbols such as emoji.
  const rules = r.style === "huggingface"
    ? { do_lower_case: r.doLowerCase, strip_accents: r.stripAccents, tokenize_chinese_chars: r.tokenizeChineseChars }
    : { do_lower_case: false, strip_accents: false, tokenize_chinese_chars: true };
  return {
    tokenizerConfig: { tokenizer_class: "BertTokenizer", ...rules, model_max_length: modelMaxLength, ...specialTokensMap },
    specialTokensMap,
  };
}
