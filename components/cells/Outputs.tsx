"use client";
// Draws what a cell's run produced. Each item comes from the kernel worker (lib/cells/protocol.ts).
import { memo, useRef } from "react";
import type { OutputItem } from "@/lib/cells/protocol";
import { Chart } from "./Chart";
import { AttentionOutput } from "@/components/attention/AttentionOutput";
import { TokenView } from "./TokenView";
import { ConfirmView, DownloadView, ProgressView, UploadView } from "./TrainViews";

function lineText(where: { cellId: string; line: number; column: number }, cellId: string) {
  if (where.cellId === cellId) return `${where.line}번째 줄, ${where.column}번째 글자`;
  return (
    <>
      <a href={`#cell-${where.cellId}`}>셀 {where.cellId}</a>의 {where.line}번째 줄
    </>
  );
}

const Item = memo(function Item({ item, cellId, snapshot }: { item: OutputItem; cellId: string; snapshot: boolean }) {
  switch (item.kind) {
    case "text":
      return <pre className={`out-text out-${item.stream}`}>{item.text}</pre>;
    case "pending":
      return <div className="out-pending">{item.label}</div>;
    case "tensor":
      return (
        <div className="out-tensor">
          <div className="out-tensor-head">
            {item.label ? <strong>{item.label} </strong> : null}
            Tensor <span className="mono">shape=[{item.shape.join(", ")}]</span> <span className="mono">dtype={item.dtype}</span>
          </div>
          <pre className="out-text">{item.text}</pre>
        </div>
      );
    case "table":
      return (
        <div className="out-table-wrap">
          <table className="out-table">
            <thead>
              <tr>
                {item.columns.map((c, i) => (
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {item.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {item.omitted > 0 ? <div className="out-note">… {item.omitted}행 더 있음</div> : null}
        </div>
      );
    case "chart":
      return <Chart spec={item.spec} />;
    case "html":
      return <HtmlOutput html={item.html} />;
    case "attention":
      return <AttentionOutput item={item} still={snapshot} />;
    case "tokens":
      return <TokenView item={item} />;
    case "progress":
      return <ProgressView item={item} />;
    case "download":
      return <DownloadView item={item} />;
    case "upload":
      return <UploadView item={item} />;
    case "confirm":
      return <ConfirmView item={item} />;
    case "check":
      return (
        <div className={`out-check ${item.ok ? "out-check-ok" : "out-check-no"}`} data-testid="check" data-ok={item.ok}>
          <span className="out-check-mark" aria-hidden="true">{item.ok ? "✔" : "✘"}</span>
          <span>
            <strong>{item.ok ? "맞습니다" : "아직 아닙니다"}</strong>
            {item.ok ? <> · {withCode(item.text)}</> : null}
            {item.hint ? <span className="out-check-hint"> 힌트: {withCode(item.hint)}</span> : null}
          </span>
        </div>
      );
    case "error":
      return (
        <div className="out-error" role="alert">
          <div className="out-error-head">
            <strong>{item.syntax ? "문법 오류" : item.name}</strong>
            {item.where ? <span className="out-error-where"> · {lineText(item.where, cellId)}</span> : null}
          </div>
          <pre className="out-text">{item.message}</pre>
          {item.details ? (
            <details className="out-error-details">
              <summary>{item.backendFailure ? "자세한 오류 (드라이버가 보낸 원문)" : "원래 메시지 (영어)"}</summary>
              <pre className="out-text">{item.details}</pre>
            </details>
          ) : null}
        </div>
      );
  }
});

/** A check's text with `code` in backticks set as code. */
function withCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}

/** HTML from a cell, in a sandboxed frame: no scripts, no access to the page. */
function HtmlOutput({ html }: { html: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const fit = () => {
    const doc = ref.current?.contentDocument;
    if (doc?.body && ref.current) ref.current.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  };
  const doc = `<!doctype html><meta charset="utf-8"><style>body{margin:0;font:15px/1.6 "Noto Sans KR",sans-serif;color:#1f2328}</style>${html}`;
  return <iframe ref={ref} className="out-html" sandbox="allow-same-origin" srcDoc={doc} onLoad={fit} title="셀 HTML 출력" />;
}

/**
 * A cell's output. `snapshot`: a pre-rendered one (lib/cells/snapshot.ts), which tests and the page's own helpers
 * tell apart from a live run's by its test id.
 */
export function Outputs({ items, cellId, snapshot = false }: { items: OutputItem[]; cellId: string; snapshot?: boolean }) {
  return (
    <div className="cell-output" data-testid={snapshot ? "snapshot-output" : "cell-output"} aria-live={snapshot ? undefined : "polite"}>
      {items.map((it) => (
        <Item key={it.id} item={it} cellId={cellId} snapshot={snapshot} />
      ))}
    </div>
  );
}
