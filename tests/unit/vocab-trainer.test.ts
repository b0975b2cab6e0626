// The WordPiece vocabulary trainer: specials, alphabet rules, and — most importantly — that its fast
// incremental merge loop picks exactly the merges a slow "recount everything" BPE would pick.
import { test } from "node:test";
import assert from "node:assert/strict";
import { countWords, trainVocabFromCounts, trainWordPieceVocab, SPECIAL_TOKENS, WordPieceTokenizer } from "../../lib/tokenizer";
import { PATHS, readText } from "../../scripts/corpus-io";

/**
 * Reference BPE: recount every pair before every merge. Same tie-break as the trainer (count desc,
 * then smaller (left id, right id)), same id scheme (alphabet by frequency, then merges), same reuse of
 * an existing string. Quadratic, only for small corpora.
 */
function naiveTrain(counts: Map<string, number>, vocabSize: number, minCharFreq: number, minPairFreq = 2): string[] {
  const formCount = new Map<string, number>();
  const words: [string[], number][] = [];
  for (const [w, n] of counts) {
    const forms = Array.from(w).map((ch, i) => (i === 0 ? ch : "##" + ch));
    forms.forEach((f) => formCount.set(f, (formCount.get(f) ?? 0) + n));
    words.push([forms, n]);
  }
  const alphabet = [...formCount]
    .filter(([, n]) => n >= minCharFreq)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, vocabSize - 5)
    .map(([f]) => f);
  const id = new Map(alphabet.map((s, i) => [s, i]));
  const strs = [...alphabet];
  const vocab = [...alphabet];
  let ws = words.filter(([f]) => f.every((x) => id.has(x))).map(([f, n]) => [f.map((x) => id.get(x)!), n] as [number[], number]);
  while (vocab.length < vocabSize - 5) {
    const pc = new Map<string, [number, number, number]>();
    for (const [s, n] of ws)
      for (let i = 0; i + 1 < s.length; i++) {
        const k = `${s[i]},${s[i + 1]}`;
        const e = pc.get(k) ?? [s[i], s[i + 1], 0];
        e[2] += n;
        pc.set(k, e);
      }
    let best: [number, number, number] | null = null;
    for (const e of pc.values())
      if (!best || e[2] > best[2] || (e[2] === best[2] && (e[0] < best[0] || (e[0] === best[0] && e[1] < best[1])))) best = e;
    if (!best || best[2] < minPairFreq) break;
    const [a, b] = best;
    const merged = strs[a] + strs[b].slice(2);
    let c = id.get(merged);
    if (c === undefined) {
      c = strs.length;
      strs.push(merged);
      id.set(merged, c);
      vocab.push(merged);
    }
    ws = ws.map(([s, n]) => {
      const out: number[] = [];
      for (let i = 0; i < s.length; ) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          out.push(c!);
          i += 2;
        } else out.push(s[i++]);
      }
      return [out, n];
    });
  }
  return [...SPECIAL_TOKENS, ...vocab];
}

const TINY = [
  "고양이가 좋아요",
  "고양이 고양이 귀여운 고양이",
  "강아지도 좋아요",
  "영화 최고 영화 최고",
  "이 영화 진짜 재밌어요",
  "진짜 재미없어요",
  "low lower lowest newer wider",
];

test("specials come first, then the alphabet with both word-initial and ## forms", () => {
  const { tokens, alphabetSize } = trainWordPieceVocab(TINY, { vocabSize: 60, minCharFreq: 1 });
  assert.deepEqual(tokens.slice(0, 5), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
  assert.equal(new Set(tokens).size, tokens.length, "no duplicates");
  const alpha = new Set(tokens.slice(5, 5 + alphabetSize));
  for (const form of ["고", "##양", "##이", "영", "##화", "진", "##짜", "l", "##o", "##w"]) assert.ok(alpha.has(form), form);
  assert.ok(!alpha.has("##강"), "강 only starts words: no ## form for it");
});

test("reaches the target size exactly when there is enough text", () => {
  const { tokens } = trainWordPieceVocab(TINY, { vocabSize: 60, minCharFreq: 1, minPairFreq: 1 });
  assert.equal(tokens.length, 60);
});

test("minCharFreq keeps rare characters out and drops their words", () => {
  const counts = countWords(["가나 가나 가나 가다", "가나"]);
  const r = trainVocabFromCounts(counts, { vocabSize: 30, minCharFreq: 2 });
  assert.ok(r.tokens.includes("##나") && !r.tokens.includes("##다"));
  assert.equal(r.wordsDropped, 1); // "가다"
});

test("frequent words become single tokens; 고양이 pieces are real and rebuild the word", () => {
  const { tokens } = trainWordPieceVocab(TINY, { vocabSize: 60, minCharFreq: 1 });
  assert.ok(tokens.includes("고양이"), "4 occurrences: merged whole");
  const tok = WordPieceTokenizer.fromTokens(tokens);
  assert.deepEqual(tok.tokenize("고양이"), ["고양이"]);
  assert.deepEqual(tok.tokenize("영화"), ["영화"]);
});

test("incremental merges equal a naive recount-everything BPE (synthetic corpus)", () => {
  const counts = countWords(TINY);
  for (const size of [30, 50, 60, 80]) {
    const fast = trainVocabFromCounts(counts, { vocabSize: size, minCharFreq: 1 }).tokens;
    assert.deepEqual(fast, naiveTrain(counts, size, 1), `vocabSize ${size}`);
  }
});

test("incremental merges equal naive BPE on 2,000 real NSMC reviews", () => {
  const docs = readText(PATHS.train).split("\n").slice(1, 2001).map((l) => l.split("\t")[1] ?? "");
  const counts = countWords(docs);
  const { alphabetSize } = trainVocabFromCounts(counts, { vocabSize: 1e5, minCharFreq: 2, minPairFreq: Infinity });
  const size = 5 + alphabetSize + 300;
  const fast = trainVocabFromCounts(counts, { vocabSize: size, minCharFreq: 2 });
  assert.equal(fast.tokens.length, size);
  assert.deepEqual(fast.tokens, naiveTrain(counts, size, 2));
});

test("deterministic: same input, same vocab", () => {
  const a = trainWordPieceVocab(TINY, { vocabSize: 50, minCharFreq: 1 }).tokens;
  const b = trainWordPieceVocab([...TINY], { vocabSize: 50, minCharFreq: 1 }).tokens;
  assert.deepEqual(a, b);
});
