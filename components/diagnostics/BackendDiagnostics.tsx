"use client";
// /diagnostics: "does my GPU compute the same as the CPU?" One button runs a tiny BERT classifier on every
// tfjs backend this browser has and compares loss and gradients with the CPU backend (see compare.ts).
// With ?run=1 in the URL it starts by itself (the browser test uses that). Results: the tables below,
// window.__diagnostics, and the JSON in [data-testid="diagnostics-json"].
import { useCallback, useEffect, useRef, useState } from "react";
import type { BackendResult, DiagnosticsReport } from "./compare";
import { formatMs } from "@/lib/format";
import { CPU_FIRST, type BackendName } from "@/lib/runtime/names";
import { TOLERANCES, type Tolerance } from "./tolerances";
import styles from "./Diagnostics.module.css";

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";
const ORDER = CPU_FIRST;
const LABEL: Record<BackendName, string> = { cpu: "CPU (기준)", webgpu: "WebGPU", webgl: "WebGL", wasm: "WASM" };

declare global {
  interface Window { __diagnostics?: DiagnosticsReport }
}

const sci = (x: number | undefined) => (x === undefined ? "—" : x === 0 ? "0" : Number.isFinite(x) ? x.toExponential(2) : String(x));
const fixed = (x: number | undefined, d = 6) => (x === undefined ? "—" : x.toFixed(d));
const tol = (x: number) => x.toExponential(0);
const ms = (x: number | undefined) => (x === undefined ? "—" : formatMs(x));

/** What is wrong with a backend's numbers, judged by the tolerances; [] = all good. */
export function problemsOf(r: BackendResult): string[] {
  if (!r.available) return [];
  if (r.error) return [`오류: ${r.error}`];
  const p: string[] = [];
  if (r.step && r.step.growth !== 0) p.push(`학습 단계마다 텐서가 ${r.step.growth}개 늘어남`);
  if (r.leak) p.push(`정리 후 텐서 ${r.leak}개가 남음`);
  if (r.backend === "cpu") return p;
  const tol: Tolerance = TOLERANCES[r.backend];
  const g = r.grads;
  if (!g) return [...p, "기울기 없음"];
  if (g.missing.length) p.push(`기울기가 없는 파라미터: ${g.missing.join(", ")}`);
  if (g.nonFinite.length) p.push(`NaN/Infinity 기울기: ${g.nonFinite.join(", ")}`);
  if (!((r.lossDiff ?? Infinity) <= tol.loss)) p.push(`손실 차이 ${sci(r.lossDiff)} > ${tol.loss}`);
  if (!(g.maxAbsDiff <= tol.gradAbs)) p.push(`기울기 절대 차이 ${sci(g.maxAbsDiff)} > ${tol.gradAbs}`);
  if (!(g.maxRelDiff <= tol.gradRel)) p.push(`기울기 상대 차이 ${sci(g.maxRelDiff)} > ${tol.gradRel}`);
  return p;
}

export function BackendDiagnostics() {
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [running, setRunning] = useState(false);
  const started = useRef(false);

  const run = useCallback(async () => {
    setRunning(true);
    const publish = (r: DiagnosticsReport) => {
      window.__diagnostics = r;
      setReport(r);
    };
    try {
      const { runDiagnostics } = await import("./compare");   // tfjs is loaded only now
      const wasmPath = new URL(`${basePath}/tfjs-wasm/`, window.location.origin).href;
      publish(await runDiagnostics({ wasmPath, onProgress: publish }));
    } catch (e) {
      const prev = window.__diagnostics;
      publish({
        ...(prev ?? { config: { hidden_size: 0, num_hidden_layers: 0, num_attention_heads: 0, intermediate_size: 0, vocab_size: 0, batchSize: 0, seqLen: 0, params: 0 }, tfjsVersion: "", userAgent: navigator.userAgent, results: [] }),
        status: "error",
        error: e instanceof Error ? e.message : String(e),
      });
    } finally {
      setRunning(false);
    }
  }, []);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (new URLSearchParams(window.location.search).get("run") === "1") void run();
  }, [run]);

  const status = report?.status ?? "idle";
  const byName = new Map((report?.results ?? []).map((r) => [r.backend, r]));
  const done = status === "done";
  const statusText =
    status === "running" ? `계산 중… (${report?.current ? LABEL[report.current] : ""})`
    : status === "done" ? `완료 · ${ms(report?.totalMs)}`
    : status === "error" ? "오류"
    : "아직 실행하지 않았습니다";

  return (
    <div className={styles.page}>
      <h1>백엔드 진단</h1>
      <div className={styles.prose}>
        <p className="lead">내 GPU는 CPU와 같은 값을 계산할까요?</p>
        <p>
          TensorFlow.js는 같은 모델을 여러 백엔드(WebGPU, WebGL, WASM, CPU)에서 돌릴 수 있습니다. 이 페이지는 아주
          작은 BERT 분류기(층 2개, 은닉 크기 32)를 똑같은 가중치와 똑같은 배치(패딩 포함, 드롭아웃 끔)로 각
          백엔드에서 실행하고, <b>손실</b>과 <b>모든 파라미터의 기울기</b>를 CPU 백엔드의 값과 비교합니다. 이어서
          AdamW로 학습 단계를 두 번 밟아 보고, 그동안 텐서가 새지 않는지(<code>tf.memory().numTensors</code>)도
          확인합니다.
        </p>
      </div>

      <div className={styles.controls}>
        <button type="button" className={styles.runButton} onClick={() => void run()} disabled={running} data-testid="diagnostics-run">
          {running ? "진단 중…" : done ? "다시 진단" : "진단 시작"}
        </button>
        <span className={styles.status} data-testid="diagnostics-status" data-status={status}>
          {statusText}
        </span>
      </div>
      {report?.error ? <p className={styles.error}>{report.error}</p> : null}

      <h2>손실과 기울기</h2>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="diagnostics-table">
          <thead>
            <tr>
              <th>백엔드</th>
              <th>사용 가능?</th>
              <th>손실</th>
              <th>손실 차이</th>
              <th>기울기 최대 절대 차이</th>
              <th>최대 상대 차이</th>
              <th>차이가 가장 큰 파라미터</th>
              <th>시간 (처음 / 다시)</th>
              <th>판정</th>
            </tr>
          </thead>
          <tbody>
            {ORDER.map((name) => {
              const r = byName.get(name);
              const isCpu = name === "cpu";
              if (!r) {
                const now = report?.current === name;
                return (
                  <tr key={name} data-backend={name}>
                    <td className={styles.name}>{LABEL[name]}</td>
                    <td colSpan={8} className={styles.pending}>{now ? "계산 중…" : "대기"}</td>
                  </tr>
                );
              }
              const problems = problemsOf(r);
              return (
                <tr key={name} data-backend={name}>
                  <td className={styles.name}>{LABEL[name]}</td>
                  <td>
                    {r.available ? "예" : "아니요"}
                    {r.reason ? <div className={styles.why}>{r.reason}</div> : null}
                  </td>
                  <td className={styles.num}>{fixed(r.loss, 8)}</td>
                  <td className={styles.num}>{isCpu ? "기준" : sci(r.lossDiff)}</td>
                  <td className={styles.num}>{isCpu ? "기준" : sci(r.grads?.maxAbsDiff)}</td>
                  <td className={styles.num}>{isCpu ? "기준" : sci(r.grads?.maxRelDiff)}</td>
                  <td className={styles.param}>{isCpu ? "—" : (r.grads?.maxAbsParam ?? "—")}</td>
                  <td className={styles.num}>
                    {r.available ? `${ms(r.firstMs)} / ${ms(r.warmMs)}` : "—"}
                  </td>
                  <td>
                    {!r.available ? (
                      <span className={styles.pending}>건너뜀</span>
                    ) : problems.length ? (
                      <span className={styles.bad} title={problems.join("\n")}>✗ {problems[0]}</span>
                    ) : (
                      <span className={styles.ok}>✓ {isCpu ? "기준" : "일치"}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className={styles.note}>
        상대 차이 = 파라미터마다 (최대 |차이|) ÷ (그 파라미터의 CPU 기울기 최대 절댓값), 그중 가장 큰 값. 정확한
        계산에서는 0인 기울기(예: 어텐션 key의 bias — softmax는 한 행의 점수에 같은 값을 더해도 변하지 않습니다)도
        있어서, 분모는 전체 기울기 최대 절댓값의 0.1%보다 작아지지 않게 했습니다.
        허용 범위: WebGPU·WASM은 손실 {tol(TOLERANCES.webgpu.loss)}, 기울기 절대 {tol(TOLERANCES.webgpu.gradAbs)}·상대{" "}
        {tol(TOLERANCES.webgpu.gradRel)}; WebGL은 텍스처와 GPU의 근사 함수(exp, erf 등)를 쓰므로 더 느슨하게 손실{" "}
        {tol(TOLERANCES.webgl.loss)}, 기울기 절대 {tol(TOLERANCES.webgl.gradAbs)}·상대 {tol(TOLERANCES.webgl.gradRel)}.
        float32의 반올림 오차는 1e-7 정도라서, 계산 순서만 다른 백엔드라면 그보다 조금 큰 차이가 정상입니다.
        &ldquo;처음&rdquo; 시간에는 GPU 셰이더 컴파일이 들어 있습니다.
      </p>

      <h2>학습 단계 (AdamW 두 번)</h2>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="diagnostics-steps">
          <thead>
            <tr>
              <th>백엔드</th>
              <th>1단계 손실</th>
              <th>2단계 손실</th>
              <th>업데이트 후 손실</th>
              <th>텐서 수 (전 → 1단계 → 2단계)</th>
              <th>시간</th>
            </tr>
          </thead>
          <tbody>
            {ORDER.map((name) => {
              const s = byName.get(name)?.step;
              return (
                <tr key={name}>
                  <td className={styles.name}>{LABEL[name]}</td>
                  <td className={styles.num}>{fixed(s?.losses[0])}</td>
                  <td className={styles.num}>{fixed(s?.losses[1])}</td>
                  <td className={styles.num}>{fixed(s?.evalLossAfter)}</td>
                  <td className={styles.num}>
                    {s ? (
                      <span className={s.growth === 0 ? styles.ok : styles.bad}>{s.numTensors.join(" → ")}</span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={styles.num}>{ms(s?.ms)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className={styles.note}>
        드롭아웃은 켜고 시드를 고정했으므로 모든 백엔드가 같은 마스크를 씁니다. 텐서 수가 단계마다 그대로면 학습
        루프가 메모리를 새지 않는 것입니다.
      </p>

      {report ? (
        <>
          <p className={styles.note}>
            모델: 층 {report.config.num_hidden_layers}개, 은닉 {report.config.hidden_size}, 헤드{" "}
            {report.config.num_attention_heads}개, FFN {report.config.intermediate_size}, 어휘 {report.config.vocab_size}, 파라미터{" "}
            {report.config.params.toLocaleString("ko-KR")}개 · 배치 {report.config.batchSize}×{report.config.seqLen} · TensorFlow.js{" "}
            {report.tfjsVersion}
          </p>
          <details className={styles.raw}>
            <summary>원시 결과 (JSON)</summary>
            <pre data-testid="diagnostics-json">{JSON.stringify(report, null, 2)}</pre>
          </details>
        </>
      ) : null}
    </div>
  );
}
