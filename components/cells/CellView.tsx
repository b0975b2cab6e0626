"use client";
// One notebook cell: code (static until Monaco loads), toolbar (실행/중지/원래대로), run state,
// and the output the kernel streams back.
import { useCallback, useEffect, useRef, useState, type ComponentType, type KeyboardEvent } from "react";
import type { OutputItem } from "@/lib/cells/protocol";
import { clearCell, loadCell, saveCell } from "@/lib/cells/storage";
import { useKernel } from "./KernelProvider";
import { StaticCode } from "./StaticCode";
import { Outputs } from "./Outputs";
import type { CodeEditorProps } from "./CodeEditor";

type RunStatus = "never" | "queued" | "running" | "ok" | "error" | "stopped";

const STATUS_TEXT: Record<RunStatus, string> = {
  never: "",
  queued: "대기 중",
  running: "실행 중",
  ok: "완료",
  error: "오류",
  stopped: "중지됨",
};

let editorModule: Promise<ComponentType<CodeEditorProps>> | null = null;
function loadEditor() {
  editorModule ??= import("./CodeEditor").then((m) => m.default);
  return editorModule;
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}초`;
  const m = Math.floor(ms / 60_000);
  return `${m}분 ${Math.round((ms % 60_000) / 1000)}초`;
}

const SAVE_DELAY_MS = 300;

export function CellView({ id, source: original, title }: { id: string; source: string; title?: string }) {
  const { slug, kernel, registerCell, state: kernelState } = useKernel();
  /** Kernel generation of this cell's last run: after a restart its variables are gone. */
  const [runGeneration, setRunGeneration] = useState(-1);
  const [source, setSource] = useState(original);
  const [resetKey, setResetKey] = useState(0);
  const sourceRef = useRef(original);
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  // --- persistence ------------------------------------------------------------------------
  // Restore the reader's edit after hydration (the server rendered the original).
  useEffect(() => {
    const saved = loadCell(slug, id);
    if (saved !== null && saved !== original) {
      sourceRef.current = saved;
      // localStorage is only readable after hydration: the server rendered the original.
      setSource(saved);
    }
  }, [slug, id, original]);

  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushSave = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    saveCell(slug, id, sourceRef.current, original);
  }, [slug, id, original]);

  useEffect(() => {
    window.addEventListener("pagehide", flushSave);
    const onHidden = () => document.visibilityState === "hidden" && flushSave();
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flushSave);
      document.removeEventListener("visibilitychange", onHidden);
      if (saveTimer.current) flushSave();
    };
  }, [flushSave]);

  const onChange = useCallback(
    (v: string) => {
      sourceRef.current = v;
      setSource(v);
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(flushSave, SAVE_DELAY_MS);
    },
    [flushSave],
  );

  const reset = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    sourceRef.current = original;
    setSource(original);
    setResetKey((k) => k + 1);
    clearCell(slug, id);
  }, [original, slug, id]);

  // --- Monaco, once the cell comes near the viewport --------------------------------------
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    let cancelled = false;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          loadEditor().then(
            (C) => !cancelled && setEditor(() => C),
            (e) => console.warn("Monaco를 불러오지 못했습니다; 정적 코드를 보여 줍니다", e),
          );
        }
      },
      { rootMargin: "600px 0px" },
    );
    io.observe(el);
    return () => {
      cancelled = true;
      io.disconnect();
    };
  }, []);

  // --- running ----------------------------------------------------------------------------
  const [status, setStatus] = useState<RunStatus>("never");
  const [ms, setMs] = useState(0);
  const [backend, setBackend] = useState<string | null>(null);
  const outputsRef = useRef<OutputItem[]>([]);
  const [outputs, setOutputs] = useState<OutputItem[]>([]);
  const runIdRef = useRef(0);
  const startedAt = useRef(0);

  // Output can arrive thousands of times a second (a training loop): draw once per frame.
  const frame = useRef(0);
  const publish = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setOutputs([...outputsRef.current]);
    });
  }, []);
  const publishNow = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    setOutputs([...outputsRef.current]);
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    if (status !== "running") return;
    const t = setInterval(() => setMs(performance.now() - startedAt.current), 100);
    return () => clearInterval(t);
  }, [status]);

  const run = useCallback(() => {
    if (!kernel) return;
    if (runIdRef.current && kernel.isActive(runIdRef.current)) return;
    flushSave();
    outputsRef.current = [];
    publish();
    setStatus("queued");
    setMs(0);
    setRunGeneration(kernel.state.generation);
    const myRun = kernel.run(id, sourceRef.current, {
      onStart() {
        startedAt.current = performance.now();
        setStatus("running");
      },
      onOutput(item) {
        outputsRef.current.push(item);
        publish();
      },
      onReplace(item) {
        const list = outputsRef.current;
        const i = list.findIndex((o) => o.id === item.id);
        if (i >= 0) list[i] = item;
        else list.push(item);
        publish();
      },
      onAppend(chartId, points) {
        const list = outputsRef.current;
        const i = list.findIndex((o) => o.id === chartId);
        const item = list[i];
        if (item?.kind === "chart" && item.spec.type === "line") {
          list[i] = { ...item, spec: { ...item.spec, data: [...(item.spec.data ?? []), ...points] } };
          publish();
        }
      },
      onDone(r) {
        if (runIdRef.current !== myRun) return;
        // Output and the final state land in the same render: "완료" never shows before its output.
        publishNow();
        setStatus(r.stopped ? "stopped" : r.ok ? "ok" : "error");
        setMs(r.stopped ? performance.now() - startedAt.current : r.ms);
        if (r.backend) setBackend(r.backend);
      },
    });
    runIdRef.current = myRun;
  }, [kernel, id, flushSave, publish, publishNow]);

  useEffect(() => registerCell(id, run), [registerCell, id, run]);

  const stop = useCallback(() => {
    if (!kernel || !runIdRef.current) return;
    if (kernel.cancelQueued(runIdRef.current)) return;
    if (!kernel.isActive(runIdRef.current)) return;
    // A cell with show.progress can stop by itself (keeping the kernel); a second press kills the worker.
    if (kernel.interrupt(runIdRef.current)) {
      outputsRef.current.push({
        kind: "text",
        id: -3,
        stream: "warn",
        text: "중지를 요청했습니다: 셀이 지금 하던 스텝을 마치고 스스로 멈춥니다. 바로 끝내려면 ■ 중지를 한 번 더 누르세요(커널을 새로 시작합니다).",
      });
      publishNow();
      return;
    }
    // Note first, so the message and the "중지됨" state appear together.
    const lostNow = kernel.state.names;
    const report = kernel.restart();
    const lost = (report.lostNames.length ? report.lostNames : lostNow).join(", ") || "없음";
    const cells = report.cellsRun.filter((c) => c !== id);
    outputsRef.current.push({
      kind: "text",
      id: -2,
      stream: "warn",
      text:
        `실행을 중지했습니다. 멈추려면 커널(워커)을 끝내고 새로 시작해야 해서, 지금까지 셀들이 만든 변수가 모두 사라졌습니다.\n` +
        `사라진 변수: ${lost}\n` +
        (cells.length ? `앞의 셀을 다시 실행하세요: ${cells.join(", ")}` : "이 셀을 다시 실행하면 됩니다."),
    });
    publishNow();
  }, [kernel, id, publishNow]);

  const active = status === "queued" || status === "running";
  const stale = (status === "ok" || status === "error") && runGeneration >= 0 && kernelState.generation > runGeneration;
  const edited = source !== original;
  const firstError = outputs.find((o) => o.kind === "error" && o.where?.cellId === id);
  const errorLine = firstError?.kind === "error" ? firstError.where?.line : undefined;

  const onKeyDown = (e: KeyboardEvent) => {
    // Monaco handles its own Shift+Enter; this covers the static code before it loads.
    if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey) && !Editor) {
      e.preventDefault();
      run();
    }
  };

  return (
    <section
      className={`cell cell-${status}`}
      id={`cell-${id}`}
      data-cell-id={id}
      data-status={status}
      ref={rootRef}
      aria-label={`코드 셀 ${id}`}
    >
      <div className="cell-toolbar">
        <a className="cell-anchor" href={`#cell-${id}`} title="이 셀로 가는 링크">
          #{id}
        </a>
        {title ? <span className="cell-title">{title}</span> : null}
        {edited ? <span className="cell-badge edited">수정됨</span> : null}
        {stale ? (
          <span className="cell-badge stale" title="커널을 다시 시작해서 이 셀이 만든 변수가 사라졌습니다">
            다시 실행 필요
          </span>
        ) : null}
        <span className="cell-spacer" />
        <span className="cell-state" role="status" aria-live="polite" data-testid="cell-state">
          {status !== "never" ? (
            <>
              <span className={`dot dot-${status}`} />
              {STATUS_TEXT[status]}
              {status === "running" || status === "ok" || status === "error" || status === "stopped" ? ` · ${formatMs(ms)}` : ""}
              {backend && status !== "running" && status !== "queued" ? (
                <span className="cell-backend" data-testid="cell-backend">
                  {backend}
                </span>
              ) : null}
            </>
          ) : null}
        </span>
        <button type="button" className="btn btn-run" onClick={run} disabled={!kernel || active} title="실행 (Shift+Enter)">
          ▶ 실행
        </button>
        <button type="button" className="btn btn-stop" onClick={stop} disabled={!active} title="중지">
          ■ 중지
        </button>
        <button type="button" className="btn btn-reset" onClick={reset} disabled={!edited} title="처음 코드로 되돌리기">
          ↺ 원래대로
        </button>
      </div>
      <div className="cell-code" onKeyDown={onKeyDown}>
        {Editor ? (
          <Editor value={source} onChange={onChange} onRun={run} label={`셀 ${id} 코드`} errorLine={errorLine} resetKey={resetKey} />
        ) : (
          <div tabIndex={0} className="static-host">
            <StaticCode code={source} />
          </div>
        )}
      </div>
      {outputs.length ? <Outputs items={outputs} cellId={id} /> : null}
    </section>
  );
}
