"use client";
// All attention views of one sentence together: prediction, layer/head controls, the overview grid of every
// head, the head view (vertical columns or horizontal rows) and the matrix of the chosen head. Hovering or
// focusing a token in the head view or the matrix highlights it in both.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Explanation } from "@/lib/explain/view";
import { mergeAttention, wordSpans } from "@/lib/explain/view";
import { ExplanationView } from "./ExplanationView";
import { HeadView, type Layout } from "./HeadView";
import { MatrixView } from "./MatrixView";
import { NeuronView } from "./NeuronView";
import { OverviewGrid } from "./OverviewGrid";
import { SaveButtons } from "./SaveButtons";
import { SummaryView } from "./SummaryView";
import { headColor, validate, type AttentionData, type AttentionPrediction, type Hover } from "./data";
import "./attention.css";

/** What the reader is looking at: kept in the explorer's URL so a link reopens the same picture. */
export interface PanelView {
  unit: "words" | "pieces";
  layer: number;
  head: number;
  layout: Layout;
}

/** Pieces → words for a whole AttentionData (the ## convention; see lib/explain/words.ts). */
export function toWords(d: AttentionData): AttentionData {
  const spans = wordSpans(d.tokens);
  if (spans.length === d.tokens.length) return d;
  return { tokens: spans.map((s) => s.text), layers: d.layers, heads: d.heads, values: mergeAttention(d.values, d.layers, d.heads, d.tokens.length, spans) };
}

export interface AttentionPanelProps {
  data: AttentionData;
  prediction?: AttentionPrediction;
  title?: string;
  /** A line above the maps, e.g. that a long input was cut. */
  notice?: string;
  initialLayout?: Layout;
  /** Head view and matrix side by side when there is room (the explorer page). */
  wide?: boolean;
  /** lib/explain's result for the same sentence: adds the explanations and the neuron view. */
  explanation?: Explanation;
  /** Initial view (the explorer's URL), and a callback on every change. */
  view?: Partial<PanelView>;
  onViewChange?(v: PanelView): void;
}

export function Prediction({ prediction }: { prediction: AttentionPrediction }) {
  const { labels, probs } = prediction;
  const best = prediction.label ?? probs.indexOf(Math.max(...probs));
  return (
    <div className="att-prediction" data-testid="att-prediction" data-label={labels[best] ?? String(best)}>
      <div className="att-prediction-head">
        예측: <strong>{labels[best] ?? best}</strong> <span className="att-muted">({(probs[best] * 100).toFixed(1)}%)</span>
      </div>
      {probs.map((p, k) => (
        <div className="att-prob" key={k} data-label={labels[k] ?? String(k)}>
          <span className="att-prob-label">{labels[k] ?? k}</span>
          <span className="att-prob-bar">
            <span className={`att-prob-fill${k === best ? " is-best" : ""}`} style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="att-prob-value">{(p * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}

export function AttentionPanel({ data: pieces, prediction, title, notice, initialLayout = "vertical", wide = false, explanation, view, onViewChange }: AttentionPanelProps) {
  const error = useMemo(() => validate(pieces), [pieces]);
  const [unit, setUnit] = useState<PanelView["unit"]>(view?.unit ?? "words");
  const [layer, setLayer] = useState(view?.layer ?? 0);
  const [matrixHead, setMatrixHead] = useState(view?.head ?? 0);
  const [heads, setHeads] = useState<number[]>(() => Array.from({ length: pieces.heads }, (_, h) => h));
  const [layout, setLayout] = useState<Layout>(view?.layout ?? initialLayout);
  const [hover, setHover] = useState<Hover | null>(null);
  const words = useMemo(() => (error ? pieces : toWords(pieces)), [pieces, error]);
  const data = unit === "words" ? words : pieces;
  const merge = useCallback((d: AttentionData) => (unit === "words" ? toWords({ ...d, tokens: pieces.tokens }) : d), [unit, pieces.tokens]);
  const onViewRef = useRef(onViewChange);
  useEffect(() => { onViewRef.current = onViewChange; });
  useEffect(() => {
    onViewRef.current?.({ unit, layer, head: matrixHead, layout });
  }, [unit, layer, matrixHead, layout]);
  const headRef = useRef<HTMLDivElement>(null);
  const matrixRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  if (error) {
    return (
      <div className="att-error" role="alert">
        어텐션을 그릴 수 없습니다: {error}
      </div>
    );
  }
  const L = data.layers, A = data.heads;
  const l = Math.min(layer, L - 1);
  const mh = Math.min(matrixHead, A - 1);
  const shown = heads.filter((h) => h < A);
  const toggle = (h: number) => setHeads((cur) => (cur.includes(h) ? cur.filter((x) => x !== h) : [...cur, h].sort((a, b) => a - b)));

  return (
    <div className={`att-panel${wide ? " is-wide" : ""}`} data-testid="attention" data-layers={L} data-heads={A} data-tokens={pieces.tokens.length} data-words={words.tokens.length} data-unit={unit} data-layout={layout}>
      {title ? <div className="att-title">{title}</div> : null}
      {prediction ? <Prediction prediction={prediction} /> : null}
      {notice ? <div className="att-notice" role="status" data-testid="att-cut-notice">{notice}</div> : null}

      <div className="att-controls att-unit">
        <span className="att-layout-toggle" role="group" aria-label="단위">
          <button type="button" aria-pressed={unit === "words"} data-testid="att-unit-words" onClick={() => setUnit("words")}>단어</button>
          <button type="button" aria-pressed={unit === "pieces"} data-testid="att-unit-pieces" onClick={() => setUnit("pieces")}>토큰 조각</button>
        </span>
        <span className="att-muted">
          {unit === "words"
            ? `단어 ${words.tokens.length}개: ##로 이어진 조각을 합쳤습니다. 단어로 가는 어텐션은 조각들의 합, 단어에서 나오는 어텐션은 조각들의 평균이라 각 행의 합은 여전히 1입니다.`
            : `토큰 조각 ${pieces.tokens.length}개 (모델이 실제로 보는 단위)`}
        </span>
      </div>

      <div className="att-section" ref={gridRef}>
        <div className="att-section-title">모든 층 × 헤드 <span className="att-muted">— 칸을 누르면 아래 그림이 그 층·헤드로 바뀝니다</span> <SaveButtons target={gridRef} name={`overview-${unit}`} /></div>
        <OverviewGrid
          data={data}
          layer={l}
          head={mh}
          onSelect={(nl, nh) => {
            setLayer(nl);
            setMatrixHead(nh);
            setHeads((cur) => (cur.includes(nh) ? cur : [...cur, nh].sort((a, b) => a - b)));
          }}
        />
      </div>

      <div className="att-controls">
        <label>
          층{" "}
          <select value={l} onChange={(e) => setLayer(Number(e.target.value))} data-testid="att-layer">
            {Array.from({ length: L }, (_, k) => (
              <option key={k} value={k}>{k + 1}층</option>
            ))}
          </select>
        </label>
        <span className="att-head-toggles" role="group" aria-label="헤드 켜고 끄기">
          {Array.from({ length: A }, (_, h) => (
            <button
              key={h}
              type="button"
              className="att-head-toggle"
              data-head={h}
              aria-pressed={shown.includes(h)}
              style={{ "--head": headColor(h) } as React.CSSProperties}
              onClick={() => toggle(h)}
            >
              헤드 {h + 1}
            </button>
          ))}
        </span>
        <span className="att-layout-toggle" role="group" aria-label="배치">
          <button type="button" aria-pressed={layout === "vertical"} data-testid="att-layout-vertical" onClick={() => setLayout("vertical")}>
            세로 (두 열)
          </button>
          <button type="button" aria-pressed={layout === "horizontal"} data-testid="att-layout-horizontal" onClick={() => setLayout("horizontal")}>
            가로 (두 줄)
          </button>
        </span>
      </div>

      <div className="att-pair">
      <div className="att-section" ref={headRef}>
        <div className="att-section-title">
          헤드 보기 · {l + 1}층 <span className="att-muted">— 토큰에 마우스를 올리거나 Tab으로 고르면 그 토큰의 어텐션만 남습니다</span>{" "}
          <SaveButtons target={headRef} name={`head-view-layer${l + 1}-${unit}`} />
        </div>
        {shown.length === 0 ? <div className="att-notice">헤드를 하나 이상 켜세요.</div> : null}
        <HeadView data={data} layer={l} heads={shown} layout={layout} hover={hover} onHover={setHover} />
      </div>

      <div className="att-section" ref={matrixRef}>
        <div className="att-section-title">
          행렬 · {l + 1}층 헤드{" "}
          <select value={mh} onChange={(e) => setMatrixHead(Number(e.target.value))} data-testid="att-matrix-head" aria-label="행렬로 볼 헤드">
            {Array.from({ length: A }, (_, h) => (
              <option key={h} value={h}>{h + 1}</option>
            ))}
          </select>{" "}
          <span className="att-muted">— 행: 보는 토큰(쿼리), 열: 보이는 토큰(키), 각 행의 합은 1</span>{" "}
          <SaveButtons target={matrixRef} name={`matrix-layer${l + 1}-head${mh + 1}-${unit}`} />
        </div>
        <MatrixView data={data} layer={l} head={mh} hover={hover} onHover={setHover} />
      </div>
      </div>

      <SummaryView pieces={pieces} merge={merge} layer={l} />
      {explanation?.methods ? <ExplanationView e={explanation} unit={unit} /> : null}
      {/* A pre-rendered snapshot (lib/cells/snapshot.ts) leaves the query and key vectors out. */}
      {explanation?.queries.length ? <NeuronView e={explanation} layer={l} head={mh} /> : null}
    </div>
  );
}
