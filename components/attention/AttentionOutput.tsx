"use client";
// show.attention's page side: an AttentionItem from the kernel (lib/cells/protocol.ts) drawn as the panel.
// A pre-rendered one (`still`: a cell's snapshot, lib/cells/snapshot.ts) is first drawn as a still picture the server
// can render (the panel paints its maps on canvases in the browser), then as the panel once the page is running.
import { useMemo, useSyncExternalStore } from "react";
import type { AttentionItem } from "@/lib/cells/protocol";
import { Chart } from "@/components/cells/Chart";
import { AttentionPanel, Prediction, toWords } from "./AttentionPanel";
import { headMatrix, type AttentionData } from "./data";

const noSubscribe = () => () => undefined;

export function AttentionOutput({ item, still = false }: { item: AttentionItem; still?: boolean }) {
  const data: AttentionData = useMemo(
    () => ({ tokens: item.tokens, layers: item.layers, heads: item.heads, values: item.values }),
    [item],
  );
  // false on the server and while the page hydrates, true after: the still picture is what the static HTML holds.
  const running = useSyncExternalStore(noSubscribe, () => true, () => false);
  if (still && !running) return <AttentionStill item={item} data={data} />;
  return <AttentionPanel data={data} prediction={item.prediction} title={item.title} notice={item.notice} explanation={item.explanation} />;
}

/** The prediction and the first head's map over words (what the panel's matrix shows first), as plain SVG. */
function AttentionStill({ item, data }: { item: AttentionItem; data: AttentionData }) {
  const words = toWords(data);
  const T = words.tokens.length;
  const m = headMatrix(words, 0, 0);
  const values = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => m[i * T + j]));
  return (
    <div className="att-panel" data-testid="attention" data-still="" data-layers={item.layers} data-heads={item.heads} data-tokens={item.tokens.length}>
      {item.title ? <div className="att-title">{item.title}</div> : null}
      {item.prediction ? <Prediction prediction={item.prediction} /> : null}
      {item.notice ? <div className="att-notice">{item.notice}</div> : null}
      <Chart spec={{ type: "heatmap", title: "1층 헤드 1: 행은 보는 단어, 열은 보이는 단어", values, xLabels: words.tokens, yLabels: words.tokens }} />
      <div className="att-muted">
        층 {item.layers}개 × 헤드 {item.heads}개를 모두 보는 {item.explanation ? "그림과 설명 비교는" : "그림은"} 셀을 실행하면 나옵니다.
      </div>
    </div>
  );
}
