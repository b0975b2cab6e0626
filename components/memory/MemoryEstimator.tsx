"use client";
// Interactive training-memory estimate (chapter 4): pick a model, a batch size and a padded sequence length,
// see weights / gradients / Adam state / activations as stacked bars next to the textbook's failed run,
// against a 4 GiB GPU and a rough browser budget. Numbers come from lib/model/memory (no tfjs on the page).
import { useId, useMemo, useState } from "react";
import * as d3 from "d3";
import { makeConfig, type BertConfig } from "@/lib/model/config";
import { estimateTrainingMemory, type MemoryEstimate } from "@/lib/model/memory";
import { GiB, formatBytes } from "@/lib/format";
import styles from "./MemoryEstimator.module.css";

type PresetKey = "ours" | "base" | "large";

const MODELS: Record<PresetKey, { label: string; config: BertConfig }> = {
  ours: { label: "우리 BERT-mini (어휘 12,000)", config: makeConfig("mini", { vocab_size: 12000, max_position_embeddings: 128 }) },
  base: { label: "BERT-base (어휘 30,522)", config: makeConfig("base", { vocab_size: 30522 }) },
  large: { label: "BERT-large (어휘 30,522)", config: makeConfig("large", { vocab_size: 30522 }) },
};

/** The textbook's run: bert-base, batch 2, every review padded to 512, float32, Adam. */
const TEXTBOOK = { config: MODELS.base.config, batchSize: 2, seqLen: 512 };
const GPU_LINE = 4 * GiB;
// Browsers publish no GPU memory limit; past about 1 GiB tabs start to fail on ordinary laptops (shared memory).
const BROWSER_LINE = 1 * GiB;

const TERMS = [
  { key: "weights", label: "가중치", color: "#3b6fd8" },
  { key: "gradients", label: "기울기", color: "#7fa3ea" },
  { key: "optimizer", label: "Adam 상태 (m, v)", color: "#2f9e6e" },
  { key: "linear", label: "활성값: T에 비례", color: "#e0a139" },
  { key: "quadratic", label: "활성값: 어텐션 T²", color: "#d24d57" },
] as const;
type TermKey = (typeof TERMS)[number]["key"];

function parts(e: MemoryEstimate): Record<TermKey, number> {
  const quadratic = e.detail.attentionQuadratic;
  return { weights: e.weights, gradients: e.gradients, optimizer: e.optimizer, linear: e.activations - quadratic, quadratic };
}

export function MemoryEstimator() {
  const id = useId();
  const [preset, setPreset] = useState<PresetKey>("ours");
  const [batchSize, setBatchSize] = useState(32);
  const [seqLen, setSeqLen] = useState(40);
  const [adam, setAdam] = useState(true);
  const model = MODELS[preset];
  const maxT = model.config.max_position_embeddings;
  const T = Math.min(seqLen, maxT);

  const bars = useMemo(() => {
    const opt = adam ? "adam" : "sgd";
    const current = estimateTrainingMemory(model.config, { batchSize, seqLen: T, optimizer: opt });
    const textbook = estimateTrainingMemory(TEXTBOOK.config, { batchSize: TEXTBOOK.batchSize, seqLen: TEXTBOOK.seqLen });
    return [
      { name: "지금 설정", est: current },
      { name: "교재 예제 (base, B=2, T=512)", est: textbook },
    ];
  }, [model, batchSize, T, adam]);

  const current = bars[0].est;
  const width = 640, height = 300;
  const m = { top: 16, right: 150, bottom: 40, left: 64 };
  const yMax = Math.max(GPU_LINE * 1.1, ...bars.map((b) => b.est.total));
  // Scale in GiB so the ticks fall on round numbers; `y` takes bytes.
  const yG = d3.scaleLinear().domain([0, yMax / GiB]).range([height - m.bottom, m.top]).nice();
  const y = (bytes: number) => yG(bytes / GiB);
  const x = d3.scaleBand().domain(bars.map((b) => b.name)).range([m.left, width - m.right]).padding(0.35);
  const stacked = d3.stack<{ name: string; est: MemoryEstimate }, TermKey>()
    .keys(TERMS.map((t) => t.key))
    .value((d, key) => parts(d.est)[key])(bars);
  const ticks = yG.ticks(6);
  const summary =
    `${model.label}, 배치 ${batchSize}, 길이 ${T}, ${adam ? "Adam" : "SGD"}: 모두 ${formatBytes(current.total)} ` +
    `(가중치 ${formatBytes(current.weights)}, 기울기 ${formatBytes(current.gradients)}, 옵티마이저 ${formatBytes(current.optimizer)}, ` +
    `활성값 ${formatBytes(current.activations)}). 교재 예제는 ${formatBytes(bars[1].est.total)}.`;

  return (
    <figure className={styles.box} data-testid="memory-estimator">
      <div className={styles.controls}>
        <label htmlFor={`${id}-model`}>
          <span>모델</span>
          <select id={`${id}-model`} value={preset} onChange={(e) => setPreset(e.target.value as PresetKey)} data-testid="mem-model">
            {(Object.keys(MODELS) as PresetKey[]).map((k) => (
              <option key={k} value={k}>{MODELS[k].label}</option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-batch`}>
          <span>배치 크기 B = <output>{batchSize}</output></span>
          <input id={`${id}-batch`} type="range" min={1} max={64} step={1} value={batchSize}
            onChange={(e) => setBatchSize(Number(e.target.value))} aria-valuetext={`배치 ${batchSize}`} data-testid="mem-batch" />
        </label>
        <label htmlFor={`${id}-seq`}>
          <span>길이 T = <output>{T}</output> <span className={styles.hint}>(최대 {maxT})</span></span>
          <input id={`${id}-seq`} type="range" min={8} max={maxT} step={8} value={T}
            onChange={(e) => setSeqLen(Number(e.target.value))} aria-valuetext={`길이 ${T} 토큰`} data-testid="mem-seq" />
        </label>
        <label className={styles.check} htmlFor={`${id}-adam`}>
          <input id={`${id}-adam`} type="checkbox" checked={adam} onChange={(e) => setAdam(e.target.checked)} />
          Adam (끄면 상태 없는 SGD)
        </label>
      </div>
      <svg viewBox={`0 0 ${width} ${height}`} className={styles.chart} role="img" aria-label={summary} data-testid="mem-chart">
        {ticks.map((t) => (
          <g key={t} transform={`translate(0,${yG(t)})`}>
            <line x1={m.left} x2={width - m.right} className={styles.grid} />
            <text x={m.left - 6} dy="0.32em" textAnchor="end" className={styles.tick}>{t.toFixed(1)}</text>
          </g>
        ))}
        <text transform={`translate(16,${(height - m.bottom + m.top) / 2}) rotate(-90)`} textAnchor="middle" className={styles.tick}>GiB</text>
        {stacked.map((layer, i) => (
          <g key={layer.key} fill={TERMS[i].color}>
            {layer.map((seg, j) => (
              <rect key={j} x={x(bars[j].name)} width={x.bandwidth()} y={y(seg[1])} height={Math.max(0, y(seg[0]) - y(seg[1]))}
                data-term={layer.key}>
                <title>{`${TERMS[i].label}: ${formatBytes(seg[1] - seg[0])}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {bars.map((b) => (
          <g key={b.name}>
            <text x={(x(b.name) ?? 0) + x.bandwidth() / 2} y={y(b.est.total) - 6} textAnchor="middle" className={styles.total}
              data-testid={b.name === "지금 설정" ? "mem-total" : "mem-textbook-total"}>
              {formatBytes(b.est.total)}
            </text>
            <text x={(x(b.name) ?? 0) + x.bandwidth() / 2} y={height - m.bottom + 18} textAnchor="middle" className={styles.tick}>{b.name}</text>
          </g>
        ))}
        {[
          { v: GPU_LINE, label: "4 GiB GPU", cls: styles.gpuLine },
          { v: BROWSER_LINE, label: "브라우저 어림 예산 1 GiB", cls: styles.browserLine },
        ].map((l) => (
          <g key={l.label} transform={`translate(0,${y(l.v)})`}>
            <line x1={m.left} x2={width - m.right + 6} className={l.cls} />
            <text x={width - m.right + 8} dy="0.32em" className={styles.lineLabel}>{l.label}</text>
          </g>
        ))}
      </svg>
      <ul className={styles.legend}>
        {TERMS.map((t) => (
          <li key={t.key}><span style={{ background: t.color }} />{t.label}: {formatBytes(parts(current)[t.key])}</li>
        ))}
      </ul>
      <figcaption className={styles.caption} data-testid="mem-summary">
        지금 설정은 <strong>{formatBytes(current.total)}</strong>:{" "}
        {current.total <= GPU_LINE ? "4 GiB GPU 안에 들어가고" : "4 GiB GPU를 넘고"},{" "}
        {current.total <= BROWSER_LINE ? "브라우저 어림 예산(1 GiB) 안입니다" : "브라우저 어림 예산(1 GiB)도 넘습니다"}.
        텐서만 센 하한이라 실제로는 프레임워크의 임시 버퍼와 캐시가 더 듭니다.
      </figcaption>
    </figure>
  );
}
