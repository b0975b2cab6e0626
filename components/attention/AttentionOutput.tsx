"use client";
// show.attention's page side: an AttentionItem from the kernel (lib/cells/protocol.ts) drawn as the panel.
import { useMemo } from "react";
import type { AttentionItem } from "@/lib/cells/protocol";
import { AttentionPanel } from "./AttentionPanel";
import type { AttentionData } from "./data";

export function AttentionOutput({ item }: { item: AttentionItem }) {
  const data: AttentionData = useMemo(
    () => ({ tokens: item.tokens, layers: item.layers, heads: item.heads, values: item.values }),
    [item],
  );
  return <AttentionPanel data={data} prediction={item.prediction} title={item.title} notice={item.notice} explanation={item.explanation} />;
}
