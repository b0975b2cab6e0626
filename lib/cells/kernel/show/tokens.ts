// show.tokens: word pieces as coloured chips with their ids (mask/type ids drawn when given).
import { emit, newId } from "../context";

export interface TokensInput { tokens: string[]; ids: ArrayLike<number>; attentionMask?: ArrayLike<number>; tokenTypeIds?: ArrayLike<number> }

/** An Encoding from tokenizer.encode(), or { tokens, ids }. */
export function tokens(enc: TokensInput, opts: { title?: string } = {}): void {
  if (!enc || !Array.isArray(enc.tokens) || enc.ids == null || enc.ids.length !== enc.tokens.length) {
    throw new Error("show.tokens: { tokens, ids } 가 필요합니다 (tokenizer.encode(...)의 결과처럼, tokens와 ids의 길이가 같아야 합니다)");
  }
  const list = (a?: ArrayLike<number>) => (a && a.length === enc.tokens.length ? Array.from(a, Number) : undefined);
  emit({
    kind: "tokens",
    id: newId(),
    title: opts.title,
    tokens: enc.tokens.map(String),
    ids: Array.from(enc.ids, Number),
    attentionMask: list(enc.attentionMask),
    tokenTypeIds: list(enc.tokenTypeIds),
  });
}
