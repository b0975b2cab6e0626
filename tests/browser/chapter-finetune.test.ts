// Chapter 6 (브라우저에서 NSMC 미세 조정) end to end in headless Chromium: a small config typed into the config
// cell, every cell run in order, then a cooperative Stop in the middle of training and a resume from IndexedDB,
// then the reader's walk with reloads: a reload in the middle of a run (a time checkpoint keeps it), the chapter's
// notice and its button (setup cells, then 이어서 학습), evaluation; a second reload, and evaluation rebuilds the
// model from the checkpoint.
// Needs `npm run build` first. Sizes are small on purpose: SwiftShader is slow (see the measured numbers in
// the report of the commit that added this test).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import {
  cellBackend, cellCode, cellOutputText, cellSel, runInKernel, openPage, outputPath, runCell, startSite, typeIntoCell, waitForStatus, type Site,
} from "./harness";

const CHAPTER = "/learn/finetune";
const env = (k: string, d: string) => process.env[k] ?? d;
// The bar is the issue's: above 0.75 on a held-out slice. Recipe chosen in PyTorch from the shipped encoder
// (step 8,000), scored on the first 2,000 test reviews, batch 32, maxLen 48, 10% warm-up
// (scripts/pretrain/finetune_ref.py --limit-train N --batch 32 --max-len 48 --warmup-frac 0.1 --limit-test 2000):
//   1,500 × 2 epochs: 0.730 (lr 2e-4), 0.740 (3e-4);   3,000 × 2: 0.759 (2e-4), 0.757 (3e-4);
//   5,000 × 1: 0.758 (3e-4);   8,000 × 1: 0.778 (3e-4);   4,000 × 2: 0.785 (3e-4), used here.
// Scored on 500 reviews (a standard error of ~1.8 points) so the 0.75 bar sits ~2 standard errors under 0.785.
// WebGPU on SwiftShader did not finish 6 training steps in 10 minutes here: the test uses wasm.
const MIN_ACC = Number(env("FT_MIN_ACC", "0.75"));
const config = (o: { train: number; epochs: number; every: number; seconds?: number; lr?: string; backend?: string }) => `const config = {
  trainLimit: ${o.train},
  validLimit: ${env("FT_VALID", "100")},
  evalLimit: ${env("FT_EVAL", "500")},
  epochs: ${o.epochs},
  batchSize: 32,
  lr: ${o.lr ?? env("FT_LR", "3e-4")},
  maxLen: 48,
  checkpointEvery: ${o.every},
  checkpointEverySeconds: ${o.seconds ?? 30},
  seed: 42,
  backend: ${o.backend ?? env("FT_BACKEND", '"wasm"')} as null | "webgpu" | "webgl" | "wasm" | "cpu",
};
config`;
const TRAIN_TIMEOUT = 30 * 60_000;

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

async function progressOf(page: import("playwright-core").Page, cellId: string) {
  const p = page.locator(cellSel(cellId)).locator('[data-testid="progress"]').last();   // the newest panel (a run that fell back to WASM has two)
  return { step: Number(await p.getAttribute("data-step")), total: Number(await p.getAttribute("data-total")), status: await p.getAttribute("data-status") };
}

async function checkpointInIndexedDB(page: import("playwright-core").Page): Promise<{ keys: string[]; step: number }> {
  return page.evaluate(
    () =>
      new Promise<{ keys: string[]; step: number }>((resolve, reject) => {
        const req = indexedDB.open("bert-lab");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const store = req.result.transaction("checkpoints", "readonly").objectStore("checkpoints");
          const all = store.getAll();
          all.onsuccess = () => {
            const recs = all.result as { key: string; files: Record<string, string> }[];
            const rec = recs.find((r) => r.key === "nsmc-latest");
            resolve({ keys: recs.map((r) => r.key), step: rec ? JSON.parse(rec.files["trainer_state.json"]).step : -1 });
          };
        };
      }),
  );
}

/**
 * Makes the kernel's tokenizer.encodeBatch throw `message` on its `call`-th call from now (while `when`, kernel
 * code, holds): the batch encoder runs once a step, so this is the error a failing backend throws at that step.
 * The encoder before it stays in the kernel as `encodeBeforeFailure`.
 */
async function failEncodeAt(page: import("playwright-core").Page, call: number, message: string, when = "true") {
  // The encoder before is bound now, in the closure: the global name is reassigned by the next call.
  const r = await runInKernel(page, [
    "const encodeBeforeFailure = tokenizer.encodeBatch;",
    "tokenizer.encodeBatch = ((before, calls) => (texts, o) => {",
    `  if (++calls.n === ${call} && (${when})) throw new Error(${JSON.stringify(message)});`,
    "  return before.call(tokenizer, texts, o);",
    "})(encodeBeforeFailure, { n: 0 });",
    "'ok'",
  ].join("\n"));
  assert.ok(r.ok, r.text);
}

describe("chapter 6: fine-tuning NSMC in the browser", () => {
  test("every cell in order, evaluation, checkpoint download/upload, Stop and resume", { timeout: 75 * 60_000 }, async () => {
    const t0 = Date.now();
    const lap = (what: string) => console.log(`# ${what}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const { page, problems, context } = await openPage(site, CHAPTER);
    // A reader's saved edit of the old 134-line dashboard cell, which the chapter no longer has: said, with the code.
    await page.evaluate(() => localStorage.setItem("bert-lab:cell:finetune:dashboard", JSON.stringify({ v: 2, source: "async function trainWithDashboard() { /* mine */ }", base: "0" })));
    await page.reload({ waitUntil: "load" });
    const orphan = page.getByTestId("orphan-edits");
    await orphan.waitFor({ timeout: 30_000 });
    assert.match(await orphan.innerText(), /dashboard/);
    assert.match(await orphan.innerText(), /show\.trainer/);
    await orphan.getByRole("button", { name: "내 코드 보기" }).click();
    assert.match(await orphan.getByTestId("orphan-code").innerText(), /trainWithDashboard\(\) \{ \/\* mine \*\/ \}/);
    await orphan.getByRole("button", { name: "지우기" }).click();
    await orphan.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => localStorage.getItem("bert-lab:cell:finetune:dashboard")), null);
    await typeIntoCell(page, "config", config({ train: Number(env("FT_TRAIN", "4000")), epochs: Number(env("FT_EPOCHS", "2")), every: 50 }));

    for (const id of ["load-data", "tokenize", "mistakes", "config", "prepare"]) {
      assert.equal(await runCell(page, id, { timeout: 180_000 }), "ok", `${id}: ${await cellOutputText(page, id)}`);
    }
    lap("setup cells");
    assert.match(await cellOutputText(page, "load-data"), /리뷰 글이 비어 있습니다/, "bad rows are reported, in Korean");
    assert.match(await cellOutputText(page, "tokenize"), /\[32, \d+\]/);
    const mistakes = await cellOutputText(page, "mistakes");
    assert.match(mistakes, /클래스 축\(-1\) argmax:\s+\[\s*0,\s*1,\s*1\s*\]/);
    // The training step by hand: 20 steps on one batch, and the loss falls (the chapter says from ~0.69 to < 0.01).
    assert.equal(await runCell(page, "hand-step", { timeout: 600_000 }), "ok", await cellOutputText(page, "hand-step"));
    lap("hand step");
    const hand = (await cellOutputText(page, "hand-step")).match(/손실: 처음 ([\d.]+) → 20스텝 뒤 ([\d.]+)/);
    assert.ok(hand, await cellOutputText(page, "hand-step"));
    console.log(`# hand step: loss ${hand[1]} → ${hand[2]}`);
    assert.ok(Number(hand[2]) < Number(hand[1]) / 2, `the hand step's loss falls: ${hand[1]} → ${hand[2]}`);
    const handPoints = await page.locator(cellSel("hand-step")).locator('[data-testid="chart"]').first().getAttribute("data-points");
    assert.equal(Number(handPoints), 20, "one chart point per hand step");

    // The train cell is short and about training: the plumbing is show.trainer's.
    const trainCode = await cellCode(page, "train");
    assert.ok(trainCode.split("\n").length <= 20, `train cell: ${trainCode.split("\n").length} lines`);
    assert.match(trainCode, /trainer\.fit\(/);

    assert.equal(await runCell(page, "train", { timeout: TRAIN_TIMEOUT }), "ok", await cellOutputText(page, "train"));
    lap("train");
    const trainOut = await cellOutputText(page, "train");
    const m = trainOut.match(/처음 10스텝 평균 loss ([\d.]+) → 마지막 10스텝 평균 loss ([\d.]+)/);
    assert.ok(m, trainOut);
    console.log(`# loss first 10 ${m[1]}, last 10 ${m[2]}`);
    assert.ok(Number(m[2]) < Number(m[1]), `loss decreases: ${m[1]} → ${m[2]}`);
    const prog = await progressOf(page, "train");
    assert.equal(prog.status, "done");
    assert.ok(prog.total > 0 && prog.step === prog.total, `progress reached 100%: ${prog.step}/${prog.total}`);
    assert.match(trainOut, /에포크 \d 검증: 정확도/);
    const points = Number(await page.locator(cellSel("train")).locator('[data-testid="chart"]').first().getAttribute("data-points"));
    assert.equal(points, prog.total, "the chart has one point per step");
    assert.equal(await page.locator(cellSel("train")).locator('[data-testid="train-stage"]').last().getAttribute("data-stage"), "", "nothing is lit once training is done");

    assert.equal(await runCell(page, "memory"), "ok", await cellOutputText(page, "memory"));
    assert.equal(await runCell(page, "evaluate", { timeout: 300_000 }), "ok", await cellOutputText(page, "evaluate"));
    lap("evaluate");
    const evalOut = await cellOutputText(page, "evaluate");
    const acc = Number(evalOut.match(/정확도 ([\d.]+)%/)![1]) / 100;
    const n = Number(evalOut.match(/\((\d+)개,/)![1]);
    const confusion = JSON.parse(evalOut.match(/혼동 행렬: (\[\[.*?\]\])/)![1]) as number[][];
    console.log(`# test accuracy ${acc} on ${n}, confusion ${JSON.stringify(confusion)}`);
    assert.equal(confusion.flat().reduce((a, b) => a + b, 0), n, "the confusion matrix adds up to the eval count");
    assert.ok(acc > MIN_ACC, `held-out accuracy ${acc} > ${MIN_ACC}`);
    assert.match(evalOut, /매크로 평균/);

    assert.equal(await runCell(page, "try-it"), "ok");
    assert.equal(await runCell(page, "checkpoints"), "ok", await cellOutputText(page, "checkpoints"));
    const stored = await checkpointInIndexedDB(page);
    assert.ok(stored.keys.includes("nsmc-latest"), `IndexedDB keys: ${stored.keys}`);
    assert.equal(stored.step, prog.total);

    // Download the checkpoint as one file, then upload it again.
    assert.equal(await runCell(page, "download", { timeout: 180_000 }), "ok", await cellOutputText(page, "download"));
    const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(cellSel("download")).locator('[data-testid="download"]').click()]);
    const file = outputPath("nsmc-checkpoint.bertlab");
    await dl.saveAs(file);
    assert.ok(fs.statSync(file).size > 1e6);
    await page.locator(cellSel("upload")).locator("button.btn-run").click();
    await page.locator(cellSel("upload")).locator('[data-testid="upload"] input[type="file"]').setInputFiles(file);
    assert.equal(await waitForStatus(page, "upload", ["ok", "error"], 180_000), "ok", await cellOutputText(page, "upload"));
    assert.match(await cellOutputText(page, "upload"), new RegExp(`스텝 ${prog.total}/${prog.total}`));
    fs.rmSync(file);

    assert.equal(await runCell(page, "resume"), "ok");
    assert.match(await cellOutputText(page, "resume"), /이미 끝까지/);
    lap("checkpoint cells");
    await page.locator(cellSel("train")).scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("chapter-finetune.png"), fullPage: true });

    // Stop in the middle: the cell's ■ 중지 asks the loop to stop; it checkpoints and the kernel survives.
    // A smaller run for this part (10 steps, a checkpoint every 5), so resuming stays short.
    await typeIntoCell(page, "config", config({ train: 320, epochs: 1, every: 5 }));
    for (const id of ["config", "prepare"]) assert.equal(await runCell(page, id), "ok");
    await page.locator(cellSel("train")).locator("button.btn-run").click();
    await page.waitForFunction(
      // The panel of THIS run (10 steps, running), not the finished one still on screen for a moment.
      (sel) => {
        const el = document.querySelector(sel);
        return el?.getAttribute("data-total") === "10" && el.getAttribute("data-status") === "running" && Number(el.getAttribute("data-step")) >= 3;
      },
      `${cellSel("train")} [data-testid="progress"]`,
      { timeout: TRAIN_TIMEOUT, polling: 200 },
    );
    // While it trains, the panel's loop strip lights the stage being computed (lib/train/stages.ts): sample it.
    const lit = new Set<string>();
    for (let i = 0; i < 40; i++) {
      lit.add((await page.locator(cellSel("train")).locator('[data-testid="train-stage"]').last().getAttribute("data-stage")) ?? "");
      await page.waitForTimeout(50);
    }
    console.log(`# stages lit while training: ${[...lit].join(", ")}`);
    assert.ok(lit.has("forward") || lit.has("backward"), `a stage of the step is lit while training: ${[...lit]}`);
    for (const s of lit) assert.ok(["", "batch", "forward", "loss", "backward", "clip", "adamw", "schedule"].includes(s), s);
    await page.locator(cellSel("train")).locator(".cell-toolbar button.btn-stop").click();
    assert.equal(await waitForStatus(page, "train", ["ok", "error", "stopped"], 300_000), "ok", await cellOutputText(page, "train"));
    const stopped = await progressOf(page, "train");
    assert.equal(stopped.status, "stopped");
    assert.ok(stopped.step < stopped.total);
    assert.match(await cellOutputText(page, "train"), new RegExp(`스텝 ${stopped.step}/${stopped.total}에서 멈췄습니다`));
    assert.equal((await checkpointInIndexedDB(page)).step, stopped.step, "the checkpoint holds the step where it stopped");
    lap("stop");

    assert.equal(await runCell(page, "resume", { timeout: TRAIN_TIMEOUT }), "ok", await cellOutputText(page, "resume"));
    const resumed = await progressOf(page, "resume");
    assert.equal(resumed.status, "done");
    assert.equal(resumed.step, resumed.total);
    assert.match(await cellOutputText(page, "resume"), new RegExp(`스텝 ${stopped.step}/${stopped.total}에서 이어서`));
    assert.equal((await checkpointInIndexedDB(page)).step, resumed.total);
    lap("resume");
    await page.locator(cellSel("resume")).scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputPath("chapter-finetune-resume.png") });

    // A reload in the middle of a run. No step checkpoints in this run, only one every 2 s: that is what survives.
    await typeIntoCell(page, "config", config({ train: 320, epochs: 1, every: 1000, seconds: 2 }));
    for (const id of ["config", "prepare"]) assert.equal(await runCell(page, id), "ok");
    await page.locator(cellSel("train")).locator("button.btn-run").click();
    let saved = -1;
    for (const t1 = Date.now(); Date.now() - t1 < TRAIN_TIMEOUT; await page.waitForTimeout(500)) {
      const p = await progressOf(page, "train").catch(() => null);
      if (p?.total === 10 && p.status === "running") saved = (await checkpointInIndexedDB(page)).step;
      if (saved >= 1 && saved < 10 && (p?.step ?? 0) >= 3) break;
    }
    assert.ok(saved >= 1 && saved < 10, `a time checkpoint was taken mid-run (step ${saved})`);
    await page.reload({ waitUntil: "load" });
    lap("reload mid-run");
    const notice = page.getByTestId("checkpoint-notice");
    await notice.waitFor({ timeout: 30_000 });
    const noticeStep = Number(await notice.getAttribute("data-step"));
    assert.equal(noticeStep, (await checkpointInIndexedDB(page)).step, "the notice names the stored step");
    assert.ok(noticeStep >= saved && noticeStep < 10, `notice step ${noticeStep}`);
    assert.match(await notice.innerText(), new RegExp(`스텝 ${noticeStep}/10`));
    assert.match(await notice.innerText(), /resume/);
    await notice.screenshot({ path: outputPath("chapter-finetune-notice.png") });
    // The reader's edit of the config survived the reload.
    assert.match(await cellCode(page, "config"), /checkpointEverySeconds: 2/);
    // The notice's button runs the setup cells, then 이어서 학습.
    await notice.getByRole("button").click();
    assert.equal(await waitForStatus(page, "resume", ["ok", "error", "stopped"], TRAIN_TIMEOUT), "ok", await cellOutputText(page, "resume"));
    for (const id of ["load-data", "tokenize", "config", "prepare"]) assert.equal(await page.locator(cellSel(id)).getAttribute("data-status"), "ok", id);
    assert.match(await cellOutputText(page, "resume"), new RegExp(`스텝 ${noticeStep}/10에서 이어서`));
    const afterReload = await progressOf(page, "resume");
    assert.equal(afterReload.status, "done");
    assert.equal(afterReload.step, 10);
    assert.equal(await runCell(page, "evaluate", { timeout: 300_000 }), "ok", await cellOutputText(page, "evaluate"));
    assert.doesNotMatch(await cellOutputText(page, "evaluate"), /다시 만들었습니다/, "the resumed model is used as it is");
    assert.equal(await runCell(page, "try-it"), "ok", await cellOutputText(page, "try-it"));
    lap("resume after reload");

    // Reload again, setup only: evaluation and try-it rebuild the model from the finished checkpoint and say so.
    await page.reload({ waitUntil: "load" });
    await notice.waitFor({ timeout: 30_000 });
    assert.match(await notice.innerText(), /끝까지 학습한 체크포인트/);
    await notice.getByRole("button").click();
    assert.equal(await waitForStatus(page, "prepare", ["ok", "error"], 300_000), "ok", await cellOutputText(page, "prepare"));
    assert.equal(await runCell(page, "evaluate", { timeout: 300_000 }), "ok", await cellOutputText(page, "evaluate"));
    const rebuilt = await cellOutputText(page, "evaluate");
    assert.match(rebuilt, /체크포인트\(스텝 10\/10\)에서 다시 만들었습니다/);
    assert.match(rebuilt, /정확도 [\d.]+%/);
    assert.equal(await runCell(page, "try-it"), "ok", await cellOutputText(page, "try-it"));
    assert.equal(await runCell(page, "memory"), "ok", await cellOutputText(page, "memory"));
    lap("evaluate after a second reload");

    // A GPU backend that breaks mid-run. WebGL (SwiftShader here, picked by hand in the config) trains step 1
    // and takes a time checkpoint; at step 2 the batch encoder throws the error a WebGL shader that fails to
    // compile throws (a GLSL program in the message). The chapter says so in Korean, keeps the shader source out
    // of the panel, and finishes the run on WASM from the checkpoint.
    await typeIntoCell(page, "config", config({ train: 64, epochs: 1, every: 1000, seconds: 1, backend: '"webgl"' }));
    for (const id of ["config", "prepare"]) assert.equal(await runCell(page, id), "ok", await cellOutputText(page, id));
    assert.equal((await runInKernel(page, "tf.getBackend()")).text, "webgl");
    await failEncodeAt(page, 2, "Couldn't parse line number in error: #version 300 es\n    precision highp float;\n    void main() { }", "tf.getBackend() === 'webgl'");
    assert.equal(await runCell(page, "train", { timeout: TRAIN_TIMEOUT }), "ok", await cellOutputText(page, "train"));
    const failed = await cellOutputText(page, "train");
    assert.match(failed, /webgl 백엔드가 학습 중에 고장 났습니다\. WASM으로 바꿔 마지막 체크포인트에서 이어서 학습합니다/);
    assert.match(failed, /webgl 백엔드가 고장 났습니다: GPU 셰이더를 컴파일하지 못했습니다/);
    assert.doesNotMatch(failed, /precision highp/, "no shader source in view");
    assert.match(failed, /스텝 1\/2에서 이어서|NSMC 미세 조정 \(WASM에서 이어서\)/);
    const finished = await progressOf(page, "train");
    assert.equal(finished.status, "done");
    assert.equal(finished.step, 2);
    assert.equal(await cellBackend(page, "train"), "wasm");
    await page.locator(cellSel("train")).screenshot({ path: outputPath("chapter-finetune-gpu-failure.png") });
    lap("GPU failure mid-run");

    // A learning rate that diverges: non-finite steps are skipped (said, with the step and the value), and after
    // 3 in a row the run stops with the weights of the last good step.
    await typeIntoCell(page, "config", config({ train: 320, epochs: 1, every: 1000, lr: "1e6" }));
    for (const id of ["config", "prepare"]) assert.equal(await runCell(page, id), "ok");
    assert.equal(await runCell(page, "train", { timeout: TRAIN_TIMEOUT }), "ok", await cellOutputText(page, "train"));
    const diverged = await cellOutputText(page, "train");
    assert.match(diverged, /스텝 \d+: 손실 (NaN|Infinity|-Infinity), 기울기 노름 \S+ — 유한한 값이 아니라서 이번 업데이트를 건너뛰었습니다/);
    assert.match(diverged, /3번 연속입니다\. 계속 이러면 config\.lr을 낮추세요/);
    assert.match(diverged, /손실이 3번 연속 유한하지 않아 멈췄습니다/);
    assert.equal((await progressOf(page, "train")).status, "error");
    await page.locator(cellSel("train")).screenshot({ path: outputPath("chapter-finetune-diverged.png") });
    lap("diverging lr");

    // Out of GPU memory at step 3 (the error tfjs's GPU backends throw, injected into the batch encoder after two
    // step checkpoints): the run stops, explained with chapter 4's estimate for this batch and length, and the
    // checkpoint of step 2 stays in IndexedDB.
    await typeIntoCell(page, "config", config({ train: 320, epochs: 1, every: 1 }));
    for (const id of ["config", "prepare"]) assert.equal(await runCell(page, id), "ok");
    await failEncodeAt(page, 3, "Failed to allocate 1.17 GB on the GPU: out of memory");
    assert.equal(await runCell(page, "train", { timeout: TRAIN_TIMEOUT }), "error", await cellOutputText(page, "train"));
    const oomText = await cellOutputText(page, "train");
    assert.match(oomText, /GPU 메모리가 모자랍니다\. 배치 32 × 길이 48의 학습 한 스텝 추정: 가중치 [\d.]+ MiB \+ 기울기 [\d.]+ MiB \+ AdamW 상태 [\d.]+ MiB \+ 활성값 [\d.]+ MiB = [\d.]+ MiB/);
    assert.match(oomText, /config\.batchSize나 config\.maxLen을 줄여 다시 실행하세요/);
    assert.match(oomText, /마지막 체크포인트\(스텝 2\)는 IndexedDB\('nsmc-latest'\)에 남아 있습니다/);
    assert.match(await page.locator(cellSel("train")).locator('[data-testid="progress"]').last().innerText(), /메모리 부족으로 멈췄습니다/);
    assert.equal((await checkpointInIndexedDB(page)).step, 2);
    await page.locator(cellSel("train")).scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);   // the editor lays itself out again after the error panel opens
    await page.locator(cellSel("train")).screenshot({ path: outputPath("chapter-finetune-oom.png") });
    assert.ok((await runInKernel(page, "tokenizer.encodeBatch = encodeBeforeFailure; 'ok'")).ok);
    lap("out of memory");
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
