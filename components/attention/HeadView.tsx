"use client";
// Head view: the tokens twice — as queries (left column, or top row) and as keys (right column, or bottom
// row) — with one line per (query → key) pair, as thick and opaque as its attention weight, one colour per
// head. Pointing at (or focusing) a token keeps only its lines and shades the tokens on the other side.
// Long sentences: lines below a small weight are left out and the box scrolls; nothing is squeezed.
import { useEffect, useRef } from "react";
import * as d3 from "d3";
import { headColor, shortLabel, textWidth, weight, type AttentionData, type Hover } from "./data";

export type Layout = "vertical" | "horizontal";

interface Props {
  data: AttentionData;
  layer: number;
  heads: number[];
  layout: Layout;
  hover: Hover | null;
  onHover(h: Hover | null): void;
}

interface Line { from: number; to: number; head: number; w: number }

/** Lines worth drawing: per query and head the strongest keys, down to a floor (all of them for short input). */
export function pickLines(d: AttentionData, layer: number, heads: number[]): Line[] {
  const t = d.tokens.length;
  const long = t > 40;
  const floor = long ? 0.04 : 0.01;
  const topK = long ? 8 : t;
  const lines: Line[] = [];
  for (const h of heads) {
    for (let i = 0; i < t; i++) {
      const row: Line[] = [];
      for (let j = 0; j < t; j++) row.push({ from: i, to: j, head: h, w: weight(d, layer, h, i, j) });
      row.sort((a, b) => b.w - a.w);
      // The two strongest always stay (a spread-out head has no weight above the floor), then down to the floor.
      lines.push(...row.slice(0, topK).filter((l, k) => k < 2 || l.w >= floor));
    }
  }
  // Weak lines first so strong ones are drawn on top.
  return lines.sort((a, b) => a.w - b.w);
}

const FONT = 12;
const baseOpacity = (w: number) => Math.min(0.9, 0.08 + 0.9 * w);
const strokeWidth = (w: number) => 0.6 + 2.6 * w;

interface Geometry {
  width: number;
  height: number;
  /** Anchor of token i on each side: where its lines start/end, and where its label sits. */
  query(i: number): { x: number; y: number };
  key(j: number): { x: number; y: number };
  link(l: Line): string;
  /** Label box of a token on a side. */
  box(side: Hover["side"], i: number): { x: number; y: number; w: number; h: number; anchor: "start" | "middle" | "end"; tx: number; ty: number };
}

function geometry(tokens: string[], layout: Layout): Geometry {
  const t = tokens.length;
  const labels = tokens.map((s) => shortLabel(s, 12));
  if (layout === "vertical") {
    const rowH = t > 60 ? 17 : 21;
    // At least as wide as the column titles ("보는 토큰 (쿼리)"), so they are never clipped.
    const colW = Math.min(150, Math.max(112, ...labels.map((s) => textWidth(s, FONT) + 16)));
    const gap = 190;
    const top = 28;
    const qx = colW, kx = colW + gap;
    const y = (i: number) => top + i * rowH + rowH / 2;
    const link = d3.linkHorizontal<unknown, [number, number]>().source(() => [0, 0]).target(() => [0, 0]);
    return {
      width: colW * 2 + gap,
      height: top + t * rowH + 8,
      query: (i) => ({ x: qx, y: y(i) }),
      key: (j) => ({ x: kx, y: y(j) }),
      link: (l) => link.source(() => [qx + 2, y(l.from)]).target(() => [kx - 2, y(l.to)])(null) ?? "",
      box: (side, i) =>
        side === "query"
          ? { x: 2, y: y(i) - rowH / 2 + 1, w: colW - 4, h: rowH - 2, anchor: "end", tx: qx - 8, ty: y(i) }
          : { x: kx + 2, y: y(i) - rowH / 2 + 1, w: colW - 4, h: rowH - 2, anchor: "start", tx: kx + 8, ty: y(i) },
    };
  }
  // Horizontal: queries in a top row, keys in a bottom row, curves between; the row scrolls sideways.
  const slot = labels.map((s) => Math.max(26, textWidth(s, FONT) + 12));
  const xs: number[] = [];
  let acc = 8;
  for (const w of slot) { xs.push(acc + w / 2); acc += w; }
  const rowH = 22, qy = 30, ky = 250;
  const link = d3.linkVertical<unknown, [number, number]>().source(() => [0, 0]).target(() => [0, 0]);
  return {
    width: acc + 8,
    height: ky + rowH + 6,
    query: (i) => ({ x: xs[i], y: qy }),
    key: (j) => ({ x: xs[j], y: ky }),
    link: (l) => link.source(() => [xs[l.from], qy + rowH / 2]).target(() => [xs[l.to], ky - rowH / 2])(null) ?? "",
    box: (side, i) => {
      const y0 = side === "query" ? qy : ky;
      return { x: xs[i] - slot[i] / 2 + 1, y: y0 - rowH / 2, w: slot[i] - 2, h: rowH, anchor: "middle", tx: xs[i], ty: y0 };
    },
  };
}

export function HeadView({ data, layer, heads, layout, hover, onHover }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const onHoverRef = useRef(onHover);
  useEffect(() => {
    onHoverRef.current = onHover;
  });
  const headsKey = heads.join(",");

  // Draw: only when the data, layer, heads or layout change (hover only restyles, below).
  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = d3.select(svgEl);
    svg.selectAll("*").remove();
    const g = geometry(data.tokens, layout);
    svg.attr("width", g.width).attr("height", g.height).attr("viewBox", `0 0 ${g.width} ${g.height}`).attr("data-layout", layout);

    if (layout === "vertical") {
      svg.append("text").attr("class", "att-col-title").attr("x", g.query(0).x - 8).attr("y", 14).attr("text-anchor", "end").text("보는 토큰 (쿼리)");
      svg.append("text").attr("class", "att-col-title").attr("x", g.key(0).x + 8).attr("y", 14).text("보이는 토큰 (키)");
    } else {
      svg.append("text").attr("class", "att-col-title").attr("x", 8).attr("y", 12).text("보는 토큰 (쿼리) ↓");
      svg.append("text").attr("class", "att-col-title").attr("x", 8).attr("y", g.height - 1).text("보이는 토큰 (키) ↑");
    }

    const lines = pickLines(data, layer, heads);
    svg.append("g").attr("class", "att-lines")
      .selectAll("path")
      .data(lines)
      .join("path")
      .attr("class", "att-line")
      .attr("d", (l) => g.link(l))
      .attr("data-from", (l) => l.from)
      .attr("data-to", (l) => l.to)
      .attr("data-head", (l) => l.head)
      .attr("fill", "none")
      .attr("stroke", (l) => headColor(l.head))
      .attr("stroke-width", (l) => strokeWidth(l.w))
      .attr("stroke-opacity", (l) => baseOpacity(l.w));

    for (const side of ["query", "key"] as const) {
      const tokens = svg.append("g").attr("class", `att-tokens att-tokens-${side}`)
        .selectAll<SVGGElement, string>("g")
        .data(data.tokens)
        .join("g")
        .attr("class", "att-token")
        .attr("data-side", side)
        .attr("data-index", (_, i) => i)
        .attr("tabindex", 0)
        .attr("role", "button")
        .attr("aria-label", (s, i) => `${side === "query" ? "쿼리" : "키"} ${i}: ${s}`);
      tokens.append("title").text((s, i) => `${i}: ${s}`);
      tokens.append("rect")
        .attr("class", "att-token-bg")
        .attr("x", (_, i) => g.box(side, i).x)
        .attr("y", (_, i) => g.box(side, i).y)
        .attr("width", (_, i) => g.box(side, i).w)
        .attr("height", (_, i) => g.box(side, i).h)
        .attr("rx", 3);
      tokens.append("text")
        .attr("x", (_, i) => g.box(side, i).tx)
        .attr("y", (_, i) => g.box(side, i).ty)
        .attr("dy", "0.35em")
        .attr("text-anchor", (_, i) => g.box(side, i).anchor)
        .text((s) => shortLabel(s, 12));
      tokens.on("mouseleave blur", () => onHoverRef.current(null));
      // Bind the index per element (a token may repeat, so its text is no key).
      tokens.each(function (_, i) {
        d3.select(this)
          .on("mouseenter focus", () => onHoverRef.current({ side, index: i }))
          .on("keydown", (ev: KeyboardEvent) => {
            const step = ev.key === "ArrowDown" || ev.key === "ArrowRight" ? 1 : ev.key === "ArrowUp" || ev.key === "ArrowLeft" ? -1 : 0;
            if (ev.key === "Escape") { onHoverRef.current(null); (this as SVGGElement).blur(); return; }
            if (!step) return;
            ev.preventDefault();
            const next = svgEl.querySelector<SVGGElement>(`.att-token[data-side="${side}"][data-index="${i + step}"]`);
            next?.focus();
          });
      });
    }
    // headsKey stands for heads (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, layer, headsKey, layout]);

  // Hover: restyle what is drawn.
  useEffect(() => {
    const svgEl = svgRef.current;
    if (!svgEl) return;
    const svg = d3.select(svgEl);
    const valid = hover && hover.index < data.tokens.length ? hover : null;
    svg.classed("is-hovering", !!valid);
    const on = (l: Line) => !!valid && (valid.side === "query" ? l.from === valid.index : l.to === valid.index);
    svg.selectAll<SVGPathElement, Line>("path.att-line")
      .classed("is-active", on)
      .attr("stroke-opacity", (l) => (!valid ? baseOpacity(l.w) : on(l) ? Math.min(1, 0.25 + l.w) : 0.03));
    svg.selectAll<SVGGElement, string>("g.att-token")
      .classed("is-hovered", function () {
        const el = this as SVGGElement;
        return !!valid && el.dataset.side === valid.side && Number(el.dataset.index) === valid.index;
      })
      .select("rect")
      // A style, not an attribute: the stylesheet's fill-opacity would win over an attribute.
      .style("fill-opacity", function () {
        const el = (this as SVGRectElement).parentNode as SVGGElement;
        if (!valid || el.dataset.side === valid.side) return null;
        // Mean weight over the shown heads: query i → key j (or, pointing at a key, which queries look at it).
        const k = Number(el.dataset.index);
        const ws = heads.map((h) => (valid.side === "query" ? weight(data, layer, h, valid.index, k) : weight(data, layer, h, k, valid.index)));
        const w = ws.length ? d3.mean(ws)! : 0;
        return Math.min(0.85, Math.sqrt(w));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hover, data, layer, headsKey, layout]);

  return (
    <div className={`att-scroll att-scroll-${layout}`} data-testid="att-head-view">
      <svg ref={svgRef} className="att-svg att-head-svg" role="group" aria-label={`${layer + 1}층 헤드 보기`} />
    </div>
  );
}
