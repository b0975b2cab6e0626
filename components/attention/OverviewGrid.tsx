"use client";
// Every head of every layer at once: L rows × A columns of small heatmaps. Click (or Enter) picks one.
// Each thumbnail is a <g class="att-thumb" data-layer data-head> (0-based) holding a canvas-drawn <image>.
import { useEffect, useMemo, useRef } from "react";
import * as d3 from "d3";
import { headColor, matrixImage, type AttentionData } from "./data";

interface Props {
  data: AttentionData;
  layer: number;
  head: number;
  onSelect(layer: number, head: number): void;
}

const THUMB = 78, GAP = 10, LEFT = 40, TOP = 24;

export function OverviewGrid({ data, layer, head, onSelect }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });
  const images = useMemo(
    () => d3.range(data.layers).map((l) => d3.range(data.heads).map((h) => matrixImage(data, l, h))),
    [data],
  );
  const width = LEFT + data.heads * (THUMB + GAP);
  const height = TOP + data.layers * (THUMB + GAP);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = d3.select(svgEl);
    svg.selectAll("*").remove();
    svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    for (let h = 0; h < data.heads; h++) {
      svg.append("text").attr("class", "att-grid-label").attr("x", LEFT + h * (THUMB + GAP) + THUMB / 2).attr("y", 15)
        .attr("text-anchor", "middle").attr("fill", headColor(h)).text(`헤드 ${h + 1}`);
    }
    for (let l = 0; l < data.layers; l++) {
      svg.append("text").attr("class", "att-grid-label").attr("x", LEFT - 6).attr("y", TOP + l * (THUMB + GAP) + THUMB / 2)
        .attr("text-anchor", "end").attr("dy", "0.35em").text(`${l + 1}층`);
    }
    const cells = svg.append("g").selectAll<SVGGElement, [number, number]>("g")
      .data(d3.cross(d3.range(data.layers), d3.range(data.heads)))
      .join("g")
      .attr("class", "att-thumb")
      .attr("data-layer", ([l]) => l)
      .attr("data-head", ([, h]) => h)
      .attr("transform", ([l, h]) => `translate(${LEFT + h * (THUMB + GAP)},${TOP + l * (THUMB + GAP)})`)
      .attr("tabindex", 0)
      .attr("role", "button")
      .attr("aria-label", ([l, h]) => `${l + 1}층 헤드 ${h + 1} 보기`);
    cells.append("title").text(([l, h]) => `${l + 1}층 · 헤드 ${h + 1}`);
    cells.append("image").attr("href", ([l, h]) => images[l][h]).attr("width", THUMB).attr("height", THUMB).attr("preserveAspectRatio", "none");
    cells.append("rect").attr("class", "att-thumb-frame").attr("x", -2).attr("y", -2).attr("width", THUMB + 4).attr("height", THUMB + 4).attr("rx", 3);
    cells
      .on("click", (_, [l, h]) => onSelectRef.current(l, h))
      .on("keydown", (ev: KeyboardEvent, [l, h]) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          onSelectRef.current(l, h);
        }
      });
  }, [data, images, width, height]);

  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    d3.select(svgEl).selectAll<SVGGElement, [number, number]>("g.att-thumb")
      .classed("is-selected", ([l, h]) => l === layer && h === head)
      .attr("aria-pressed", ([l, h]) => String(l === layer && h === head));
  }, [layer, head, images]);

  return (
    <div className="att-scroll att-scroll-grid" data-testid="att-overview">
      <svg ref={svgRef} className="att-svg att-grid-svg" role="group" aria-label="모든 층과 헤드의 어텐션 한눈에 보기" />
    </div>
  );
}
