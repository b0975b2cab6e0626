// Train a WordPiece vocabulary from raw text. Pure function: texts in, token list out.
//
// Recipe (the one Hugging Face `tokenizers` uses for its WordPieceTrainer):
//  1. pre-tokenize every text with the BERT basic tokenizer and count the words;
//  2. spell every word as characters: the first one plain ("영"), the others as continuations
//     ("##화"), exactly the form WordPiece will look them up in later;
//  3. alphabet = every character form seen at least `minCharFreq` times;
//  4. repeatedly merge the adjacent pair with the highest count ("영" + "##화" → "영화") until the
//     vocab has `vocabSize` tokens.
//
// Why merge by frequency (BPE) and not by the likelihood score count(ab)/(count(a)·count(b)) of the
// original WordPiece paper: with ~2,000 Hangul syllables the score prefers pairs of RARE syllables
// that happen to always co-occur (names, typos), filling the budget with tokens seen a few dozen
// times. Frequency spends the budget on what reviews actually say (영화, 진짜, 재밌, 최고, ...), which
// is what keeps sequences short and [UNK]s rare. It is also what HF's WordPieceTrainer does.
//
// Speed: counts live in a Map keyed by the pair of integer symbol ids; a lazy max-heap finds the best
// pair; each pair keeps the list of words it occurs in, so a merge only rewrites the words that
// contain it (incremental pair counts — never a full recount).
import { basicTokenize } from "./basic";
import { MAX_WORD_CHARS } from "./wordpiece";
import { CONTINUATION, SPECIAL_TOKENS } from "./specials";

export interface TrainVocabOptions {
  vocabSize: number; // total, including the 5 specials
  minCharFreq?: number; // a character form (initial or ##) enters the alphabet at this many occurrences
  minPairFreq?: number; // stop merging when the best pair is rarer than this
  onProgress?: (p: { phase: "merge"; done: number; total: number }) => void;
}

export interface TrainVocabResult {
  tokens: string[]; // id order: specials, alphabet, merges
  alphabetSize: number;
  merges: number;
  wordsUsed: number; // distinct words that took part in merging
  wordsDropped: number; // distinct words with an out-of-alphabet character or over 100 chars
}

/** Step 1: word frequencies after basic tokenization. Pass `counts` to accumulate several corpora. */
export function countWords(texts: Iterable<string>, counts = new Map<string, number>()): Map<string, number> {
  for (const text of texts) {
    for (const w of basicTokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** Steps 2–4 on a word-frequency table. */
export function trainVocabFromCounts(counts: Map<string, number>, opts: TrainVocabOptions): TrainVocabResult {
  const { vocabSize, minCharFreq = 5, minPairFreq = 2, onProgress } = opts;
  const budget = vocabSize - SPECIAL_TOKENS.length;
  if (budget <= 0) throw new Error(`vocabSize ${vocabSize} leaves no room after the specials`);

  // --- 2/3. character forms and the alphabet ---------------------------------------------------
  const spelled: [string[], number][] = [];
  const formCount = new Map<string, number>();
  let wordsDropped = 0;
  for (const [word, n] of counts) {
    const chars = Array.from(word);
    if (chars.length > MAX_WORD_CHARS) {
      wordsDropped++; // WordPiece maps these to [UNK] anyway
      continue;
    }
    const forms = chars.map((ch, i) => (i === 0 ? ch : CONTINUATION + ch));
    for (const f of forms) formCount.set(f, (formCount.get(f) ?? 0) + n);
    spelled.push([forms, n]);
  }
  // Most frequent first; ties by code unit order so the result never depends on Map order.
  const byFreq = (x: [string, number], y: [string, number]) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  const alphabet = [...formCount].filter(([, n]) => n >= minCharFreq).sort(byFreq).slice(0, budget).map(([f]) => f);

  const symStr: string[] = [...alphabet]; // internal symbol id -> string
  const strToSym = new Map<string, number>(alphabet.map((s, i) => [s, i]));
  const vocab: string[] = [...alphabet];

  // --- words as runs of symbol ids in one flat buffer -------------------------------------------
  let total = 0;
  const kept: number[][] = [];
  const wc: number[] = [];
  for (const [forms, n] of spelled) {
    const ids = forms.map((f) => strToSym.get(f) ?? -1);
    if (ids.includes(-1)) {
      wordsDropped++; // contains a rare character: the whole word is [UNK] at inference
      continue;
    }
    kept.push(ids);
    wc.push(n);
    total += ids.length;
  }
  const nWords = kept.length;
  const sym = new Int32Array(total);
  const start = new Int32Array(nWords);
  const len = new Int32Array(nWords);
  for (let w = 0, p = 0; w < nWords; w++) {
    start[w] = p;
    len[w] = kept[w].length;
    sym.set(kept[w], p);
    p += kept[w].length;
  }
  kept.length = 0;

  // Pair (a, b) -> a * K + b. K bounds every symbol id we can create, so keys are unique integers.
  const K = alphabet.length + budget + 1;
  const pairCount = new Map<number, number>();
  const where = new Map<number, number[]>(); // pair -> words it (maybe) occurs in; may hold stale ids
  const addWhere = (key: number, w: number) => {
    const list = where.get(key);
    if (list === undefined) where.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < nWords; w++) {
    for (let i = start[w], e = start[w] + len[w] - 1; i < e; i++) {
      const key = sym[i] * K + sym[i + 1];
      pairCount.set(key, (pairCount.get(key) ?? 0) + wc[w]);
      addWhere(key, w);
    }
  }

  const heap = new PairHeap();
  for (const [key, n] of pairCount) heap.push(n, key);

  // --- 4. merges -----------------------------------------------------------------------------------
  const seen = new Int32Array(nWords).fill(-1);
  let merges = 0;
  onProgress?.({ phase: "merge", done: vocab.length + SPECIAL_TOKENS.length, total: vocabSize });
  while (vocab.length < budget && heap.size > 0) {
    const [n, key] = heap.pop();
    const cur = pairCount.get(key) ?? 0;
    if (cur !== n) {
      // Stale entry: the pair lost occurrences since it was pushed. Re-queue with its true count.
      if (cur > 0) heap.push(cur, key);
      continue;
    }
    if (cur < minPairFreq) break;

    const a = Math.floor(key / K);
    const b = key - a * K;
    const merged = symStr[a] + symStr[b].slice(CONTINUATION.length); // b is never word-initial
    // Two merge paths can spell the same string ("영화"+"##관" and "영"+"##화관"): reuse the id.
    let c = strToSym.get(merged);
    if (c === undefined) {
      c = symStr.length;
      symStr.push(merged);
      strToSym.set(merged, c);
      vocab.push(merged);
      if (vocab.length % 100 === 0) onProgress?.({ phase: "merge", done: vocab.length + SPECIAL_TOKENS.length, total: vocabSize });
    }
    merges++;

    const touched = new Set<number>();
    const list = where.get(key) ?? [];
    where.delete(key);
    for (const w of list) {
      if (seen[w] === merges) continue;
      seen[w] = merges;
      const s = start[w];
      const L = len[w];
      let hit = false;
      for (let i = s; i < s + L - 1; i++) if (sym[i] === a && sym[i + 1] === b) hit = true;
      if (!hit) continue; // stale: an earlier merge already consumed this occurrence
      const cw = wc[w];
      // Remove all of the word's pairs, rewrite it, add its pairs back. Words are a few symbols
      // long, so this is cheaper and simpler than patching the neighbours of each merge site.
      for (let i = s; i < s + L - 1; i++) decrement(pairCount, sym[i] * K + sym[i + 1], cw);
      let j = s;
      for (let i = s; i < s + L; ) {
        if (i < s + L - 1 && sym[i] === a && sym[i + 1] === b) {
          sym[j++] = c;
          i += 2;
        } else sym[j++] = sym[i++];
      }
      len[w] = j - s;
      for (let i = s; i < j - 1; i++) {
        const k2 = sym[i] * K + sym[i + 1];
        pairCount.set(k2, (pairCount.get(k2) ?? 0) + cw);
        if (sym[i] === c || sym[i + 1] === c) {
          addWhere(k2, w);
          touched.add(k2);
        }
      }
    }
    // Only pairs that contain the new symbol can have GAINED count; all others only lose, and the
    // lazy check above handles losses.
    for (const k2 of touched) heap.push(pairCount.get(k2) ?? 0, k2);
  }
  onProgress?.({ phase: "merge", done: vocab.length + SPECIAL_TOKENS.length, total: vocabSize });

  return {
    tokens: [...SPECIAL_TOKENS, ...vocab],
    alphabetSize: alphabet.length,
    merges,
    wordsUsed: nWords,
    wordsDropped,
  };
}

/** countWords + trainVocabFromCounts. */
export function trainWordPieceVocab(texts: Iterable<string>, opts: TrainVocabOptions): TrainVocabResult {
  return trainVocabFromCounts(countWords(texts), opts);
}

function decrement(m: Map<number, number>, key: number, by: number): void {
  const v = (m.get(key) ?? 0) - by;
  if (v > 0) m.set(key, v);
  else m.delete(key);
}

/** Max-heap of (count, key); ties go to the smaller key so training is deterministic. */
class PairHeap {
  private c: number[] = [];
  private k: number[] = [];
  get size(): number {
    return this.c.length;
  }
  private better(i: number, j: number): boolean {
    return this.c[i] > this.c[j] || (this.c[i] === this.c[j] && this.k[i] < this.k[j]);
  }
  private swap(i: number, j: number): void {
    [this.c[i], this.c[j]] = [this.c[j], this.c[i]];
    [this.k[i], this.k[j]] = [this.k[j], this.k[i]];
  }
  push(count: number, key: number): void {
    this.c.push(count);
    this.k.push(key);
    for (let i = this.c.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.better(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.c[0], this.k[0]];
    const lastC = this.c.pop()!;
    const lastK = this.k.pop()!;
    if (this.c.length > 0) {
      this.c[0] = lastC;
      this.k[0] = lastK;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.c.length && this.better(l, m)) m = l;
        if (r < this.c.length && this.better(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
