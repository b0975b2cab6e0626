// A figure in a chapter: an SVG drawn at build time (a server component: it is in the static HTML and reads with
// JavaScript off), with a Korean title and description for screen readers and a caption under it.
//
//   <Figure id="bert-at-a-glance" title="BERT 한눈에" desc="문장이 토큰, 임베딩, 인코더 층 L개를 지나…" width={360} height={420}
//     caption={<>…</>}>
//     …svg elements…
//   </Figure>
//
// Draw for a phone first: the SVG is scaled to the column width, so a viewBox about 360 units wide keeps 13-unit
// text at 13 px on a 390 px screen (tests/browser/figures.test.ts measures the smallest text at 390 px). A figure
// that is wider on a desktop can pass `wide` (a second drawing shown from 700 px up) with the same title.
import type { ReactNode } from "react";

export interface FigureProps {
  /** Unique on the site: the anchor is #fig-<id>, tests find it by data-figure. */
  id: string;
  /** One line, Korean: what the figure shows (the SVG's <title>). */
  title: string;
  /** A sentence or two, Korean: what a reader who cannot see it should know (the SVG's <desc>). */
  desc: string;
  width: number;
  height: number;
  caption: ReactNode;
  children: ReactNode;
  /** Optional wide drawing for screens ≥ 700 px: [width, height, elements]. */
  wide?: [number, number, ReactNode];
}

function Svg({ id, title, desc, width, height, children, variant }: { id: string; title: string; desc: string; width: number; height: number; children: ReactNode; variant: string }) {
  const t = `fig-${id}-${variant}-title`, d = `fig-${id}-${variant}-desc`;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${t} ${d}`} className={`fig-svg fig-${variant}`} style={{ maxWidth: width * 1.6 }}>
      <title id={t}>{title}</title>
      <desc id={d}>{desc}</desc>
      {children}
    </svg>
  );
}

export function Figure({ id, title, desc, width, height, caption, children, wide }: FigureProps) {
  return (
    <figure className={`figure fig${wide ? " fig-has-wide" : ""}`} id={`fig-${id}`} data-figure={id}>
      <Svg id={id} title={title} desc={desc} width={width} height={height} variant="narrow">
        {children}
      </Svg>
      {wide ? (
        <Svg id={id} title={title} desc={desc} width={wide[0]} height={wide[1]} variant="wide">
          {wide[2]}
        </Svg>
      ) : null}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** Colours the figures share, so a token, an embedding or a layer looks the same in every chapter. */
export const FIG = {
  ink: "#1f2328",
  muted: "#646b75",
  line: "#c9ced6",
  token: "#edf1ff",
  tokenLine: "#9fb0ea",
  embed: "#e6f4ea",
  embedLine: "#8cc7a0",
  attn: "#fff0e0",
  attnLine: "#f0a860",
  ffn: "#f3e8ff",
  ffnLine: "#b99ae0",
  head: "#ffe8ec",
  headLine: "#e88a9c",
  accent: "#3b5bdb",
  bad: "#d6336c",
  font: 13,
  small: 11.5,
} as const;
