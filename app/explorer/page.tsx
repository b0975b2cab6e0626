import type { Metadata } from "next";
import { Explorer } from "@/components/explorer/Explorer";

export const metadata: Metadata = {
  title: "어텐션 탐색기",
  description: "문장을 쓰면 한국어 BERT가 감성을 예측하고, 모든 층과 헤드의 어텐션을 보여 줍니다",
};

export default function ExplorerPage() {
  return <Explorer />;
}
