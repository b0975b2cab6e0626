"use client";
// bertviz's neuron view for one head and one (query, key) pair: the query vector q_i and key vector k_j (D
// numbers each), their elementwise product, its sum q·k, the scaled score q·k/√D, and the softmax weight,
// which is the number the head view and the matrix draw. Always at the level of word pieces.
import { useRef, useState } from "react";
import * as d3 from "d3";
import type { Explanation } from "@/lib/explain/view";
import { SaveButtons } from "./SaveButtons";
import { shortLabel } from "./data";

const CELL = 7, LEFT = 92, ROW = 22;

export function NeuronView({ e, layer, head }: { e: Explanation; layer: number; head: number }) {
  const T = e.tokens.length, D = e.headDim;
  const [qi, setQi] = useState(Math.min(1, T - 1));
  const [kj, setKj] = useState(Math.min(2, T - 1));
  const ref = useRef<HTMLDivElement>(null);
  const i = Math.min(qi, T - 1), j = Math.min(kj, T - 1);
  const base = (layer * e.heads + head) * T;
  const q = e.queries.subarray((base + i) * D, (base + i + 1) * D);
  const kRow = (jj: number) => e.keys.subarray((base + jj) * D, (base + jj + 1) * D);
  const k = kRow(j);
  const prod = Array.from(q, (v, d) => v * k[d]);
  const dot = prod.reduce((a, b) => a + b, 0);
  const scores = Array.from({ length: T }, (_, jj) => kRow(jj).reduce((a, v, d) => a + v * q[d], 0) / Math.sqrt(D));
  const mx = Math.max(...scores), ex = scores.map((s) => Math.exp(s - mx)), z = ex.reduce((a, b) => a + b, 0);
  const weight = ex[j] / z;
  const drawn = e.attention[((layer * e.heads + head) * T + i) * T + j];
  const lim = Math.max(1e-6, ...Array.from(q, Math.abs), ...Array.from(k, Math.abs));
  const plim = Math.max(1e-6, ...prod.map(Math.abs));
  const color = (v: number, m: number) => d3.interpolateRdBu(0.5 - 0.5 * Math.max(-1, Math.min(1, v / m)));
  const rows: { name: string; values: ArrayLike<number>; m: number }[] = [
    { name: `q (${shortLabel(e.tokens[i], 8)})`, values: q, m: lim },
    { name: `k (${shortLabel(e.tokens[j], 8)})`, values: k, m: lim },
    { name: "q × k", values: prod, m: plim },
  ];
  const width = LEFT + D * CELL + 10;
  const height = 12 + rows.length * ROW + 74;
  const options = e.tokens.map((t, x) => <option key={x} value={x}>{x}: {shortLabel(t, 14)}</option>);
  return (
    <div className="att-section" data-testid="att-neuron" ref={ref}>
      <div className="att-section-title">
        뉴런 보기 · {layer + 1}층 헤드 {head + 1}{" "}
        <span className="att-muted">— 쿼리 벡터와 키 벡터의 원소별 곱을 더하고 √{D}로 나누면 점수, 소프트맥스를 거치면 어텐션 가중치</span>{" "}
        <SaveButtons target={ref} name={`neuron-layer${layer + 1}-head${head + 1}`} />
      </div>
      <div className="att-controls">
        <label>쿼리 <select value={i} onChange={(ev) => setQi(Number(ev.target.value))} data-testid="att-neuron-query">{options}</select></label>
        <label>키 <select value={j} onChange={(ev) => setKj(Number(ev.target.value))} data-testid="att-neuron-key">{options}</select></label>
      </div>
      <div className="att-scroll">
        <svg className="att-svg" width={width} height={height} role="img" aria-label="쿼리·키 벡터와 그 곱">
          {rows.map((r, y) => (
            <g key={r.name} transform={`translate(0, ${12 + y * ROW})`}>
              <text x={LEFT - 6} y={CELL + 6} textAnchor="end">{r.name}</text>
              {Array.from(r.values, (v, d) => (
                <rect key={d} x={LEFT + d * CELL} y={2} width={CELL - 1} height={ROW - 8} fill={color(v, r.m)}>
                  <title>{`${r.name}[${d}] = ${v.toFixed(4)}`}</title>
                </rect>
              ))}
            </g>
          ))}
          <g transform={`translate(${LEFT}, ${12 + rows.length * ROW + 14})`} className="att-neuron-sums" data-dot={dot} data-weight={weight} data-drawn={drawn}>
            <text y={0}>q · k = Σ(q × k) = {dot.toFixed(3)}  →  ÷ √{D} = {(dot / Math.sqrt(D)).toFixed(3)}</text>
            <text y={20}>소프트맥스 (쿼리 ‘{shortLabel(e.tokens[i], 10)}’의 행 전체에서): {weight.toFixed(4)}</text>
            <text y={40}>행렬에 그린 값: {drawn.toFixed(4)}{Math.abs(weight - drawn) < 1e-3 ? " — 같습니다" : ""}</text>
          </g>
        </svg>
      </div>
    </div>
  );
}
