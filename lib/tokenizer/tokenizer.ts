// WordPieceTokenizer: text -> ids the model reads, and back. The API is the contract in lib/README.md.
import { EngineError } from "../errors";
import { span, type Aligned } from "./aligned";
import { basicWords } from "./basic";
import { hfBasicWords, type HFBasicRules } from "./hf-basic";
import { CLS, CONTINUATION, MASK, PAD, SEP, UNK } from "./specials";
import { parseVocab, type Vocab } from "./vocab";
import { wordPiece } from "./wordpiece";

export interface Encoding {
  ids: number[];
  tokens: string[];
  tokenTypeIds: number[]; // 0 for [CLS] a [SEP], 1 for b [SEP]
  attentionMask: number[]; // all 1: a single encoding has no padding
  /**
   * Per token, the [start, end) it came from in the ORIGINAL text (its own segment's text for a pair), in UTF-16
   * units, as Hugging Face's return_offsets_mapping: text.slice(start, end) is what the reader typed for it, even
   * for [UNK] (the whole word) or after NFC/NFD, lowercasing, accent stripping. [CLS]/[SEP] get [0, 0].
   */
  offsets: [number, number][];
}

export interface BatchEncoding {
  // Padded to the longest row of THIS batch, never to maxLen: most reviews are short, and attention
  // cost grows with T², so padding 20-token reviews to 128 would waste most of the compute.
  inputIds: Int32Array; // [B*T] row-major
  attentionMask: Int32Array; // [B*T] 1 = real token, 0 = [PAD]
  tokenTypeIds: Int32Array; // [B*T]
  batchSize: number; // B
  seqLen: number; // T
  lengths: number[]; // real tokens per row, incl. [CLS]/[SEP]
}

export interface EncodeOptions {
  maxLen?: number; // total length incl. specials; longer input is truncated, [SEP] kept
  pair?: string; // second segment (token type 1)
}

// Word -> piece ids is the hot path when encoding a corpus, and review vocabulary is very
// repetitive, so cache it. Bounded so a long-running page does not grow without limit.
const CACHE_LIMIT = 100_000;

/** The special tokens by role. Ours are at ids 0..4; Hugging Face vocabularies put them elsewhere (100–103). */
export interface SpecialTokenNames { pad: string; unk: string; cls: string; sep: string; mask: string }
export const BERT_LAB_SPECIALS: SpecialTokenNames = { pad: PAD, unk: UNK, cls: CLS, sep: SEP, mask: MASK };

/** How text becomes words before WordPiece: ours, or Hugging Face's BERT rules (lib/tokenizer/hf-basic.ts). */
export type TokenizerRules =
  | { style: "bert-lab" }
  | ({ style: "huggingface"; maxInputCharsPerWord: number } & HFBasicRules);

export interface TokenizerSpec {
  vocab: Vocab;
  rules: TokenizerRules;
  specials: SpecialTokenNames;
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class WordPieceTokenizer {
  readonly vocabSize: number;
  readonly padId: number;
  readonly unkId: number;
  readonly clsId: number;
  readonly sepId: number;
  readonly maskId: number;
  readonly rules: TokenizerRules;
  readonly specials: SpecialTokenNames;
  private readonly vocab: Vocab;
  private readonly has: (piece: string) => boolean;
  private readonly basic: (text: string) => Aligned[];
  private readonly specialIds: Set<number>;
  // Splits text around the special tokens, keeping them (the capture group) as their own parts.
  private readonly specialInText: RegExp;
  private cache = new Map<string, string[]>();

  constructor(spec: TokenizerSpec) {
    const { vocab, rules, specials } = spec;
    this.vocab = vocab;
    this.rules = rules;
    this.specials = specials;
    this.vocabSize = vocab.tokens.length;
    this.has = (p) => vocab.ids.has(p);
    const id = (role: keyof SpecialTokenNames) => {
      const i = vocab.ids.get(specials[role]);
      if (i === undefined) throw new EngineError("vocab-special-missing", `vocab.txt has no ${role} token ${JSON.stringify(specials[role])}`, { token: specials[role] });
      return i;
    };
    this.padId = id("pad"); this.unkId = id("unk"); this.clsId = id("cls"); this.sepId = id("sep"); this.maskId = id("mask");
    this.specialIds = new Set([this.padId, this.clsId, this.sepId, this.maskId]);
    this.specialInText = new RegExp(`(${Object.values(specials).map(escapeRe).join("|")})`);
    this.basic = rules.style === "bert-lab" ? basicWords : (t) => hfBasicWords(t, rules);
  }

  /** Our own vocabulary file (specials at 0..4, our rules). */
  static fromVocabText(text: string): WordPieceTokenizer {
    return new WordPieceTokenizer({ vocab: parseVocab(text), rules: { style: "bert-lab" }, specials: BERT_LAB_SPECIALS });
  }

  static fromTokens(tokens: readonly string[]): WordPieceTokenizer {
    return WordPieceTokenizer.fromVocabText(tokens.join("\n"));
  }

  /** The id -> token table (id = index). */
  get tokens(): readonly string[] {
    return this.vocab.tokens;
  }

  basicTokenize(text: string): string[] {
    return this.basic(text).map((w) => w.text);
  }

  /** Pieces for one basic-tokenized word (cached). */
  wordPieces(word: string): string[] {
    let pieces = this.cache.get(word);
    if (pieces === undefined) {
      pieces = this.rules.style === "bert-lab"
        ? wordPiece(word, this.has, this.vocab.maxPieceChars)
        : wordPiece(word, this.has, this.vocab.maxPieceChars, { maxWordChars: this.rules.maxInputCharsPerWord, unk: this.specials.unk });
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, pieces);
    }
    return pieces;
  }

  tokenize(text: string): string[] {
    return this.split(text, null);
  }

  /** Word pieces, no specials, each with the [start, end) of the original text it stands for (UTF-16 units). */
  tokenizeWithOffsets(text: string): { tokens: string[]; offsets: [number, number][] } {
    const offsets: [number, number][] = [];
    return { tokens: this.split(text, offsets), offsets };
  }

  // Pieces of `text`, and their offsets when asked for (`offsets` not null): tokenize() skips that work, which is
  // most of the cost on the corpus path (encode-corpus, training batches).
  private split(text: string, offsets: [number, number][] | null): string[] {
    const tokens: string[] = [];
    // Special tokens typed in the text ("영화가 [MASK] 재밌다") stay whole, as in Hugging Face's tokenizers:
    // the basic tokenizer would otherwise cut "[MASK]" into "[", "MASK", "]" (and an uncased one lowercase it).
    const specials = Object.values(this.specials) as string[];
    let at = 0;   // where this part starts in the text: split() with a capture group keeps every character
    for (const part of text.split(this.specialInText)) {
      if (specials.includes(part)) { tokens.push(part); offsets?.push([at, at + part.length]); }
      else for (const word of this.basic(part)) {
        if (offsets) this.piecesOf(word, at, tokens, offsets);
        else for (const p of this.wordPieces(word.text)) tokens.push(p);
      }
      at += part.length;
    }
    return tokens;
  }

  // A word's pieces are consecutive stretches of its (normalized) text: "##" aside, each piece's length says where
  // the next begins. [UNK] stands for the whole word.
  private piecesOf(word: Aligned, base: number, tokens: string[], offsets: [number, number][]) {
    const pieces = this.wordPieces(word.text);
    const whole = span(word, 0, word.text.length);
    if (pieces.length === 1 && pieces[0] === this.specials.unk && word.text !== pieces[0]) {
      tokens.push(pieces[0]);
      offsets.push([base + whole[0], base + whole[1]]);
      return;
    }
    let i = 0;
    for (const p of pieces) {
      const n = p.length - (i > 0 && p.startsWith(CONTINUATION) ? CONTINUATION.length : 0);
      const [s, e] = span(word, i, i + n);
      tokens.push(p);
      offsets.push([base + s, base + e]);
      i += n;
    }
  }

  /** Piece ids without specials: what the pretraining corpus stores. */
  encodeIds(text: string): number[] {
    return this.tokenize(text).map((t) => this.tokenToId(t));
  }

  encode(text: string, opts: EncodeOptions = {}): Encoding {
    return this.encodeOne(text, opts, true);
  }

  // encode(), and encodeBatch() without the offsets (`withOffsets` false leaves them empty): batches feed the model,
  // which never reads them, and they are most of the tokenizer's time on the training path.
  private encodeOne(text: string, opts: EncodeOptions, withOffsets: boolean): Encoding {
    const offsetsA: [number, number][] | null = withOffsets ? [] : null;
    const offsetsB: [number, number][] | null = withOffsets ? [] : null;
    let a = this.split(text, offsetsA);
    let b = opts.pair === undefined ? null : this.split(opts.pair, offsetsB);
    const specials = b === null ? 2 : 3;
    if (opts.maxLen !== undefined) {
      if (opts.maxLen < specials) throw new EngineError("maxlen-too-small", `encode: maxLen ${opts.maxLen} cannot hold ${specials} special tokens`, { maxLen: opts.maxLen, specials });
      const room = opts.maxLen - specials;
      if (b === null) a = a.slice(0, room);
      else {
        // BERT's "longest first": trim whichever segment is longer, one token at a time, so neither
        // question nor context is dropped entirely. On a tie the second segment loses its last token, as in
        // Google's truncate_seq_pair and Hugging Face's truncate_sequences ("longest_first").
        while (a.length + b.length > room) {
          if (a.length > b.length) a = a.slice(0, a.length - 1);
          else b = b.slice(0, b.length - 1);
        }
      }
    }
    const { cls, sep } = this.specials;
    const none: [number, number] = [0, 0];
    const tokens = [cls, ...a, sep];
    const offsets: [number, number][] = offsetsA ? [none, ...offsetsA.slice(0, a.length), none] : [];
    const tokenTypeIds = tokens.map(() => 0);
    if (b !== null) {
      tokens.push(...b, sep);
      if (offsetsB) offsets.push(...offsetsB.slice(0, b.length), none);
      for (let i = 0; i < b.length + 1; i++) tokenTypeIds.push(1);
    }
    const ids = tokens.map((t) => this.tokenToId(t));
    return { ids, tokens, tokenTypeIds, attentionMask: ids.map(() => 1), offsets };
  }

  encodeBatch(texts: string[], opts: { maxLen: number; pairs?: string[] }): BatchEncoding {
    const encs = texts.map((t, i) => this.encodeOne(t, { maxLen: opts.maxLen, pair: opts.pairs?.[i] }, false));
    const B = encs.length;
    const T = encs.reduce((m, e) => Math.max(m, e.ids.length), 0);
    const inputIds = new Int32Array(B * T).fill(this.padId); // [PAD]: 0 in ours, whatever the vocab says in others
    const attentionMask = new Int32Array(B * T);              // zero-filled: mask 0, type 0
    const tokenTypeIds = new Int32Array(B * T);
    encs.forEach((e, r) => {
      inputIds.set(e.ids, r * T);
      attentionMask.set(e.attentionMask, r * T);
      tokenTypeIds.set(e.tokenTypeIds, r * T);
    });
    return { inputIds, attentionMask, tokenTypeIds, batchSize: B, seqLen: T, lengths: encs.map((e) => e.ids.length) };
  }

  /**
   * Ids back to text: "##" pieces are glued to the previous piece, other pieces are space-separated.
   * Punctuation gets a space before it ("최고 !"), as in BERT: the basic tokenizer forgot where the
   * original spaces were, so exact round trips are only possible for space-separated words.
   */
  decode(ids: ArrayLike<number>, opts: { skipSpecial?: boolean } = {}): string {
    let out = "";
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      // [UNK] is kept even with skipSpecial: it stands for real text the vocab could not spell, and
      // silently dropping it would make the decoded review look cleaner than what the model saw.
      if (opts.skipSpecial && this.specialIds.has(id)) continue;
      const tok = this.idToToken(id);
      if (tok.startsWith(CONTINUATION) && out !== "") out += tok.slice(CONTINUATION.length);
      else out += (out === "" ? "" : " ") + tok;
    }
    return out;
  }

  idToToken(id: number): string {
    const tok = this.vocab.tokens[id];
    if (tok === undefined) throw new RangeError(`idToToken: id ${id} outside vocab of ${this.vocabSize}`);
    return tok;
  }

  /** Unknown tokens map to [UNK]'s id, like BERT's convert_tokens_to_ids with an unk fallback. */
  tokenToId(tok: string): number {
    return this.vocab.ids.get(tok) ?? this.unkId;
  }
}
