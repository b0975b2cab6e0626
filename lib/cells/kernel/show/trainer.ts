// show.trainer: chapter 6's fine-tuning with everything around it that is not about training. The chapter's
// cells show the step by hand and the loop's own code; this is what a reader should not have to read:
//   - a loss/accuracy chart and a progress panel (steps, ETA, backend, tensor memory) with a Stop button;
//   - checkpoints (by steps, by time, at epoch ends, on Stop) and a failed save reported once, then counted;
//   - non-finite steps said in Korean, and the run that diverged said with what to change;
//   - out of GPU memory explained with chapter 4's estimate;
//   - a GPU backend that breaks mid-run (shader, device lost): WASM, from this run's last checkpoint;
//   - the trained model in this kernel, or rebuilt from the checkpoint after a reload (`trained()`).
// It lives in the kernel (not lib/train, which stays framework-free) because it draws and switches backends.
import { koreanMessage } from "../../korean";
import * as tf from "@tensorflow/tfjs";
import { estimateTrainingMemory, type BertForSequenceClassification } from "../../../model";
import { loadClassifier } from "../../../pipeline";
import { backendFailure } from "../../../runtime";
import {
  evaluateClassifier, finetune, loadCheckpoint,
  type AdamW, type BatchEncoder, type EvaluateResult, type FinetuneResult, type LabeledExample, type StorageAdapter, type TrainState,
} from "../../../train";
import { formatBytes } from "../../../format";
import { NO_DISPLAY } from "../context";
import { setKernelBackend } from "../set-backend";
import { FAILURE_TEXT } from "../errors";
import { lineChart } from "./charts";
import { progress } from "./progress";
import { text } from "./text";

export interface TrainerOptions {
  tokenizer: BatchEncoder;
  train: LabeledExample[];
  eval?: LabeledExample[];             // scored after every epoch (a validation set, never the test set)
  storage: StorageAdapter;             // where checkpoints go (new engine.IndexedDBStorage() in a page)
  checkpointKey: string;
  epochs: number;
  batchSize: number;
  lr: number;                          // peak learning rate
  maxLen: number;
  seed: number;
  checkpointEvery?: number;            // steps (0: only at epoch ends and on Stop)
  checkpointEverySeconds?: number;     // wall time between saves
  encoder?: string;                    // a fresh start after a GPU failure with no checkpoint; default /models/encoder/
}

export interface FitOptions {
  resume?: { optimizer: AdamW; state: TrainState };   // from engine.loadCheckpoint
  title?: string;
}

type Model = BertForSequenceClassification;

/** Tensor memory now; numBytesInGPU only exists on GPU backends (WebGPU, WebGL). */
function memoryNow() {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return { numBytes: m.numBytes, numTensors: m.numTensors, numBytesInGPU: m.numBytesInGPU };
}

const bytes = (n: number) => formatBytes(n, 1);   // "257.3 MiB", "3.13 GiB"

/** One trainer per checkpoint key: a new one (the setup cell run again) takes over the model of the old one. */
const byKey = new Map<string, Trainer>();

export class Trainer {
  readonly [NO_DISPLAY] = true;
  /** The model of the last fit (or rebuilt by trained()); undefined until then. */
  model: Model | undefined;

  constructor(readonly o: TrainerOptions) {}

  private get hyper() {
    const o = this.o;
    return {
      tokenizer: o.tokenizer, train: o.train, eval: o.eval, epochs: o.epochs, batchSize: o.batchSize, lr: o.lr,
      maxLen: o.maxLen, seed: o.seed, storage: o.storage, checkpointKey: o.checkpointKey,
      checkpointEvery: o.checkpointEvery, checkpointEverySeconds: o.checkpointEverySeconds,
    };
  }

  /** Switches to the model a fit will train; the one before it is disposed (it is not kept anywhere else). */
  private adopt(model: Model | undefined): void {
    if (this.model && this.model !== model) {
      try { this.model.dispose(); } catch { /* tensors of a broken backend */ }
    }
    this.model = model;
  }

  /** engine.finetune(model, …this trainer's options) with the chart, the panel and every failure handled. */
  async fit(model: Model, f: FitOptions = {}): Promise<FinetuneResult> {
    this.adopt(model);
    const key = this.o.checkpointKey;
    const title = f.title ?? "미세 조정";
    let ours = f.resume?.state.step ?? -1;   // this run's last saved step (not another run's checkpoint)
    let failedSaves = 0;
    const steps = Math.ceil(this.o.train.length / this.o.batchSize) * this.o.epochs;
    const chart = lineChart({ title: "학습 손실과 (에포크 내 누적) 정확도", x: "step", series: ["loss", "acc"], xLabel: "스텝" });
    const bar = progress({ title, total: f.resume?.state.totalSteps ?? steps, backend: tf.getBackend() });
    if (f.resume) {
      const done = f.resume.state.history.filter((h) => !h.skipped);
      chart.append(done.map((h) => ({ step: h.step, loss: h.loss, acc: h.accuracy })));
    }
    try {
      const result = await finetune({
        ...this.hyper, model, resume: f.resume, signal: bar.signal,
        onCheckpoint(c) {
          if (c.ok) { ours = c.step; return; }
          // A failed save (storage full, …) does not stop training: the reason once, then a count.
          if (++failedSaves === 1) text(`스텝 ${c.step}의 체크포인트를 저장하지 못했습니다. 학습은 계속합니다.\n${c.error ? koreanMessage(c.error) : ""}`);
          else bar.update({ note: `체크포인트 저장 실패 ${failedSaves}번 (마지막: 스텝 ${c.step})` });
        },
        onSkip: (k) => {
          text(
            `스텝 ${k.step}: 손실 ${k.loss}, 기울기 노름 ${k.gradNorm} — 유한한 값이 아니라서 이번 업데이트를 건너뛰었습니다(가중치는 그대로). ` +
              `${k.consecutive}번 연속입니다. 계속 이러면 config.lr을 낮추세요 (지금 ${this.o.lr}).`,
          );
        },
        onStage: (stage) => bar.update({ stage }),
        onProgress(e) {
          if (!e.skipped) chart.append({ step: e.step, loss: e.loss, acc: e.runningAccuracy });   // a skipped step's loss is NaN
          bar.update({
            step: e.step, total: e.totalSteps, loss: e.loss, acc: e.runningAccuracy,
            exPerSec: e.examplesPerSecond, eta: e.etaSeconds, backend: tf.getBackend(), memory: memoryNow(),
          });
        },
        onEval({ epoch, metrics }) {
          text(`에포크 ${epoch + 1} 검증: 정확도 ${(metrics.accuracy * 100).toFixed(1)}%, 매크로 평균 F1 ${metrics.macroF1.toFixed(3)} (${metrics.n}개)`);
        },
      });
      const s = result.state;
      if (result.stoppedBy === "diverged") {
        const back = result.diverged?.restoredStep;
        bar.fail(
          `손실이 3번 연속 유한하지 않아 멈췄습니다. 가중치는 ${back !== undefined ? `마지막 체크포인트(스텝 ${back})` : "마지막 정상 스텝"}의 것입니다. ` +
            `config.lr을 낮추고(예: ${this.o.lr / 10}) 학습 셀을 다시 실행하세요.`,
        );
        return result;
      }
      const saved = ours === s.step;
      bar.done({
        step: s.step, memory: memoryNow(),
        note: result.cancelled
          ? `스텝 ${s.step}/${s.totalSteps}에서 멈췄습니다. ` +
            (saved ? `체크포인트 '${key}'에 저장했으니 아래 '이어서 학습' 셀로 계속할 수 있습니다.` : `체크포인트는 스텝 ${ours}의 것이 마지막입니다.`)
          : `학습을 마쳤습니다 (${s.step} 스텝). ` + (saved ? `체크포인트 '${key}'에 저장했습니다.` : "마지막 체크포인트는 저장하지 못했습니다."),
      });
      return result;
    } catch (e) {
      const failure = backendFailure(e);
      const backend = tf.getBackend();
      if (failure && failure.kind !== "out-of-memory" && backend !== "wasm") {
        // The GPU backend broke: go on on WASM from this run's last checkpoint (from the start if there is none).
        bar.fail(`${backend} 백엔드가 고장 났습니다: ${FAILURE_TEXT[failure.kind]}`);   // the English stays out of view
        text(`${backend} 백엔드가 학습 중에 고장 났습니다. WASM으로 바꿔 마지막 체크포인트에서 이어서 학습합니다.`);
        await setKernelBackend("wasm");
        try { f.resume?.optimizer.dispose(); } catch { /* tensors of the broken backend */ }
        this.adopt(undefined);
        const restored = await loadCheckpoint(this.o.storage, key).catch(() => null);
        if (restored && restored.state.step === ours) {
          return this.fit(restored.model, { resume: { optimizer: restored.optimizer, state: restored.state }, title: `${title} (WASM에서 이어서)` });
        }
        if (restored) { restored.model.dispose(); restored.optimizer.dispose(); }   // another run's checkpoint
        const fresh = await loadClassifier(this.o.encoder ?? "/models/encoder/", { seed: this.o.seed });
        return this.fit(fresh.model, { title: `${title} (WASM에서 처음부터)` });
      }
      if (failure?.kind === "out-of-memory") {
        bar.fail("메모리 부족으로 멈췄습니다");
        this.explainOutOfMemory(model, ours);
      } else {
        bar.fail(e);
      }
      throw e;
    }
  }

  /** Out of memory: chapter 4's estimate of what this setting needs, and what to change. */
  private explainOutOfMemory(model: Model, savedStep: number): void {
    const { batchSize, maxLen, checkpointKey } = this.o;
    const est = estimateTrainingMemory(model.config, { batchSize, seqLen: maxLen });
    text(
      `GPU 메모리가 모자랍니다. 배치 ${batchSize} × 길이 ${maxLen}의 학습 한 스텝 추정: ` +
        `가중치 ${bytes(est.weights)} + 기울기 ${bytes(est.gradients)} + AdamW 상태 ${bytes(est.optimizer)} + 활성값 ${bytes(est.activations)} = ${bytes(est.total)}.\n` +
        `활성값은 배치와 길이에 비례(어텐션 점수는 길이의 제곱)하므로 config.batchSize나 config.maxLen을 줄여 다시 실행하세요. ` +
        (savedStep >= 0
          ? `마지막 체크포인트(스텝 ${savedStep})는 IndexedDB('${checkpointKey}')에 남아 있습니다.`
          : `이 학습은 아직 체크포인트를 저장하지 못했습니다.`),
    );
  }

  /**
   * The trained model: the one in this kernel, or, after a reload or a kernel restart, rebuilt from the
   * checkpoint in storage (said in the output).
   */
  async trained(): Promise<Model> {
    if (this.model) return this.model;
    const key = this.o.checkpointKey;
    const restored = await loadCheckpoint(this.o.storage, key).catch(() => null);
    if (!restored) {
      throw new Error(`학습한 모델이 없습니다: 이 커널에서 학습 셀(train)을 실행하지 않았고, IndexedDB에 '${key}' 체크포인트도 없습니다. 학습 셀을 먼저 실행하세요.`);
    }
    restored.optimizer.dispose();
    text(`이 커널에는 학습한 모델이 없어서 IndexedDB의 '${key}' 체크포인트(스텝 ${restored.state.step}/${restored.state.totalSteps})에서 다시 만들었습니다.`);
    this.model = restored.model;
    return this.model;
  }

  /** Scores `examples` with the trained model, with a progress panel; a broken GPU backend → WASM, once. */
  async evaluate(examples: LabeledExample[], opts: { title?: string } = {}): Promise<EvaluateResult> {
    const once = async () => {
      const model = await this.trained();
      const bar = progress({ title: opts.title ?? "테스트 세트 평가", total: examples.length, backend: tf.getBackend() });
      try {
        const r = await evaluateClassifier(model, this.o.tokenizer, examples, {
          maxLen: this.o.maxLen, signal: bar.signal,
          onProgress: (p) => bar.update({ step: p.done, total: p.total, exPerSec: p.examplesPerSecond, eta: p.etaSeconds, memory: memoryNow() }),
        });
        bar.done();
        return r;
      } catch (e) {
        bar.fail(e);
        throw e;
      }
    };
    try {
      return await once();
    } catch (e) {
      const failure = backendFailure(e);
      const backend = tf.getBackend();
      if (!failure || failure.kind === "out-of-memory" || backend === "wasm") throw e;
      text(`${backend} 백엔드가 평가 중에 고장 났습니다 (${FAILURE_TEXT[failure.kind]}). WASM으로 바꿔 마지막 체크포인트에서 다시 합니다.`);
      await setKernelBackend("wasm");
      this.adopt(undefined);
      return once();
    }
  }
}

/** A trainer for these options; one already made for the same checkpoint key hands over its model. */
export function trainer(o: TrainerOptions): Trainer {
  const t = new Trainer(o);
  const before = byKey.get(o.checkpointKey);
  if (before?.model) t.model = before.model;
  byKey.set(o.checkpointKey, t);
  return t;
}
