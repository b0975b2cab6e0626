// What each block of "BERT 해부도" is called, what it does, and where the course explains it. The sizes in the
// sentences come from the trace (the model's config), not from here.
import type { BlockKind, Trace } from "@/lib/explain/trace-view";

export interface BlockText { name: string; what: string; link: { href: string; label: string } }

const n = (x: number) => x.toLocaleString("ko-KR");

export function blockText(kind: BlockKind, t: Trace, layer = 0): BlockText {
  const H = t.hidden, I = t.intermediate, A = t.heads;
  switch (kind) {
    case "tokens":
      return {
        name: "토크나이저",
        what: "문장을 WordPiece 조각으로 자르고 각 조각을 어휘의 id로 바꿉니다. 앞에 [CLS], 끝에 [SEP]가 붙습니다.",
        link: { href: "/learn/tokenization#cell-token-view", label: "2장 토큰화: 토큰 보기" },
      };
    case "embeddings":
      return {
        name: "임베딩",
        what: `토큰 임베딩, 위치 임베딩, 토큰 타입 임베딩을 더한 뒤 LayerNorm을 거친 벡터입니다. 토큰마다 ${H}차원입니다.`,
        link: { href: "/learn/encoder#cell-embed-manual", label: "3장 1. 임베딩: 세 가지 표를 더한다" },
      };
    case "attention":
      return {
        name: `${layer}층 어텐션`,
        what: `셀프 어텐션: 헤드 ${A}개가 저마다 모든 토큰을 보고(히트맵의 행은 쿼리, 열은 키이고 각 행의 합은 1), 결과를 이어 붙여 출력 투영한 뒤 입력을 더하고 LayerNorm을 거칩니다. 아래 값은 그 출력입니다.`,
        link: { href: "/learn/encoder#cell-multihead", label: "3장 2–4. 어텐션, 멀티 헤드, 잔차 연결" },
      };
    case "ffn":
      return {
        name: `${layer}층 피드포워드`,
        what: `토큰마다 따로 ${H} → ${n(I)} (GELU) → ${H}로 계산하고, 입력을 더한 뒤 LayerNorm을 거칩니다. 이 출력이 ${layer < t.layers ? `${layer + 1}층의 입력` : "인코더의 마지막 출력"}입니다.`,
        link: { href: "/learn/encoder#cell-ffn", label: "3장 5. 피드포워드 블록과 GELU" },
      };
    case "cls":
      return {
        name: "[CLS] 벡터",
        what: `마지막 층 출력의 0번 행, [CLS] 자리의 ${H}차원 벡터입니다. 분류는 이 벡터 하나만 봅니다.`,
        link: { href: "/learn/encoder#cell-stack", label: "3장 6. 층 쌓기: [CLS] 벡터" },
      };
    case "pooler":
      return {
        name: "pooler",
        what: `[CLS] 벡터에 선형층(${H} → ${H})과 tanh를 적용합니다. 그래서 값이 모두 −1과 1 사이입니다.`,
        link: { href: "/learn/bert-overview#cell-head-size", label: "1장 미세 조정: [CLS] 위에 한 층" },
      };
    case "classifier":
      return {
        name: "분류층",
        what: `선형층 하나(${H} → ${t.labels.length})가 레이블마다 수 하나, 로짓을 냅니다 (${t.labels.join(", ")} 순서).`,
        link: { href: "/learn/softmax-argmax#cell-classify-review", label: "5장 로짓 → 확률 → 레이블" },
      };
    case "softmax":
      return {
        name: "소프트맥스",
        what: "로짓을 합이 1인 확률로 바꿉니다. 순서는 바뀌지 않으므로 가장 큰 로짓의 레이블이 예측입니다.",
        link: { href: "/learn/softmax-argmax#cell-softmax-monotonic", label: "5장 소프트맥스는 argmax 전에 필요 없다" },
      };
  }
}
