// Chapter 2 (content/02-tokenization.mdx) in a real browser: every cell in order, an assertion on each
// cell's output, no console errors, a full-page screenshot. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cellSel, openPage, outputPath, runInKernel, startSite, type Site } from "./harness";
import { chartRects, checkPassed, chipKinds, chips, kernelTable, numberAfter, runOk, solutionCodes, tableRows } from "./output-helpers";

const CHAPTER = "/learn/tokenization";
let site: Site;

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

describe("chapter 2: 토큰화", () => {
  test("every cell runs, in order, and shows what the prose says", { timeout: 10 * 60_000 }, async () => {
    const { page, problems, context } = await openPage(site, CHAPTER);
    const cells = await page.locator("section.cell[data-cell-id]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    assert.deepEqual(cells, ["load-vocab", "basic", "greedy", "goyangi", "goyangi-small", "token-view", "latin-vocab", "nfd-jamo", "pair-types", "batch-pad", "nsmc-lengths", "bucketing", "train-vocab", "ex-longest", "ex-batch-padding"]);

    // load-vocab: the fixed special ids.
    const vocabOut = await runOk(page, "load-vocab");
    assert.equal(numberAfter(vocabOut, "어휘 크기"), 12000);
    const first = await tableRows(page, "load-vocab");
    assert.deepEqual(first.slice(0, 5), [["0", "[PAD]"], ["1", "[UNK]"], ["2", "[CLS]"], ["3", "[SEP]"], ["4", "[MASK]"]]);

    // basic: whitespace and punctuation split, no vocabulary involved.
    assert.match(await runOk(page, "basic"), /⟨와⟩ ⟨!⟩ ⟨!⟩ ⟨이⟩ ⟨영화⟩ ⟨,⟩ ⟨진짜⟩ ⟨최고였어요⟩ ⟨\.⟩ ⟨\.⟩ ⟨\.⟩ ⟨ㅋㅋ⟩ ⟨또⟩ ⟨볼래요⟩/);

    // greedy: the hand-written longest-match equals the engine, and uses a ## piece.
    const greedyOut = await runOk(page, "greedy");
    const mine = /직접 구현: (.+)/.exec(greedyOut)?.[1].trim();
    const engine = /engine\s*: (.+)/.exec(greedyOut)?.[1].trim();
    assert.ok(mine && mine === engine, `${mine} vs ${engine}`);
    assert.match(mine!, /##/);
    assert.equal((await tableRows(page, "greedy")).length, mine!.split(" ").length);

    // goyangi: real pieces, [CLS] … [SEP], a ## particle, no '#x#' tokens in the vocabulary.
    const goOut = await runOk(page, "goyangi");
    assert.equal(await page.locator(cellSel("goyangi")).locator('[data-testid="tokens"]').count(), 3);
    const g0 = await chipKinds(page, "goyangi", 0);
    assert.equal(g0[0], "special");
    assert.equal(g0[g0.length - 1], "special");
    assert.ok(!g0.includes("unk"));
    assert.ok((await chipKinds(page, "goyangi", 1)).includes("cont"), "고양이가: the particle is a ## piece");
    assert.match(goOut, /'#'이 있는 토큰: 0개/);

    // goyangi-small: 고 ##양 ##이 / 양 ##이, and decode glues them back.
    const smallOut = await runOk(page, "goyangi-small");
    const small = await chips(page, "goyangi-small");
    assert.deepEqual(small.map((c) => c.kind), ["special", "word", "cont", "cont", "word", "cont", "special"]);
    assert.deepEqual(small.map((c) => c.id), [2, 5, 6, 7, 8, 7, 3]);
    assert.match(smallOut, /^고양이 양이$/m);

    // token-view: chips with ## pieces and their ids, the same ids the cell prints.
    const viewOut = await runOk(page, "token-view");
    const view = await chips(page, "token-view");
    assert.ok(view.some((c) => c.kind === "cont" && c.text.startsWith("##")), "## continuation chips");
    const chipIds = await page.locator(cellSel("token-view")).locator('[data-testid="tokens"] li').evaluateAll((lis) => lis.map((li) => li.children[1]?.textContent));
    assert.deepEqual(chipIds, view.map((c) => String(c.id)), "each chip shows its id");
    assert.match(viewOut, new RegExp(`ids: \\[${view.map((c) => c.id).join(", ")}\\]`));
    assert.match(viewOut, new RegExp(`토큰 ${view.length}개`));

    // latin-vocab (moved here from chapter 1): English is fine in both; Korean is [UNK] in the Latin vocabulary, never in ours.
    await runOk(page, "latin-vocab");
    assert.equal(await page.locator(cellSel("latin-vocab")).locator('[data-testid="tokens"]').count(), 4);
    const [enLatin, , koLatin, koOurs] = await Promise.all([0, 1, 2, 3].map((i) => chipKinds(page, "latin-vocab", i)));
    assert.ok(!enLatin.includes("unk"), "English words are spelled by the Latin vocabulary");
    assert.equal(koLatin.filter((k) => k === "unk").length, 4, "four Korean words, four [UNK]");
    assert.ok(!koOurs.includes("unk"), "our vocabulary covers the Korean sentence");

    // nfd-jamo: 3 syllables → 7 jamo → 7 pieces.
    const nfdOut = await runOk(page, "nfd-jamo");
    assert.match(nfdOut, /음절 3개 → NFD 분해 후 코드 포인트 7개/);
    assert.match(nfdOut, /자모 어휘의 조각: 7개/);
    const jamoChips = await chipKinds(page, "nfd-jamo");
    assert.deepEqual(jamoChips, ["word", "cont", "cont", "cont", "cont", "cont", "cont"], "ᄀ then six ## jamo pieces");
    assert.equal((await tableRows(page, "nfd-jamo")).length, 7);

    // pair-types: segment B has type 1.
    await runOk(page, "pair-types");
    const pairText = await page.locator(cellSel("pair-types")).locator('[data-testid="tokens"]').innerText();
    assert.match(pairText, /t0/);
    assert.match(pairText, /t1/);
    assert.equal((await chipKinds(page, "pair-types")).filter((k) => k === "special").length, 3);

    // batch-pad: T = the longest row, [PAD] chips with mask 0, a B × T heatmap.
    const padOut = await runOk(page, "batch-pad");
    const T = numberAfter(padOut, "T =");
    const lengths = /실제 길이 = \[([\d, ]+)\]/.exec(padOut)![1].split(",").map(Number);
    assert.equal(numberAfter(padOut, "B ="), 4);
    assert.equal(T, Math.max(...lengths));
    const row0 = await chipKinds(page, "batch-pad");
    assert.equal(row0.length, T);
    assert.equal(row0.filter((k) => k === "pad").length, T - lengths[0]);
    assert.ok(T > lengths[0], "the first review is shorter than the longest, so it has padding");
    assert.equal((await tableRows(page, "batch-pad")).length, 4);
    assert.ok((await chartRects(page, "batch-pad")) >= 4 * T, "one heatmap cell per token");

    // nsmc-lengths: a histogram, and padding to 512 wastes > 90 % of the tokens.
    const lenOut = await runOk(page, "nsmc-lengths");
    assert.ok((await chartRects(page, "nsmc-lengths")) >= 5, "histogram bars");
    const waste = numberAfter(lenOut, "낭비 비율");
    assert.ok(waste > 0.9 && waste < 1, `waste ${waste}`);
    const stats = (await tableRows(page, "nsmc-lengths"))[0].map(Number);
    assert.equal(stats[0], 5000);
    assert.ok(stats[4] <= 512 && stats[1] < stats[4]);

    // bucketing: each step recovers more; bucketing is nearly padding-free.
    await runOk(page, "bucketing");
    const plans = await tableRows(page, "bucketing");
    assert.equal(plans.length, 4);
    const ratio = plans.map((r) => Number(r[2].replace("%", "")) / 100);
    for (let i = 1; i < 4; i++) assert.ok(ratio[i] > ratio[i - 1], `ratios ${ratio}`);
    assert.ok(ratio[3] > 0.8, `bucketed ${ratio[3]}`);
    assert.ok(Math.abs(ratio[0] - (1 - waste)) < 0.002, "512 row agrees with the waste printed above");
    assert.ok((await chartRects(page, "bucketing")) >= 4);

    // train-vocab: the cell's vocabulary is trainVocabFromCounts on the same 200 reviews, computed again here in the
    // same kernel from a fresh fetch of the file (the whole token list, in id order), and its first merge is 영화.
    const vocabOut2 = await runOk(page, "train-vocab");
    const ref = await runInKernel(page, `
      const fresh = engine.parseNsmc(await engine.fetchText("/data/nsmc/ratings_train.txt.gz")).rows;
      const ref = engine.trainVocabFromCounts(
        engine.countWords(fresh.slice(0, 200).map((r) => r.text)), { vocabSize: 1000 });
      show.text(JSON.stringify({ ref: ref.tokens, cell: mini.tokens, alphabet: ref.alphabetSize, merges: ref.merges }));
    `);
    assert.ok(ref.ok, ref.text);
    const vocabs = JSON.parse(ref.text) as { ref: string[]; cell: string[]; alphabet: number; merges: number };
    assert.deepEqual(vocabs.cell, vocabs.ref, "the cell's vocabulary = trainVocabFromCounts on the same 200 reviews");
    assert.equal(vocabs.ref.length, 5 + vocabs.alphabet + vocabs.merges);
    assert.deepEqual(vocabs.ref.slice(0, 5), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
    const firstMerges = vocabs.ref.slice(5 + vocabs.alphabet, 5 + vocabs.alphabet + 12);
    assert.equal(firstMerges[0], "영화", "the first merge, as in the shipped vocabulary (id 4075)");
    assert.ok(vocabOut2.includes(`처음 합친 조각 12개: ${firstMerges.join("  ")}`), vocabOut2);
    assert.match(vocabOut2, new RegExp(`어휘 ${vocabs.ref.length}개 \\(특수 5 \\+ 글자 ${vocabs.alphabet} \\+ 합친 조각 ${vocabs.merges}\\)`));
    // The tiny vocabulary splits the common review but has no 고양이: whole words become [UNK]; ours has no [UNK].
    assert.equal(await page.locator(cellSel("train-vocab")).locator('[data-testid="tokens"]').count(), 4);
    assert.ok(!(await chipKinds(page, "train-vocab", 0)).includes("unk"), "이 영화 정말 재밌어요 in the tiny vocabulary");
    assert.ok((await chipKinds(page, "train-vocab", 2)).includes("unk"), "고양이가 귀엽다 in the tiny vocabulary");
    assert.ok(!(await chipKinds(page, "train-vocab", 3)).includes("unk"), "고양이가 귀엽다 in ours");

    // The exercises' solutions, in the same kernel.
    const [longest, batchSizes] = await solutionCodes(page);
    const ex1 = await runInKernel(page, longest);
    assert.ok(ex1.ok, ex1.text);
    const shown = ex1.items.find((i) => i.kind === "tokens") as unknown as { tokens: string[] } | undefined;
    assert.ok(shown && shown.tokens.length === stats[4], `the longest review has ${stats[4]} tokens`);
    assert.ok(checkPassed(ex1.items), ex1.text);
    const ex2 = await runInKernel(page, batchSizes);
    assert.ok(ex2.ok, ex2.text);
    // Measured (5,000 reviews, seed 1): bucketed 0.961 / 0.942 / 0.949, random 0.439 / 0.311 / 0.259 for B = 8 / 32 / 128.
    const effRows = kernelTable(ex2.items);
    assert.equal(effRows.length, 3);
    const bucketedEff = effRows.map((r) => Number(r[1]));
    const randomEff = effRows.map((r) => Number(r[2]));
    for (const e of bucketedEff) assert.ok(e > 0.9 && e <= 1, `bucketed efficiency ${e}`);
    assert.ok(Math.max(...bucketedEff) - Math.min(...bucketedEff) < 0.05, `bucketing hardly depends on B: ${bucketedEff}`);
    for (let i = 0; i < 3; i++) assert.ok(randomEff[i] < bucketedEff[i], `random < bucketed at row ${i}`);
    assert.ok(randomEff[0] > randomEff[1] && randomEff[1] > randomEff[2], `random batches pad more as B grows: ${randomEff}`);
    assert.ok(checkPassed(ex2.items), ex2.text);

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: outputPath("chapter-tokenization.png"), fullPage: true });
    // Chromium's full-page capture repeats the top beyond ~8,000 px: the last cells on their own.
    await page.locator(cellSel("nsmc-lengths")).screenshot({ path: outputPath("chapter-tokenization-nsmc-lengths.png") });
    await page.locator(cellSel("bucketing")).screenshot({ path: outputPath("chapter-tokenization-bucketing.png") });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
