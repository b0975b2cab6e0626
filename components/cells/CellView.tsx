"use client";
// One notebook cell: toolbar (실행/중지/원래대로), code (static until Monaco loads; a plain text area on
// phones), a notice when a saved edit is older than the chapter's code, and the output the kernel streams.
// State lives in hooks: useCellPersistence (the code), useCellRun (running and output).
import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { useKernel } from "./KernelProvider";
import { StaticCode } from "./StaticCode";
import { Outputs } from "./Outputs";
import { PlainEditor } from "./PlainEditor";
import { StaleEdit } from "./StaleEdit";
import { useCellPersistence } from "./useCellPersistence";
import { useCellRun, type RunStatus } from "./useCellRun";
import { useCellSnapshot } from "./SnapshotProvider";
import { useEditorOnIntent } from "./useEditorOnIntent";
import { formatMs } from "@/lib/format";
import { FILL_CELL_EVENT, type FillCellDetail } from "./fill-cell";

const STATUS_TEXT: Record<RunStatus, string> = {
  never: "",
  queued: "대기 중",
  running: "실행 중",
  ok: "완료",
  error: "오류",
  stopped: "중지됨",
};

export function CellView({ id, source: original, title }: { id: string; source: string; title?: string }) {
  const { slug, kernel, registerCell, state: kernelState } = useKernel();
  const codeRef = useRef<HTMLDivElement>(null);
  // Focus on the static code when Monaco arrives moves into the editor, so a reader's Tab or click carries on.
  const staticFocused = useRef(false);
  const code = useCellPersistence(slug, id, original);
  const cell = useCellRun(kernel, id);
  const snapshot = useCellSnapshot(id);
  const { Editor, plain, want } = useEditorOnIntent(codeRef);
  const { flushSave, sourceRef } = code;
  const runNow = cell.run;

  const run = useCallback(
    (opts: { batch?: boolean } = {}) => {
      want();
      flushSave();
      runNow(sourceRef.current, opts);
    },
    [flushSave, runNow, sourceRef, want],
  );
  useEffect(() => registerCell(id, run), [registerCell, id, run]);

  // An exercise's "이 풀이를 연습 셀에 넣기": take the code, then bring the cell into view for 실행.
  const { replace } = code;
  useEffect(() => {
    const onFill = (e: Event) => {
      const d = (e as CustomEvent<FillCellDetail>).detail;
      if (d?.id !== id) return;
      replace(d.source);
      codeRef.current?.closest("section")?.scrollIntoView({ block: "nearest" });
    };
    window.addEventListener(FILL_CELL_EVENT, onFill);
    return () => window.removeEventListener(FILL_CELL_EVENT, onFill);
  }, [id, replace]);

  const { status, ms, backend, outputs } = cell;
  const active = status === "queued" || status === "running";
  const stale = (status === "ok" || status === "error") && cell.generation >= 0 && kernelState.generation > cell.generation;
  const firstError = outputs.find((o) => o.kind === "error" && o.where?.cellId === id);
  const errorLine = firstError?.kind === "error" ? firstError.where?.line : undefined;

  const onKeyDown = (e: KeyboardEvent) => {
    // Monaco handles its own Shift+Enter; this covers the static code before it loads.
    if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey) && !Editor && !plain) {
      e.preventDefault();
      run();
    }
  };

  const label = `셀 ${id} 코드`;
  return (
    <section className={`cell cell-${status}`} id={`cell-${id}`} data-cell-id={id} data-status={status} aria-label={`코드 셀 ${id}`}>
      <div className="cell-toolbar">
        <a className="cell-anchor" href={`#cell-${id}`} title="이 셀로 가는 링크">
          #{id}
        </a>
        {title ? <span className="cell-title">{title}</span> : null}
        {code.edited ? <span className="cell-badge edited">수정됨</span> : null}
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
              {status !== "queued" ? ` · ${formatMs(ms)}` : ""}
              {backend && !active ? (
                <span className="cell-backend" data-testid="cell-backend">
                  {backend}
                </span>
              ) : null}
            </>
          ) : null}
        </span>
        <button type="button" className="btn btn-run" onClick={() => run()} disabled={!kernel || active} title="실행 (Shift+Enter)">
          ▶ 실행
        </button>
        <button type="button" className="btn btn-stop" onClick={cell.stop} disabled={!active} title="중지">
          ■ 중지
        </button>
        <button type="button" className="btn btn-reset" onClick={code.reset} disabled={!code.edited} title="처음 코드로 되돌리기">
          ↺ 원래대로
        </button>
      </div>
      {code.stale ? <StaleEdit kind={code.stale} mine={code.source} original={original} onTakeNew={code.takeNew} onKeep={code.keepMine} /> : null}
      <div className="cell-code" onKeyDown={onKeyDown} ref={codeRef}>
        {Editor ? (
          <Editor
            value={code.source}
            onChange={code.onChange}
            onRun={() => run()}
            label={label}
            errorLine={errorLine}
            resetKey={code.resetKey}
            autoFocus={staticFocused.current}
          />
        ) : plain ? (
          <PlainEditor value={code.source} onChange={code.onChange} onRun={() => run()} label={label} />
        ) : (
          <div
            tabIndex={0}
            className="static-host"
            onFocus={() => (staticFocused.current = true)}
            onBlur={() => (staticFocused.current = false)}
          >
            <StaticCode code={code.source} />
          </div>
        )}
      </div>
      {outputs.length ? (
        <Outputs items={outputs} cellId={id} />
      ) : snapshot && status === "never" && !code.edited ? (
        // What 모두 실행 printed when the snapshot was made, until this cell's first run here (not for an edited cell).
        <div className="cell-snapshot" data-snapshot={`${snapshot.backend} ${snapshot.date}`}>
          <div className="cell-snapshot-label">
            미리 실행한 결과 · {snapshot.backend} · {snapshot.date}
          </div>
          <Outputs items={snapshot.items} cellId={id} snapshot />
        </div>
      ) : null}
    </section>
  );
}
