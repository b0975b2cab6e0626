"use client";
// Charts for cell output: line (grows while a cell streams points), bar, heatmap. Plain React SVG with d3's scales,
// so the same chart renders on the server (a pre-rendered snapshot, lib/cells/snapshot.ts, is in the static HTML)
// and in the browser; the browser then fits it to the output's width.
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { extent, format, interpolateBlues, line as d3line, max, min, scaleBand, scaleLinear, scaleLog, scaleSequential } from "d3";
import type { BarChartSpec, ChartSpec, HeatmapSpec, LineChartSpec } from "@/lib/cells/protocol";
import { textWidth } from "@/components/text-width";

const COLORS = ["#3b6fd8", "#e07b39", "#2f9e6e", "#b5479b", "#8a6d3b", "#d24d57"];
const FONT = "12px var(--font-sans)";
const fmt4 = format(".4~g");
const fmt3 = format(".3~g");


interface Tick { at: number; label: string }

/** An axis as d3's axisBottom/axisLeft draws one: the domain line, and a tick mark and label per tick. */
function Axis({ side, ticks, from, to, at }: { side: "bottom" | "left"; ticks: Tick[]; from: number; to: number; at: number }) {
  const bottom = side === "bottom";
  return (
    <g transform={bottom ? `translate(0,${at})` : `translate(${at},0)`} fill="none" fontSize={10} textAnchor={bottom ? "middle" : "end"}>
      <path className="domain" stroke="currentColor" d={bottom ? `M${from},6V0H${to}V6` : `M-6,${from}H0V${to}H-6`} />
      {ticks.map((t, i) => (
        <g className="tick" key={i} transform={bottom ? `translate(${t.at},0)` : `translate(0,${t.at})`}>
          <line stroke="currentColor" {...(bottom ? { y2: 6 } : { x2: -6 })} />
          <text fill="currentColor" {...(bottom ? { y: 9, dy: "0.71em" } : { x: -9, dy: "0.32em" })}>
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}

function Frame({ width, height, title, children }: { width: number; height: number; title?: string; children: ReactNode }) {
  return (
    // --min-w: how narrow the static HTML's chart may get on a phone before it scrolls (see .out-chart.is-static).
    <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title ?? "차트"}
      style={{ font: FONT, "--min-w": `${Math.min(width, 480)}px` } as CSSProperties}>
      {title ? (
        <text x={12} y={18} className="chart-title">
          {title}
        </text>
      ) : null}
      {children}
    </svg>
  );
}

function AxisLabel({ text, x, y, rotate = false }: { text?: string; x: number; y: number; rotate?: boolean }) {
  if (!text) return null;
  return rotate ? (
    <text className="chart-axis-label" textAnchor="middle" transform={`translate(${x},${y}) rotate(-90)`}>
      {text}
    </text>
  ) : (
    <text className="chart-axis-label" textAnchor="middle" x={x} y={y}>
      {text}
    </text>
  );
}

function LineChart({ spec, width }: { spec: LineChartSpec; width: number }) {
  const height = 260;
  const data = spec.data ?? [];
  const xKey = spec.x ?? "x";
  const series = spec.series ?? (data[0] ? Object.keys(data[0]).filter((k) => k !== xKey) : []);
  const xLabel = spec.xLabel ?? spec.x;
  const m = { top: spec.title ? 30 : 14, right: 16, bottom: xLabel ? 44 : 28, left: spec.yLabel ? 58 : 46 };
  const xs = data.map((d) => d[xKey]).filter(Number.isFinite);
  const ys = data.flatMap((d) => series.map((s) => d[s])).filter((v) => Number.isFinite(v) && (!spec.logY || v > 0));
  const [x0, x1] = xs.length ? (extent(xs) as [number, number]) : [0, 1];
  const x = scaleLinear().domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1]).range([m.left, width - m.right]);
  let [y0, y1] = ys.length ? (extent(ys) as [number, number]) : [0, 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const y = (spec.logY ? scaleLog() : scaleLinear()).domain([y0, y1]).nice().range([height - m.bottom, m.top]);
  const yTicks = y.ticks(5);
  const yFormat = y.tickFormat(5, spec.logY ? "~g" : undefined);
  const xTicks = x.ticks(Math.max(2, Math.floor(width / 90)));
  const xFormat = x.tickFormat(Math.max(2, Math.floor(width / 90)));
  const last = data[data.length - 1];
  // Legend, right-aligned, with the latest value of each series.
  let offset = 0;
  const legend = [...series].reverse().map((s, ri) => {
    const i = series.length - 1 - ri;
    const v = last?.[s];
    const label = `${s}${Number.isFinite(v) ? ` ${fmt4(v)}` : ""}`;
    const w = textWidth(label) + 18;
    const el = (
      <g key={s}>
        <text x={-offset} y={4} textAnchor="end" className="chart-legend">
          {label}
        </text>
        <rect x={-offset - w + 4} y={-4} width={10} height={3} fill={COLORS[i % COLORS.length]} />
      </g>
    );
    offset += w + 8;
    return el;
  });
  return (
    <Frame width={width} height={height} title={spec.title}>
      <g className="chart-grid" transform={`translate(${m.left},0)`}>
        {yTicks.map((t, i) => (
          <line key={i} x2={width - m.left - m.right} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <Axis side="bottom" at={height - m.bottom} from={m.left} to={width - m.right} ticks={xTicks.map((t) => ({ at: x(t), label: xFormat(t) }))} />
      <Axis side="left" at={m.left} from={height - m.bottom} to={m.top} ticks={yTicks.map((t) => ({ at: y(t), label: yFormat(t) }))} />
      <AxisLabel text={xLabel} x={(m.left + width - m.right) / 2} y={height - 8} />
      <AxisLabel text={spec.yLabel} x={14} y={(m.top + height - m.bottom) / 2} rotate />
      {series.map((s, i) => {
        const pts = data.filter((d) => Number.isFinite(d[xKey]) && Number.isFinite(d[s]) && (!spec.logY || d[s] > 0));
        const path = d3line<Record<string, number>>().x((d) => x(d[xKey])).y((d) => y(d[s]))(pts) ?? "";
        const end = pts[pts.length - 1];
        const color = COLORS[i % COLORS.length];
        return (
          <g key={s}>
            <path d={path} fill="none" stroke={color} strokeWidth={1.8} />
            {end ? <circle cx={x(end[xKey])} cy={y(end[s])} r={3} fill={color} /> : null}
          </g>
        );
      })}
      <g transform={`translate(${width - m.right},${m.top - 14})`}>{legend}</g>
    </Frame>
  );
}

function BarChart({ spec, width }: { spec: BarChartSpec; width: number }) {
  const height = 240;
  const m = { top: spec.title ? 30 : 14, right: 16, bottom: 48, left: 52 };
  const x = scaleBand().domain(spec.labels.map((_, i) => `${i}`)).range([m.left, width - m.right]).padding(0.15);
  const lo = Math.min(0, min(spec.values) ?? 0);
  const hi = Math.max(0, max(spec.values) ?? 1);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([height - m.bottom, m.top]);
  const tilt = spec.labels.length > 8;
  const yFormat = y.tickFormat(5);
  return (
    <Frame width={width} height={height} title={spec.title}>
      <Axis side="left" at={m.left} from={height - m.bottom} to={m.top} ticks={y.ticks(5).map((t) => ({ at: y(t), label: yFormat(t) }))} />
      <g transform={`translate(0,${y(0)})`} fill="none" fontSize={10} textAnchor="middle">
        <path className="domain" stroke="currentColor" d={`M${m.left},6V0H${width - m.right}V6`} />
        {spec.labels.map((l, i) => (
          <g className="tick" key={i} transform={`translate(${(x(`${i}`) ?? 0) + x.bandwidth() / 2},0)`}>
            <line stroke="currentColor" y2={6} />
            <text fill="currentColor" y={9} dy="0.71em" {...(tilt ? { transform: "rotate(-40)", textAnchor: "end" } : {})}>
              {l}
            </text>
          </g>
        ))}
      </g>
      <g>
        {spec.values.map((v, i) => (
          <rect key={i} x={x(`${i}`) ?? 0} width={x.bandwidth()} y={y(Math.max(0, v))} height={Math.abs(y(v) - y(0))} fill={COLORS[0]} />
        ))}
      </g>
      <AxisLabel text={spec.yLabel} x={14} y={height / 2} rotate />
    </Frame>
  );
}

function Heatmap({ spec, width }: { spec: HeatmapSpec; width: number }) {
  const rows = spec.values.length;
  const cols = spec.values[0]?.length ?? 0;
  // Room for the longest label (Korean words run long), within reason.
  const longest = (ls?: string[]) => Math.max(0, ...(ls ?? []).map((l) => textWidth(l)));
  const labelW = spec.yLabels ? Math.min(140, Math.max(60, longest(spec.yLabels) + 12)) : 10;
  const labelH = spec.xLabels ? Math.min(120, Math.max(50, longest(spec.xLabels) * 0.87 + 14)) : 10;
  const top = (spec.title ? 28 : 6) + labelH;
  const size = Math.max(6, Math.min(36, Math.floor((width - labelW - 90) / Math.max(1, cols))));
  const height = top + rows * size + 10;
  const w = Math.min(width, labelW + cols * size + 90); // room for the colour legend and its labels ("9.36e-14")
  const flat = spec.values.flat();
  const color = scaleSequential(interpolateBlues).domain([min(flat) ?? 0, max(flat) ?? 1]);
  const [d0, d1] = color.domain();
  const steps = 20;
  return (
    <Frame width={w} height={height} title={spec.title}>
      <g transform={`translate(${labelW},${top})`}>
        {spec.values.map((row, r) =>
          row.map((v, c) => (
            <rect key={`${r}-${c}`} x={c * size} y={r * size} width={size - 1} height={size - 1} fill={color(v)}>
              <title>{`${spec.yLabels?.[r] ?? r} → ${spec.xLabels?.[c] ?? c}: ${fmt4(v)}`}</title>
            </rect>
          )),
        )}
        {spec.yLabels?.map((l, r) => (
          <text key={`y${r}`} x={-6} y={r * size + size / 2 + 4} textAnchor="end" className="chart-legend">
            {l}
          </text>
        ))}
        {spec.xLabels?.map((l, c) => (
          <text key={`x${c}`} transform={`translate(${c * size + size / 2 + 4},-6) rotate(-60)`} className="chart-legend">
            {l}
          </text>
        ))}
      </g>
      {/* Colour legend. */}
      <g transform={`translate(${labelW + cols * size + 14},${top})`}>
        {Array.from({ length: steps }, (_, i) => (
          <rect key={i} y={(i * rows * size) / steps} width={10} height={(rows * size) / steps + 1} fill={color(d1 - ((d1 - d0) * i) / (steps - 1))} />
        ))}
        <text x={14} y={8} className="chart-legend">
          {fmt3(d1)}
        </text>
        <text x={14} y={rows * size} className="chart-legend">
          {fmt3(d0)}
        </text>
      </g>
    </Frame>
  );
}

/** The width charts are drawn at before the browser measures the output (and in the static HTML, scaled by CSS). */
const DEFAULT_WIDTH = 640;

export function Chart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  // Until the browser measures the box (never without JavaScript), CSS keeps a narrow screen's chart legible.
  const [measured, setMeasured] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setWidth(Math.max(280, Math.floor(el.clientWidth)));
      setMeasured(true);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const points = spec.type === "line" ? (spec.data?.length ?? 0) : undefined;
  return (
    <div className={measured ? "out-chart" : "out-chart is-static"} ref={box} data-testid="chart" data-points={points}>
      {spec.type === "line" ? <LineChart spec={spec} width={width} /> : spec.type === "bar" ? <BarChart spec={spec} width={width} /> : <Heatmap spec={spec} width={width} />}
    </div>
  );
}
