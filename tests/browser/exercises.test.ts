// Every exercise checks itself, as a reader meets it: in each chapter with exercises, 모두 실행 runs the chapter
// (its scratch cells with their starter code, which must print ✘), then for each exercise the reader opens the
// solution, copies it into the scratch cell with the button and runs it (✔), and then types one plausible wrong
// answer (✘ with the hint for that mistake). A check that cannot fail, or a solution that does not pass, fails here.
// Runs without GPU flags (WASM, like no-gpu.test.ts): the same numbers on every machine. Needs `npm run build` first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cellCode, cellSel, cellOutputText, openPage, outputPath, ROOT, runAllCells, runCell, GPU_FLAGS, startSite, typeIntoCell, type Site } from "./harness";
import { extractExercises } from "../../scripts/cells/extract";
import type { Page } from "playwright-core";

/** One plausible wrong answer per exercise (the whole scratch cell) and the hint it must get. */
const WRONG: Record<string, { code: string; hint: RegExp }> = {
  "sum-squares": {
    code: `const sumOfSquares = (await tf.range(1, 10).square().sum().data())[0];\nawait show.check("sum-squares", sumOfSquares);`,
    hint: /tf\.range\(1, 11\)/,
  },
  "fill-two": {
    code: `const fills = await engine.fillMask(lm, "[MASK] 영화 정말 [MASK]");\nawait show.check("fill-two", fills);`,
    hint: /세 번째 인자를 3으로/,
  },
  "large-size": {
    code: `const largeParams = engine.parameterCount(engine.makeConfig("base", { vocab_size: 30522 }));\nawait show.check("large-size", largeParams);`,
    hint: /BERT-base의 수입니다/,
  },
  longest: {
    code: `const longestText = sample[lengths.indexOf(Math.min(...lengths))].text;\nawait show.check("longest", longestText);`,
    hint: /가장 짧은 리뷰/,
  },
  "batch-padding": {
    code:
      `const randomAt128 = engine.paddingEfficiency(lengths, engine.makeBatches(lengths, 128, { seed: 1 })).efficiency;\n` +
      `await show.check("batch-padding", randomAt128);`,
    hint: /bucketSize: 1/,
  },
  "cls-share": {
    code:
      `const all = seen.get("layer.0.attention.probs")!;\nconst clsShare: number[] = [];\n` +
      `for (let hh = 0; hh < A; hh++) {\n  const row = tf.slice(all, [0, hh, 0, 0], [1, 1, 1, T]).mean();\n` +
      `  clsShare.push((await row.data())[0]);\n}\nawait show.check("cls-share", clsShare);`,
    hint: /1\/T/,
  },
  "head-by-hand": {
    // Forgetting ÷ √D.
    code:
      `const h2 = 2;\nconst colsOf = (w: tf.Tensor) => tf.slice(w, [0, h2 * D], [H, D]);\n` +
      `const biasOf = (b: tf.Tensor) => tf.slice(b, [h2 * D], [D]);\n` +
      `const proj = (n: string) => x.matMul(colsOf(P(\`\${n}.weight\`))).add(biasOf(P(\`\${n}.bias\`)));\n` +
      `const myProbs = tf.softmax(proj(names.query).matMul(proj(names.key), false, true).add(additive.reshape([1, T])));\n` +
      `await show.check("head-by-hand", myProbs);`,
    hint: /√D로 나누기를 빠뜨렸습니다/,
  },
  "padding-mask": {
    code:
      `const padded = (mask: number) => ({\n  inputIds: [...enc.ids, 0, 0, 0], tokenTypeIds: [...enc.tokenTypeIds, 0, 0, 0],\n` +
      `  attentionMask: [...enc.attentionMask, mask, mask, mask], batchSize: 1, seqLen: T + 3,\n});\n` +
      `const lastCls = (mask: number) => clsOf(model.forward(padded(mask), { outputHidden: true }).hidden![L]);\n` +
      `const padDiff = { masked: await maxDiff(lastCls(1), clsOf(hidden[L])), unmasked: await maxDiff(lastCls(0), clsOf(hidden[L])) };\n` +
      `await show.check("padding-mask", padDiff);`,
    hint: /뒤바뀌었습니다/,
  },
  "longest-t": {
    code:
      `let longestT = 0;\nfor (let T = 8; T <= 512; T += 8)\n` +
      `  if (engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: T }).total <= 3.4 * 2 ** 30) longestT = T;\n` +
      `await show.check("longest-t", longestT);`,
    hint: /배치 2일 때의 답/,
  },
  "half-precision": {
    code:
      `const f32 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512 });\n` +
      `const f16 = engine.estimateTrainingMemory(base, { batchSize: 2, seqLen: 512, bytesPerValue: 2 });\n` +
      `const activationRatio = f32.activations / f16.activations;\nawait show.check("half-precision", activationRatio);`,
    hint: /거꾸로 나눴습니다/,
  },
  unsure: {
    code:
      `const unsureTexts = ["인생 영화입니다. 배우, 음악, 연출 모두 완벽", "나쁘진 않은데 다시 보진 않을 듯", "그럭저럭 볼만함"];\n` +
      `const p = (await tf.softmax(clf.model.forward(clf.tokenizer.encodeBatch(unsureTexts, { maxLen: 128 })).logits, -1).array()) as number[][];\n` +
      `const d = p.map((r) => Math.abs(r[1] - 0.5));\nconst mostUnsure = unsureTexts[d.indexOf(Math.max(...d))];\n` +
      `await show.check("unsure", mostUnsure);`,
    hint: /가장 확신하는/,
  },
  unflatten: {
    code:
      `const x = tf.randomNormal([3, 5], 0, 1, "float32", 5);\nconst i = (await tf.argMax(x.flatten()).data())[0];\n` +
      `const rowCol = [i % 5, Math.floor(i / 5)];\nawait show.check("unflatten", rowCol);`,
    hint: /뒤바뀌었습니다/,
  },
  "fixed-padding": {
    code:
      `const fixedShare = lengths.reduce((s, n) => s + n, 0) / (lengths.length * config.maxLen);\n` +
      `await show.check("fixed-padding", fixedShare);`,
    hint: /잘리므로/,
  },
  "lr-schedule": {
    code:
      `const total = Math.ceil(trainSet.length / config.batchSize) * config.epochs;\n` +
      `const lrAtStep100 = engine.linearWarmupDecay(100, total, 0, config.lr);\nawait show.check("lr-schedule", lrAtStep100);`,
    hint: /워밍업을 빠뜨렸습니다/,
  },
  "sep-head": {
    code:
      `const sepHeads: { 문장: string; 층: number; 헤드: number }[] = [];\n` +
      `for (const text of ["연기가 어색해서 몰입이 안 됐다", "OST가 너무 좋아서 계속 듣고 있어요", "그냥 그랬다"]) {\n` +
      `  const r = await analyze(text);\n  let best = { 층: 0, 헤드: 0, 몫: -1 };\n` +
      `  r.att.forEach((layer, l) => layer.forEach((m, h) => {\n    const share = m.reduce((s, row) => s + row[0], 0) / m.length;\n` +
      `    if (share > best.몫) best = { 층: l + 1, 헤드: h + 1, 몫: share };\n  }));\n` +
      `  sepHeads.push({ 문장: text, 층: best.층, 헤드: best.헤드 });\n}\nawait show.check("sep-head", sepHeads);`,
    hint: /\[CLS\]\(0번 열\)를 본 헤드/,
  },
  "one-word": {
    code:
      `const changed = sentence.replace("좋았고", "별로였고");\nconst changedProb = mine.probs[Math.max(0, clf.labels.indexOf("긍정"))];\n` +
      `await show.check("one-word", changedProb);`,
    hint: /원래 문장의 확률/,
  },
  scratch: {
    // Forgetting initParams: the pretrained encoder again, trained the same way, so the same accuracy.
    code:
      `const again = (await engine.loadClassifier("/models/encoder/", { seed: 42 })).model;\n` +
      `(await engine.finetune({ model: again, tokenizer: encoder.tokenizer, train: trainSet, epochs: 1,\n` +
      `  batchSize: slice.batchSize, maxLen: slice.maxLen, lr: 2e-4, seed: 1 })).optimizer.dispose();\n` +
      `const scratchResult = await engine.evaluateClassifier(again, encoder.tokenizer, testSet, { maxLen: slice.maxLen });\n` +
      `again.dispose();\nawait show.check("scratch", scratchResult);`,
    hint: /사전 학습한 인코더의 정확도/,
  },
  roundtrip: {
    code:
      `const roundtrip = await engine.loadHuggingFace("/models/hf-tiny/", { labels: ["부정", "긍정"], seed: 42 });\n` +
      `await show.check("roundtrip", roundtrip);`,
    hint: /학습 전 가중치/,
  },
};

const chapters = fs
  .readdirSync(path.join(ROOT, "content"))
  .filter((f) => /^\d+-.*\.mdx$/.test(f))
  .sort()
  .map((f) => ({ slug: f.replace(/\.mdx$/, "").replace(/^\d+[-_]/, ""), exercises: extractExercises(fs.readFileSync(path.join(ROOT, "content", f), "utf8")) }))
  .filter((c) => c.exercises.length > 0);

/** The verdict the last run of a scratch cell printed. */
async function lastCheck(page: Page, cellId: string): Promise<{ ok: boolean; text: string }> {
  const checks = page.locator(cellSel(cellId)).locator('[data-testid="check"]');
  const n = await checks.count();
  if (n === 0) return { ok: false, text: `(no check printed) ${await cellOutputText(page, cellId)}` };
  const last = checks.nth(n - 1);
  return { ok: (await last.getAttribute("data-ok")) === "true", text: await last.innerText() };
}

let site: Site;
before(async () => {
  site = await startSite({ omitArgs: GPU_FLAGS });
});
after(async () => {
  await site?.close();
});

describe("exercises check themselves", () => {
  test("every exercise has a wrong answer to try here", () => {
    const ids = chapters.flatMap((c) => c.exercises.map((e) => e.id));
    assert.deepEqual(ids.filter((id) => !id || !WRONG[id]), []);
    assert.ok(ids.length >= 17);
  });

  for (const { slug, exercises } of chapters) {
    test(`chapter '${slug}': starter ✘, copied solution ✔, a wrong answer ✘ with its hint`, { timeout: 40 * 60_000 }, async () => {
      const t0 = Date.now();
      const { page, problems, context } = await openPage(site, `/learn/${slug}`);
      await runAllCells(page, slug);
      for (const ex of exercises) {
        const id = ex.id!, cell = `ex-${id}`;
        const starter = await lastCheck(page, cell);
        assert.equal(starter.ok, false, `${id}: the starter code passes its own check: ${starter.text}`);
        assert.match(starter.text, /✘[\s\S]*힌트: \S/, `${id}: the starter's ✘ has a hint`);

        // The reader opens the solution and copies it into the scratch cell.
        const box = page.locator(`#ex-${id}`);
        await box.locator("details.solution > summary").click();
        const fill = box.getByTestId("fill-cell");
        // Under a loaded CI machine one click has been seen not to open the <details>: say so, and open it.
        if (!(await fill.waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false))) {
          console.log(`# ${id}: the solution did not open on the first click; opening it`);
          await box.locator("details.solution").evaluate((d) => ((d as HTMLDetailsElement).open = true));
        }
        await fill.click();
        assert.equal(await cellCode(page, cell), ex.solution, `${id}: the button put the solution into the cell`);
        assert.equal(await runCell(page, cell, { timeout: 10 * 60_000 }), "ok", `${id}: ${await cellOutputText(page, cell)}`);
        const solved = await lastCheck(page, cell);
        assert.equal(solved.ok, true, `${id}: the solution fails its check: ${solved.text}`);

        const wrong = WRONG[id];
        await typeIntoCell(page, cell, wrong.code);
        assert.equal(await runCell(page, cell, { timeout: 10 * 60_000 }), "ok", `${id} (wrong answer): ${await cellOutputText(page, cell)}`);
        const missed = await lastCheck(page, cell);
        assert.equal(missed.ok, false, `${id}: a wrong answer passes: ${missed.text}`);
        assert.match(missed.text, wrong.hint, `${id}: the wrong answer's hint`);
        console.log(`# ${id}: ✔ ${solved.text.replace(/\s+/g, " ").slice(0, 140)} | ✘ ${missed.text.replace(/\s+/g, " ").slice(0, 140)}`);
      }
      if (slug === "cells") {
        // A copied solution is the reader's edit: it survives a reload.
        const ex = exercises[0];
        await page.locator(`#ex-${ex.id} [data-testid="fill-cell"]`).click();
        await page.waitForTimeout(500);
        await page.reload();
        assert.equal(await cellCode(page, `ex-${ex.id}`), ex.solution, "the copied solution is still there after a reload");
        await page.locator(`#ex-${ex.id}`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: outputPath("exercise-cells.png") });
      }
      console.log(`# ${slug}: ${exercises.length} exercises in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      assert.deepEqual(problems(), []);
      await context.close();
    });
  }
});
