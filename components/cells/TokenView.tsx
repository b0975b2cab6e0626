"use client";
// show.tokens: word pieces as chips, each with its id underneath. Word-initial pieces, "##"
// continuations and the special tokens look different, and the pieces of one word sit together,
// so a reader sees at a glance how a sentence was cut.
import type { TokensItem } from "@/lib/cells/protocol";
import styles from "./TokenView.module.css";

export type PieceKind = "special" | "pad" | "mask" | "unk" | "cont" | "word";

/** What kind of piece a token is, from its text alone (lib/README.md: specials are ids 0..4, "##" continues a word). */
export function pieceKind(token: string): PieceKind {
  if (token === "[PAD]") return "pad";
  if (token === "[MASK]") return "mask";
  if (token === "[UNK]") return "unk";
  if (token === "[CLS]" || token === "[SEP]") return "special";
  if (token.startsWith("##") && token.length > 2) return "cont";
  return "word";
}

const LEGEND: [PieceKind, string][] = [
  ["word", "단어 첫 조각"],
  ["cont", "## 이어지는 조각"],
  ["special", "[CLS] [SEP]"],
  ["unk", "[UNK]"],
  ["pad", "[PAD]"],
];

export function TokenView({ item }: { item: TokensItem }) {
  const { tokens, ids } = item;
  // Rows that say something: a mask with padding, type ids with a second segment.
  const mask = item.attentionMask?.some((m) => m === 0) ? item.attentionMask : undefined;
  const types = item.tokenTypeIds?.some((t) => t !== 0) ? item.tokenTypeIds : undefined;
  const kinds = tokens.map(pieceKind);
  const present = new Set(kinds);
  return (
    <figure className={styles.view} data-testid="tokens" data-count={tokens.length}>
      {item.title ? <figcaption className={styles.title}>{item.title}</figcaption> : null}
      <ol className={styles.chips} aria-label={`토큰 ${tokens.length}개`}>
        {tokens.map((tok, i) => {
          const kind = kinds[i];
          const text = kind === "cont" ? tok.slice(2) : tok;
          return (
            <li
              key={i}
              className={`${styles.chip} ${styles[kind]}`}
              data-kind={kind}
              data-id={ids[i]}
              title={`#${i} ${tok} → id ${ids[i]}${mask ? ` · mask ${mask[i]}` : ""}${types ? ` · type ${types[i]}` : ""}`}
            >
              <span className={styles.piece}>
                {kind === "cont" ? <span className={styles.hashes}>##</span> : null}
                {text}
              </span>
              <span className={styles.id}>{ids[i]}</span>
              {mask ? <span className={`${styles.extra} ${mask[i] ? "" : styles.off}`}>m{mask[i]}</span> : null}
              {types ? <span className={styles.extra}>t{types[i]}</span> : null}
            </li>
          );
        })}
      </ol>
      <div className={styles.legend}>
        {LEGEND.filter(([k]) => present.has(k) || k === "word" || k === "cont").map(([k, label]) => (
          <span key={k} className={styles.legendItem}>
            <span className={`${styles.swatch} ${styles[k]}`} />
            {label}
          </span>
        ))}
        <span className={styles.legendItem}>
          칩 아래 숫자 = id{mask ? " · m = attention mask" : ""}
          {types ? " · t = token type" : ""}
        </span>
      </div>
    </figure>
  );
}
