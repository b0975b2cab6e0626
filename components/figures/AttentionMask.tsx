// Chapter 3's "마스크: 패딩은 보지 않는다": the additive attention mask as a T×T grid for chapter 2's padded sentence
// (the same tokens as TokenizerPipeline). Every [PAD] column gets MASK_NEGATIVE (lib/model/attention.ts, written
// out here because that module loads TensorFlow.js; tests/unit/figures-early.test.ts checks it) before the softmax;
// the [PAD] rows are computed like any other but nothing reads them.
import { Figure, FIG } from "./Figure";
import { Draw, T } from "./parts";
import { PIPELINE_MASK, PIPELINE_TOKENS } from "./TokenizerPipeline";

/** lib/model/attention.ts's MASK_NEGATIVE. */
export const FIG_MASK_NEGATIVE = -10000;

export function AttentionMask() {
  const toks = PIPELINE_TOKENS, mask = PIPELINE_MASK, Tn = toks.length;
  const W = 360, cell = 37, gx = 86, gy = 58;
  const pads = mask.filter((m) => m === 0).length;
  const neg = String(FIG_MASK_NEGATIVE).replace("-", "−");
  let open = "", masked = "";
  for (let r = 0; r < Tn; r++) {
    for (let c = 0; c < Tn; c++) {
      const d = `M${gx + c * cell} ${gy + r * cell}h${cell - 2}v${cell - 2}h-${cell - 2}z`;
      if (mask[c]) open += d;
      else masked += d;
    }
  }
  const firstPad = mask.indexOf(0);
  const yLeg = gy + Tn * cell + 22;
  return (
    <Figure
      id="attention-mask"
      title="어텐션 마스크: [PAD] 열에 아주 큰 음수를 더한다"
      desc={`토큰 ${Tn}개(${toks.join(" ")})의 점수 표 ${Tn}×${Tn}에서, 어텐션 마스크가 0인 [PAD] ${pads}개의 열에는 소프트맥스 전에 ${FIG_MASK_NEGATIVE}을 더해 확률이 0이 됩니다. [PAD] 행도 똑같이 계산되지만 그 결과는 어디에도 쓰이지 않습니다.`}
      width={W}
      height={yLeg + 70}
      caption={
        <>
          2장 그림의 배치에서 “고양이가 귀엽다”는 [PAD] {pads}개로 길이 {Tn}을 채웠습니다. 행은 정보를 모으는 토큰(쿼리), 열은 그
          토큰이 보는 토큰(키)입니다. 마스크는 열마다 정해지므로 모든 행의 [PAD] 열에 {neg}이 더해지고, 소프트맥스 뒤 그 칸의
          확률은 정확히 0입니다. 아래 두 줄의 [PAD] 행은 행렬 모양 때문에 함께 계산될 뿐, 분류도 MLM도 그 자리의 출력을 읽지
          않습니다.
        </>
      }
    >
      <Draw>
        <T x={gx + (Tn * cell) / 2} y={16} size={12.5} weight={600}>
          열: 보이는 토큰(키)
        </T>
        {toks.map((t, i) => (
          <T key={`c${i}`} x={gx + i * cell + cell / 2 - 1} y={gy - 8} size={FIG.small} color={mask[i] ? FIG.ink : FIG.bad}>
            {t}
          </T>
        ))}
        {toks.map((t, i) => (
          <T key={`r${i}`} x={gx - 6} y={gy + i * cell + cell / 2 + 3} size={FIG.small} anchor="end" color={mask[i] ? FIG.ink : FIG.muted}>
            {t}
          </T>
        ))}
        <T x={10} y={gy - 8} size={12.5} weight={600} anchor="start">
          행: 쿼리
        </T>
        <path d={open} fill={FIG.token} stroke={FIG.tokenLine} strokeWidth={0.8} />
        <path d={masked} fill={FIG.head} stroke={FIG.headLine} strokeWidth={0.8} />
        {toks.map((_, r) =>
          mask.map((m, c) =>
            m ? null : (
              <T key={`${r}-${c}`} x={gx + c * cell + cell / 2 - 1} y={gy + r * cell + cell / 2 + 4} size={FIG.small} color={FIG.bad}>
                −10⁴
              </T>
            ),
          ),
        )}
        <rect x={gx - 82} y={gy + firstPad * cell - 1} width={Tn * cell + 84} height={pads * cell} fill="#5a6270" opacity={0.16} />

        <rect x={10} y={yLeg} width={14} height={14} fill={FIG.token} stroke={FIG.tokenLine} />
        <T x={30} y={yLeg + 12} size={12.5} anchor="start">
          + 0: 점수 그대로, 소프트맥스로 확률
        </T>
        <rect x={10} y={yLeg + 22} width={14} height={14} fill={FIG.head} stroke={FIG.headLine} />
        <T x={30} y={yLeg + 34} size={12.5} anchor="start">
          + ({neg}): 소프트맥스 뒤 확률 0
        </T>
        <rect x={10} y={yLeg + 44} width={14} height={14} fill="#5a6270" opacity={0.16} />
        <T x={30} y={yLeg + 56} size={12.5} anchor="start">
          [PAD] 행: 계산되지만 쓰이지 않음
        </T>
      </Draw>
    </Figure>
  );
}
