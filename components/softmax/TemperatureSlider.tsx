"use client";
// Softmax with a temperature, live: drag (or use the arrow keys on) the slider and the bars show
// softmax(logits / T). Used by content/05-softmax-argmax.mdx.
import { useId, useMemo, useState } from "react";
import * as d3 from "d3";
import styles from "./TemperatureSlider.module.css";

/** softmax(logits / T), computed stably (the max is subtracted before exp). */
export function softmaxT(logits: readonly number[], T: number): number[] {
  if (!(T > 0)) throw new Error(`temperature must be > 0, got ${T}`);
  const z = logits.map((l) => l / T);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const W = 520;
const H = 220;
const M = { top: 22, right: 12, bottom: 34, left: 44 };

export function TemperatureSlider({
  logits,
  labels,
  min = 0.1,
  max = 5,
  initial = 1,
}: {
  logits: number[];
  labels: string[];
  min?: number;
  max?: number;
  initial?: number;
}) {
  if (logits.length !== labels.length || logits.length === 0) {
    throw new Error(`TemperatureSlider: ${logits.length} logits but ${labels.length} labels`);
  }
  const [T, setT] = useState(initial);
  const id = useId();
  const probs = useMemo(() => softmaxT(logits, T), [logits, T]);
  const x = d3.scaleBand().domain(labels).range([M.left, W - M.right]).padding(0.25);
  const y = d3.scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const best = probs.indexOf(Math.max(...probs));
  const entropy = -probs.reduce((s, p) => s + (p > 0 ? p * Math.log2(p) : 0), 0);

  return (
    <figure className={styles.box} data-testid="temperature-slider" data-temperature={T.toFixed(1)}>
      <div className={styles.controls}>
        <label htmlFor={id}>
          온도 T = <output className={styles.value}>{T.toFixed(1)}</output>
        </label>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={0.1}
          value={T}
          onChange={(e) => setT(Number(e.target.value))}
          aria-valuetext={`온도 ${T.toFixed(1)}, 가장 큰 확률 ${labels[best]} ${(probs[best] * 100).toFixed(1)}%`}
        />
        {[0.1, 1, 5].map((v) => (
          <button key={v} type="button" className="btn" onClick={() => setT(v)} aria-pressed={Math.abs(T - v) < 1e-9}>
            T={v}
          </button>
        ))}
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`softmax(logits / ${T.toFixed(1)})`} className={styles.svg}>
        {y.ticks(5).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={M.left} x2={W - M.right} className={styles.grid} />
            <text x={M.left - 6} dy="0.32em" textAnchor="end" className={styles.tick}>
              {t}
            </text>
          </g>
        ))}
        {probs.map((p, i) => (
          <g key={labels[i]} data-prob={p.toFixed(4)}>
            <rect
              x={x(labels[i])}
              width={x.bandwidth()}
              y={y(p)}
              height={y(0) - y(p)}
              className={i === best ? styles.barBest : styles.bar}
            />
            <text x={(x(labels[i]) ?? 0) + x.bandwidth() / 2} y={y(p) - 5} textAnchor="middle" className={styles.tick}>
              {(p * 100).toFixed(1)}%
            </text>
            <text x={(x(labels[i]) ?? 0) + x.bandwidth() / 2} y={H - M.bottom + 16} textAnchor="middle" className={styles.label}>
              {labels[i]} ({logits[i]})
            </text>
          </g>
        ))}
      </svg>
      <figcaption className={styles.caption}>
        로짓 [{logits.join(", ")}] ÷ {T.toFixed(1)} → softmax. 가장 큰 확률: <strong>{labels[best]}</strong> (T와 상관없이 같음) ·
        엔트로피 {entropy.toFixed(2)}비트 (최대 {Math.log2(logits.length).toFixed(2)})
      </figcaption>
    </figure>
  );
}
