"use client";
// D3 charts for cell output: line (grows while a cell streams points), bar, heatmap.
import { useEffect, useRef, useState } from "react";
import * as d3 from "d3";
import type { BarChartSpec, ChartSpec, HeatmapSpec, LineChartSpec } from "@/lib/cells/protocol";

const COLORS = ["#3b6fd8", "#e07b39", "#2f9e6e", "#b5479b", "#8a6d3b", "#d24d57"];
const FONT = "12px var(--font-sans)";

type SVG = d3.Selection<SVGSVGElement, unknown, null, undefined>;

function frame(svg: SVG, width: number, height: number, title?: string) {
  svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
  svg.selectAll("*").remove();
  if (title) {
    svg.append("text").attr("x", 12).attr("y", 18).attr("class", "chart-title").text(title);
  }
}

function axisLabel(svg: SVG, text: string | undefined, x: number, y: number, rotate = false) {
  if (!text) return;
  const t = svg.append("text").attr("class", "chart-axis-label").attr("text-anchor", "middle").text(text);
  if (rotate) t.attr("transform", `translate(${x},${y}) rotate(-90)`);
  else t.attr("x", x).attr("y", y);
}

function drawLine(svg: SVG, spec: LineChartSpec, width: number) {
  const height = 260;
  const data = spec.data ?? [];
  const xKey = spec.x ?? "x";
  const series = spec.series ?? (data[0] ? Object.keys(data[0]).filter((k) => k !== xKey) : []);
  const xLabel = spec.xLabel ?? spec.x;
  const m = { top: spec.title ? 30 : 14, right: 16, bottom: xLabel ? 44 : 28, left: spec.yLabel ? 58 : 46 };
  frame(svg, width, height, spec.title);
  const xs = data.map((d) => d[xKey]).filter(Number.isFinite);
  const ys = data.flatMap((d) => series.map((s) => d[s])).filter((v) => Number.isFinite(v) && (!spec.logY || v > 0));
  const [x0, x1] = xs.length ? (d3.extent(xs) as [number, number]) : [0, 1];
  const x = d3.scaleLinear().domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1]).range([m.left, width - m.right]);
  let [y0, y1] = ys.length ? (d3.extent(ys) as [number, number]) : [0, 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const y = (spec.logY ? d3.scaleLog() : d3.scaleLinear()).domain([y0, y1]).nice().range([height - m.bottom, m.top]);

  svg.append("g").attr("class", "chart-grid").attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(5).tickSize(-(width - m.left - m.right)).tickFormat(() => ""));
  svg.append("g").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  svg.append("g").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5, spec.logY ? "~g" : undefined));
  axisLabel(svg, xLabel, (m.left + width - m.right) / 2, height - 8);
  axisLabel(svg, spec.yLabel, 14, (m.top + height - m.bottom) / 2, true);

  series.forEach((s, i) => {
    const pts = data.filter((d) => Number.isFinite(d[xKey]) && Number.isFinite(d[s]) && (!spec.logY || d[s] > 0));
    const line = d3.line<Record<string, number>>().x((d) => x(d[xKey])).y((d) => y(d[s]));
    svg.append("path").datum(pts).attr("fill", "none").attr("stroke", COLORS[i % COLORS.length]).attr("stroke-width", 1.8).attr("d", line);
    const last = pts[pts.length - 1];
    if (last) svg.append("circle").attr("cx", x(last[xKey])).attr("cy", y(last[s])).attr("r", 3).attr("fill", COLORS[i % COLORS.length]);
  });
  // Legend with the latest value of each series.
  const legend = svg.append("g").attr("transform", `translate(${width - m.right},${m.top - 14})`);
  const last = data[data.length - 1];
  let offset = 0;
  [...series].reverse().forEach((s, ri) => {
    const i = series.length - 1 - ri;
    const v = last?.[s];
    const label = `${s}${Number.isFinite(v) ? ` ${d3.format(".4~g")(v)}` : ""}`;
    const g = legend.append("g");
    const t = g.append("text").attr("x", -offset).attr("y", 4).attr("text-anchor", "end").attr("class", "chart-legend").text(label);
    const w = (t.node()?.getComputedTextLength?.() ?? label.length * 7) + 18;
    g.append("rect").attr("x", -offset - w + 4).attr("y", -4).attr("width", 10).attr("height", 3).attr("fill", COLORS[i % COLORS.length]);
    offset += w + 8;
  });
}

function drawBar(svg: SVG, spec: BarChartSpec, width: number) {
  const height = 240;
  const m = { top: spec.title ? 30 : 14, right: 16, bottom: 48, left: 52 };
  frame(svg, width, height, spec.title);
  const x = d3.scaleBand().domain(spec.labels.map((l, i) => `${i}`)).range([m.left, width - m.right]).padding(0.15);
  const lo = Math.min(0, d3.min(spec.values) ?? 0);
  const hi = Math.max(0, d3.max(spec.values) ?? 1);
  const y = d3.scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([height - m.bottom, m.top]);
  svg.append("g").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5));
  const xa = svg.append("g").attr("transform", `translate(0,${y(0)})`).call(d3.axisBottom(x).tickFormat((d) => spec.labels[Number(d)] ?? ""));
  if (spec.labels.length > 8) xa.selectAll("text").attr("transform", "rotate(-40)").attr("text-anchor", "end");
  svg.append("g").selectAll("rect").data(spec.values).join("rect")
    .attr("x", (_, i) => x(`${i}`) ?? 0).attr("width", x.bandwidth())
    .attr("y", (v) => y(Math.max(0, v))).attr("height", (v) => Math.abs(y(v) - y(0)))
    .attr("fill", COLORS[0]);
  axisLabel(svg, spec.yLabel, 14, height / 2, true);
}

function drawHeatmap(svg: SVG, spec: HeatmapSpec, width: number) {
  const rows = spec.values.length;
  const cols = spec.values[0]?.length ?? 0;
  const labelW = spec.yLabels ? 70 : 10;
  const labelH = spec.xLabels ? 60 : 10;
  const top = (spec.title ? 28 : 6) + labelH;
  const size = Math.max(6, Math.min(36, Math.floor((width - labelW - 90) / Math.max(1, cols))));
  const height = top + rows * size + 10;
  const w = Math.min(width, labelW + cols * size + 90); // room for the colour legend and its labels ("9.36e-14")
  frame(svg, w, height, spec.title);
  const flat = spec.values.flat();
  const color = d3.scaleSequential(d3.interpolateBlues).domain([d3.min(flat) ?? 0, d3.max(flat) ?? 1]);
  const g = svg.append("g").attr("transform", `translate(${labelW},${top})`);
  spec.values.forEach((row, r) =>
    row.forEach((v, c) => {
      g.append("rect").attr("x", c * size).attr("y", r * size).attr("width", size - 1).attr("height", size - 1).attr("fill", color(v))
        .append("title").text(`${spec.yLabels?.[r] ?? r} → ${spec.xLabels?.[c] ?? c}: ${d3.format(".4~g")(v)}`);
    }),
  );
  spec.yLabels?.forEach((l, r) =>
    g.append("text").attr("x", -6).attr("y", r * size + size / 2 + 4).attr("text-anchor", "end").attr("class", "chart-legend").text(l),
  );
  spec.xLabels?.forEach((l, c) =>
    g.append("text").attr("transform", `translate(${c * size + size / 2 + 4},-6) rotate(-60)`).attr("class", "chart-legend").text(l),
  );
  // Colour legend.
  const lg = svg.append("g").attr("transform", `translate(${labelW + cols * size + 14},${top})`);
  const steps = 20;
  for (let i = 0; i < steps; i++) {
    const v = color.domain()[1] - ((color.domain()[1] - color.domain()[0]) * i) / (steps - 1);
    lg.append("rect").attr("y", (i * rows * size) / steps).attr("width", 10).attr("height", (rows * size) / steps + 1).attr("fill", color(v));
  }
  lg.append("text").attr("x", 14).attr("y", 8).attr("class", "chart-legend").text(d3.format(".3~g")(color.domain()[1]));
  lg.append("text").attr("x", 14).attr("y", rows * size).attr("class", "chart-legend").text(d3.format(".3~g")(color.domain()[0]));
}

export function Chart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(640);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(280, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const svg = d3.select(svgRef.current!) as SVG;
    svg.style("font", FONT);
    if (spec.type === "line") drawLine(svg, spec, width);
    else if (spec.type === "bar") drawBar(svg, spec, width);
    else drawHeatmap(svg, spec, width);
  }, [spec, width]);

  const points = spec.type === "line" ? (spec.data?.length ?? 0) : undefined;
  return (
    <div className="out-chart" ref={box} data-testid="chart" data-points={points}>
      <svg ref={svgRef} role="img" aria-label={spec.title ?? "차트"} />
    </div>
  );
}
