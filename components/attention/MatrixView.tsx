"use client";
// One head as a T×T heatmap: row = query (the token that looks), column = key (the token looked at).
// The cells are one <image> drawn on a canvas (128×128 = 16,384 cells would be a slow SVG); labels,
// highlight bands and the readout are SVG. Labels thin out for long input so they never overlap.
import { useEffect, useMemo, useRef, useState } from "react";
import * as d3 from "d3";
import { labelEvery, matrixImage, shortLabel, textWidth, weight, weightColor, type AttentionData, type Hover } from "./data";

interface Props {
  data: AttentionData;
  layer: number;
  head: number;
  hover: Hover | null;
  onHover(h: Hover | null): void;
  testId?: string;
}

const FONT = 11;

export function MatrixView({ data, layer, head, hover, onHover, testId = "att-matrix" }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const onHoverRef = useRef(onHover);
  useEffect(() => {
    onHoverRef.current = onHover;
  });
  const [cell, setCell] = useState<{ i: number; j: number } | null>(null);
  const t = data.tokens.length;
  const size = Math.max(3, Math.min(24, Math.floor(460 / t)));
  const plot = size * t;
  const every = labelEvery(size, FONT);
  // Label room from an estimate of the text's width, then from the drawn labels' measured width (below): fonts
  // differ, and an estimate that was short clipped long rotated labels (감동적이었어요 showed as 감동적이).
  const [measured, setMeasured] = useState(0);
  const labelW = Math.max(measured, Math.min(110, Math.max(24, ...data.tokens.map((s, i) => (i % every === 0 ? textWidth(shortLabel(s, 9), FONT) : 0)))) + 8);
  const m = useMemo(() => ({ left: labelW, top: labelW, right: 12, bottom: 58 }), [labelW]);
  const width = m.left + plot + m.right;
  const height = m.top + plot + m.bottom;
  const image = useMemo(() => matrixImage(data, layer, head), [data, layer, head]);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = d3.select(svgEl);
    svg.selectAll("*").remove();
    svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    const root = svg.append("g");
    root.append("image")
      .attr("href", image)
      .attr("x", m.left).attr("y", m.top).attr("width", plot).attr("height", plot)
      .attr("preserveAspectRatio", "none")
      .attr("class", "att-matrix-image");
    root.append("rect").attr("x", m.left).attr("y", m.top).attr("width", plot).attr("height", plot).attr("fill", "none").attr("stroke", "#c9ced6");

    const labels = (side: "query" | "key") => {
      const g = root.append("g").attr("class", `att-mlabels att-mlabels-${side}`);
      const items = g.selectAll<SVGGElement, string>("g")
        .data(data.tokens)
        .join("g")
        .attr("class", "att-mlabel")
        .attr("data-side", side)
        .attr("data-index", (_, i) => i)
        .attr("display", (_, i) => (i % every === 0 ? null : "none"))
        .attr("tabindex", (_, i) => (i % every === 0 ? 0 : null))
        .attr("role", "button")
        .attr("aria-label", (s, i) => `${side === "query" ? "쿼리" : "키"} ${i}: ${s}`);
      const text = items.append("text").text((s) => shortLabel(s, 9)).attr("dy", "0.35em");
      if (side === "query") {
        text.attr("x", m.left - 5).attr("y", (_, i) => m.top + (i + 0.5) * size).attr("text-anchor", "end");
      } else {
        text.attr("transform", (_, i) => `translate(${m.left + (i + 0.5) * size},${m.top - 5}) rotate(-90)`).attr("text-anchor", "start");
      }
      items.each(function (_, i) {
        d3.select(this)
          .on("mouseenter focus", () => onHoverRef.current({ side, index: i }))
          .on("mouseleave blur", () => onHoverRef.current(null))
          .on("keydown", (ev: KeyboardEvent) => {
            const step = ev.key === "ArrowDown" || ev.key === "ArrowRight" ? every : ev.key === "ArrowUp" || ev.key === "ArrowLeft" ? -every : 0;
            if (!step) return;
            ev.preventDefault();
            svgEl.querySelector<SVGGElement>(`.att-mlabel[data-side="${side}"][data-index="${i + step}"]`)?.focus();
          });
      });
    };
    labels("query");
    labels("key");
    // The widest label as drawn; more than the room given: draw again with that room (once: it then fits).
    let widest = 0;
    svg.selectAll<SVGTextElement, unknown>('.att-mlabel[data-side="query"] text').each(function () {
      widest = Math.max(widest, this.getComputedTextLength?.() ?? 0);
    });
    if (Math.ceil(widest) + 8 > labelW) setMeasured(Math.ceil(widest) + 8);

    // Bands that show the pointed-at row (query) or column (key); restyled on hover below.
    root.append("rect").attr("class", "att-band att-band-row").attr("x", m.left).attr("width", plot).attr("height", size).attr("display", "none");
    root.append("rect").attr("class", "att-band att-band-col").attr("y", m.top).attr("width", size).attr("height", plot).attr("display", "none");
    root.append("rect").attr("class", "att-band-cell").attr("width", size).attr("height", size).attr("display", "none");
    root.append("text").attr("class", "att-readout").attr("x", m.left).attr("y", m.top + plot + 18);

    // Colour legend.
    const lg = root.append("g").attr("transform", `translate(${m.left},${m.top + plot + 28})`);
    const gradId = `att-grad-${layer}-${head}-${Math.random().toString(36).slice(2, 8)}`;
    const grad = svg.append("defs").append("linearGradient").attr("id", gradId);
    d3.range(0, 1.0001, 0.1).forEach((v) => grad.append("stop").attr("offset", `${v * 100}%`).attr("stop-color", weightColor(v)));
    const lw = Math.min(160, plot);
    lg.append("rect").attr("width", lw).attr("height", 8).attr("fill", `url(#${gradId})`).attr("stroke", "#c9ced6");
    lg.append("text").attr("class", "att-legend").attr("x", 0).attr("y", 18).text("0");
    lg.append("text").attr("class", "att-legend").attr("x", lw).attr("y", 18).attr("text-anchor", "end").text("1");
    lg.append("text").attr("class", "att-legend").attr("x", lw / 2).attr("y", 18).attr("text-anchor", "middle").text("가중치 (색: 제곱근 눈금)");

    // Pointer over the cells: which query looks at which key, and how much.
    const overlay = root.append("rect").attr("x", m.left).attr("y", m.top).attr("width", plot).attr("height", plot).attr("fill", "transparent");
    overlay
      .on("mousemove", (ev: MouseEvent) => {
        const [px, py] = d3.pointer(ev);
        const i = Math.min(t - 1, Math.max(0, Math.floor((py - m.top) / size)));
        const j = Math.min(t - 1, Math.max(0, Math.floor((px - m.left) / size)));
        setCell({ i, j });
        onHoverRef.current({ side: "query", index: i });
      })
      .on("mouseleave", () => {
        setCell(null);
        onHoverRef.current(null);
      });
  }, [data, layer, head, image, width, height, plot, size, every, m, t, labelW]);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = d3.select(svgEl);
    const valid = hover && hover.index < t ? hover : null;
    svg.select(".att-band-row").attr("display", valid?.side === "query" ? null : "none").attr("y", valid ? m.top + valid.index * size : 0);
    svg.select(".att-band-col").attr("display", valid?.side === "key" ? null : "none").attr("x", valid ? m.left + valid.index * size : 0);
    svg.select(".att-band-cell").attr("display", cell ? null : "none")
      .attr("x", cell ? m.left + cell.j * size : 0).attr("y", cell ? m.top + cell.i * size : 0);
    svg.selectAll<SVGGElement, string>(".att-mlabel")
      .classed("is-hovered", function () {
        const el = this as SVGGElement;
        return !!valid && el.dataset.side === valid.side && Number(el.dataset.index) === valid.index;
      })
      // A hovered token shows its label even where labels are thinned out.
      .attr("display", function (_, i) {
        const el = this as SVGGElement;
        const hit = !!valid && el.dataset.side === valid.side && Number(el.dataset.index) === valid.index;
        return i % every === 0 || hit ? null : "none";
      });
    let text = "";
    if (cell) {
      text = `쿼리 ${cell.i} ‘${data.tokens[cell.i]}’ → 키 ${cell.j} ‘${data.tokens[cell.j]}’: ${weight(data, layer, head, cell.i, cell.j).toFixed(3)}`;
    } else if (valid) {
      const row = d3.range(t).map((k) => (valid.side === "query" ? weight(data, layer, head, valid.index, k) : weight(data, layer, head, k, valid.index)));
      const best = d3.maxIndex(row);
      text = valid.side === "query"
        ? `‘${data.tokens[valid.index]}’가 가장 많이 보는 토큰: ‘${data.tokens[best]}’ (${row[best].toFixed(3)})`
        : `‘${data.tokens[valid.index]}’를 가장 많이 보는 토큰: ‘${data.tokens[best]}’ (${row[best].toFixed(3)})`;
    }
    svg.select(".att-readout").text(text);
  }, [hover, cell, data, layer, head, t, m, size, every, image]);

  return (
    <div className="att-scroll att-scroll-matrix" data-testid={testId}>
      <svg ref={svgRef} className="att-svg att-matrix-svg" role="group" aria-label={`${layer + 1}층 ${head + 1}번 헤드 어텐션 행렬`} />
    </div>
  );
}
