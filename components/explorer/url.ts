// The explorer's state in the query string, so a link reopens the same picture:
//   ?s=재밌다&s2=재미없다&m=shipped&l=2&h=1&u=words&lay=vertical
// Parsing never throws: a missing or invalid value is the default. Layer and head are checked against the model
// only once it is loaded (clampView), since a picked folder may have more or fewer of them than the shipped one.
import type { PanelView } from "@/components/attention";

export type ModelId = "shipped" | "mine" | "folder";
export const MODEL_IDS: readonly ModelId[] = ["shipped", "mine", "folder"];

export interface UrlState {
  sentence: string;
  second: string;
  model: ModelId;
  view: PanelView;
}

// Words by default, as the panel itself starts: the reader's own words, not "##" pieces.
export const DEFAULT_VIEW: PanelView = { unit: "words", layer: 0, head: 0, layout: "vertical" };

const index = (v: string | null): number | null => (v !== null && /^\d{1,3}$/.test(v) ? Number(v) : null);

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const m = q.get("m");
  const u = q.get("u");
  const lay = q.get("lay");
  return {
    sentence: (q.get("s") ?? "").trim(),
    second: (q.get("s2") ?? "").trim(),
    model: MODEL_IDS.includes(m as ModelId) ? (m as ModelId) : "shipped",
    view: {
      unit: u === "words" || u === "pieces" ? u : DEFAULT_VIEW.unit,
      layer: index(q.get("l")) ?? DEFAULT_VIEW.layer,
      head: index(q.get("h")) ?? DEFAULT_VIEW.head,
      layout: lay === "horizontal" || lay === "vertical" ? lay : DEFAULT_VIEW.layout,
    },
  };
}

export function formatUrlState(st: UrlState): string {
  const q = new URLSearchParams();
  if (st.sentence) q.set("s", st.sentence);
  if (st.second) q.set("s2", st.second);
  q.set("m", st.model);
  q.set("l", String(st.view.layer));
  q.set("h", String(st.view.head));
  q.set("u", st.view.unit);
  q.set("lay", st.view.layout);
  return `?${q.toString()}`;
}

/** A layer or head the model does not have falls back to the default (0). */
export function clampView(view: PanelView, layers: number, heads: number): PanelView {
  const layer = view.layer < layers ? view.layer : DEFAULT_VIEW.layer;
  const head = view.head < heads ? view.head : DEFAULT_VIEW.head;
  return layer === view.layer && head === view.head ? view : { ...view, layer, head };
}
