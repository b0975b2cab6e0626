"use client";
// The chapter's kernel at a glance: state, tfjs backend (with a switcher), restart.
import { useState } from "react";
import { BACKENDS, type BackendName } from "@/lib/cells/protocol";
import { useKernel } from "./cells/KernelProvider";

/**
 * Why the service worker (public/coi-register.js) did not isolate the page either, from <html data-coi>: one
 * sentence after the kernel's own reason for one thread, or nothing where the worker path does not apply.
 */
function isolationWorkerNote(): string | null {
  if (typeof document === "undefined") return null;
  const { coi, coiReason } = document.documentElement.dataset;
  if (coi === "pending") return "격리용 서비스 워커를 설치하는 중이라 곧 페이지를 다시 불러옵니다.";
  if (coi !== "off") return null;
  return {
    insecure: "HTTPS가 아니라서 서비스 워커로도 격리할 수 없습니다.",
    "no-sw": "이 브라우저에는 서비스 워커가 없어 격리할 수 없습니다.",
    "sw-failed": "격리용 서비스 워커를 등록하지 못했습니다.",
    reloaded: "격리용 서비스 워커를 켜고 다시 불러왔지만 격리되지 않았습니다.",
  }[coiReason ?? ""] ?? null;
}

const STATUS = { off: "꺼짐 (셀을 실행하면 시작)", starting: "시작하는 중…", idle: "준비됨", busy: "실행 중" } as const;

export function KernelBar() {
  const { kernel, state, runAll } = useKernel();
  const [note, setNote] = useState<string | null>(null);
  const failed = state.tried.filter((t) => !t.ok);
  const workerNote = state.backendDetailWhy ? isolationWorkerNote() : null;
  return (
    <div className="kernel-bar" data-testid="kernel-bar" data-status={state.status}>
      <span className={`dot dot-kernel-${state.status}`} />
      <span className="kernel-label">커널</span>
      <span className="kernel-status">{STATUS[state.status]}</span>
      <label className="kernel-backend">
        백엔드
        <select
          value={state.backend ?? ""}
          onChange={(e) => kernel?.setBackend(e.target.value as BackendName)}
          disabled={!kernel || state.status === "busy"}
          aria-label="tfjs 백엔드"
        >
          {!state.backend ? <option value="">자동</option> : null}
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      {state.backendDetail && state.backendDetailWhy ? (
        <details className="kernel-why kernel-detail" data-testid="kernel-detail">
          <summary>{state.backendDetail}</summary>
          <p>{workerNote ? `${state.backendDetailWhy} ${workerNote}` : state.backendDetailWhy}</p>
        </details>
      ) : state.backendDetail ? (
        <span className="kernel-detail" data-testid="kernel-detail">
          {state.backendDetail}
        </span>
      ) : null}
      {failed.length ? (
        <details className="kernel-why" data-testid="kernel-why">
          <summary>못 쓴 백엔드: {failed.map((f) => f.name).join(", ")}</summary>
          <ul>
            {failed.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <strong>{f.name}</strong>: {f.reason}
              </li>
            ))}
          </ul>
          {failed.some((f) => f.code === "software") ? <p>소프트웨어 렌더러인 백엔드도 왼쪽 상자에서 직접 고를 수는 있습니다.</p> : null}
        </details>
      ) : null}
      <span className="cell-spacer" />
      {state.backendError ? (
        <span className="kernel-note" role="alert" data-testid="kernel-backend-error">
          {state.backendError}
        </span>
      ) : null}
      {note ? <span className="kernel-note">{note}</span> : null}
      <button type="button" className="btn" disabled={!kernel} onClick={runAll} title="이 장의 셀을 위에서부터 차례로 실행">
        모두 실행
      </button>
      <button
        type="button"
        className="btn"
        disabled={!kernel || state.status === "off"}
        onClick={() => {
          if (!kernel) return;
          const r = kernel.restart();
          setNote(r.lostNames.length ? `다시 시작함 — 사라진 변수: ${r.lostNames.join(", ")}` : "다시 시작함");
        }}
      >
        커널 다시 시작
      </button>
    </div>
  );
}
