"use client";
// One picture across heads (and layers): the mean over heads of the chosen layer, or attention rollout up to it
// (lib/explain/summary.ts). Drawn as the T×T matrix and as the [CLS] row's bars.
import { useMemo, useRef, useState } from "react";
import { headMean, rollout } from "@/lib/explain/view";
import { MatrixView } from "./MatrixView";
import { SaveButtons } from "./SaveButtons";
import { TokenBars } from "./TokenBars";
import type { AttentionData, Hover } from "./data";

export type SummaryKind = "mean" | "rollout";

/** `pieces` is the piece-level data (rollout multiplies piece matrices); `merge` turns an [L, 1, T, T] result into the unit shown. */
export function SummaryView({ pieces, merge, layer }: { pieces: AttentionData; merge(d: AttentionData): AttentionData; layer: number }) {
  const [kind, setKind] = useState<SummaryKind>("rollout");
  const [hover, setHover] = useState<Hover | null>(null);
  const matrixRef = useRef<HTMLDivElement>(null);
  const barsRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => {
    const T = pieces.tokens.length;
    const values = (kind === "mean" ? headMean : rollout)(pieces.values, pieces.layers, pieces.heads, T);
    return merge({ tokens: pieces.tokens, layers: pieces.layers, heads: 1, values });
  }, [pieces, merge, kind]);
  const T = data.tokens.length;
  const cls = Array.from(data.values).slice(layer * T * T, layer * T * T + T);
  const name = kind === "mean" ? `${layer + 1}층 헤드 평균` : `1–${layer + 1}층 롤아웃`;
  return (
    <div className="att-section" data-testid="att-summary" data-kind={kind}>
      <div className="att-section-title">
        헤드·층 요약{" "}
        <span className="att-layout-toggle" role="group" aria-label="요약 방식">
          <button type="button" aria-pressed={kind === "rollout"} data-testid="att-summary-rollout" onClick={() => setKind("rollout")}>롤아웃</button>
          <button type="button" aria-pressed={kind === "mean"} data-testid="att-summary-mean" onClick={() => setKind("mean")}>헤드 평균</button>
        </span>{" "}
        <span className="att-muted">
          {kind === "mean"
            ? `— ${layer + 1}층의 헤드 ${pieces.heads}개를 평균한 행렬`
            : `— 1층부터 ${layer + 1}층까지 (헤드 평균 + I)/2를 곱한 행렬 (Abnar & Zuidema, 2020): 잔차 연결까지 치면 입력 토큰이 그 자리에 얼마나 섞였나`}
        </span>
      </div>
      <div className="att-pair">
        <div ref={matrixRef}>
          <div className="att-subtitle">행렬 · {name} <SaveButtons target={matrixRef} name={`summary-${kind}-layer${layer + 1}`} selector="svg" /></div>
          <MatrixView data={data} layer={layer} head={0} hover={hover} onHover={setHover} testId="att-summary-matrix" />
        </div>
        <div ref={barsRef}>
          <div className="att-subtitle">[CLS] → 토큰 · {name} <SaveButtons target={barsRef} name={`summary-${kind}-cls-layer${layer + 1}`} /></div>
          <div className="att-scroll att-scroll-vertical">
            <TokenBars labels={data.tokens} series={[{ name: `[CLS]의 ${kind === "mean" ? "어텐션" : "롤아웃"}`, values: cls, signed: false }]} testId="att-summary-bars" />
          </div>
        </div>
      </div>
    </div>
  );
}
