// Chapter 1's first callout: encoder-only (BERT), decoder-only (GPT) and encoder-decoder (the original Transformer)
// side by side, each with the attention pattern it allows (all tokens, or only the ones to the left). It corrects the
// textbook's "전이 = 인코더-디코더": the Transformer is an architecture, transfer learning is a training method.
import config from "@/public/models/encoder/config.json";
import { Figure, FIG } from "./Figure";
import { Arrow, Box, Draw, T } from "./parts";

/** A k×k grid of who-sees-whom: rows are the token that looks, columns the token it may look at. */
function Grid({ x, y, k, cell, causal, color, line }: { x: number; y: number; k: number; cell: number; causal: boolean; color: string; line: string }) {
  let on = "", off = "";
  const s = (cell - 1.5).toFixed(1);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      const d = `M${(x + c * cell).toFixed(1)} ${(y + r * cell).toFixed(1)}h${s}v${s}h-${s}z`;
      if (!causal || c <= r) on += d;
      else off += d;
    }
  }
  return (
    <g strokeWidth={0.8}>
      <path d={on} fill={color} stroke={line} />
      {off && <path d={off} fill="#fff" stroke={FIG.line} />}
    </g>
  );
}

/** Text size: this figure sits in a callout, which is narrower than the column, so nothing goes below 12.5. */
const S = 12.5;

export function TransformerFamilies() {
  const L = config.num_hidden_layers;
  const W = 360, col = [62, 180, 298];
  const dec = { fill: "#dbe4ff", line: "#748ffc" };
  const yBox = 52, yGrid = 116, k = 5;
  return (
    <Figure
      id="transformer-families"
      title="인코더만, 디코더만, 인코더-디코더: 트랜스포머의 세 갈래"
      desc="BERT는 트랜스포머의 인코더만 쌓아 모든 토큰이 문장 전체를 봅니다. GPT는 디코더만 쌓아 각 토큰이 자기와 왼쪽 토큰만 봅니다. 원래 트랜스포머는 번역 모델이라 인코더가 원문 전체를 읽고, 디코더가 그것을 참고하며 번역문을 왼쪽부터 씁니다."
      width={W}
      height={306}
      caption={
        <>
          트랜스포머는 모델 <b>구조</b>이고, 인코더-디코더는 그 가운데 원래 번역 모델의 모양입니다. BERT는 왼쪽 갈래, 인코더만
          쌓은 구조입니다. 아래 칸 그림에서 행은 정보를 모으는 토큰, 열은 그 토큰이 볼 수 있는 토큰입니다. 인코더의 칸은 모두
          차 있고(양방향), 디코더는 대각선 아래만 차 있습니다(왼쪽만). 전이 학습은 구조가 아니라 사전 학습한 가중치를 다른
          작업에 옮겨 쓰는 <b>방법</b>입니다.
        </>
      }
    >
      <Draw>
      <rect x={4} y={4} width={116} height={294} rx={7} fill="none" stroke={FIG.accent} strokeWidth={1.6} />
      {[
        ["BERT", "인코더만"],
        ["GPT", "디코더만"],
        ["원래 트랜스포머", "인코더-디코더"],
      ].map(([name, kind], i) => (
        <g key={name}>
          <T x={col[i]} y={24} weight={700}>
            {name}
          </T>
          <T x={col[i]} y={41} size={S} color={FIG.muted}>
            {kind}
          </T>
        </g>
      ))}

      <Box x={col[0] - 50} y={yBox} w={100} h={44} fill={FIG.attn} stroke={FIG.attnLine} label="인코더 층" sub={`× L (우리 L = ${L})`} subSize={S} />
      <Box x={col[1] - 50} y={yBox} w={100} h={44} fill={dec.fill} stroke={dec.line} label="디코더 층" sub="× L" subSize={S} />
      <Box x={col[2] - 54} y={yBox} w={48} h={44} fill={FIG.attn} stroke={FIG.attnLine} label="인코더" size={S} />
      <Box x={col[2] + 6} y={yBox} w={48} h={44} fill={dec.fill} stroke={dec.line} label="디코더" size={S} />
      <Arrow x1={col[2] - 5} y1={yBox + 22} x2={col[2] + 5} y2={yBox + 22} color={FIG.ink} />

      <Grid x={col[0] - 32} y={yGrid} k={k} cell={13} causal={false} color={FIG.attn} line={FIG.attnLine} />
      <Grid x={col[1] - 32} y={yGrid} k={k} cell={13} causal color={dec.fill} line={dec.line} />
      <Grid x={col[2] - 52} y={yGrid + 8} k={k} cell={9.5} causal={false} color={FIG.attn} line={FIG.attnLine} />
      <Grid x={col[2] + 5} y={yGrid + 8} k={k} cell={9.5} causal color={dec.fill} line={dec.line} />
      <T x={col[0]} y={yGrid + 84} size={S}>
        양쪽 모두 봄
      </T>
      <T x={col[1]} y={yGrid + 84} size={S}>
        왼쪽만 봄
      </T>
      <T x={col[2]} y={yGrid + 84} size={S}>
        양쪽 / 왼쪽만
      </T>

      {[
        ["문장 이해", "분류, 빈칸 채우기"],
        ["다음 토큰 생성", "글 이어 쓰기"],
        ["번역", "원문 → 번역문"],
      ].map(([task, ex], i) => (
        <g key={task}>
          <T x={col[i]} y={yGrid + 116} weight={600}>
            {task}
          </T>
          <T x={col[i]} y={yGrid + 134} size={S} color={FIG.muted}>
            {ex}
          </T>
        </g>
      ))}
      <T x={col[0]} y={yGrid + 166} size={S} color={FIG.accent} weight={600}>
        이 실습서의 모델
      </T>
      </Draw>
    </Figure>
  );
}
