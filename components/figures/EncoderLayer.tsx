// Chapter 3, end of section 5: one post-LN encoder layer with the shape after each step, attention → output
// projection → add & norm → FFN (GELU) → add & norm. Sizes from public/models/encoder/config.json.
import config from "@/public/models/encoder/config.json";
import { Figure, FIG } from "./Figure";
import { Arrow, Box, Draw, n, PathArrow, T } from "./parts";

export function EncoderLayer() {
  const H = config.hidden_size, A = config.num_attention_heads, I = config.intermediate_size, L = config.num_hidden_layers;
  const W = 360, cx = 200, bx = 86, bw = 228, rx = 40;
  const shape = (y: number, s: string) => (
    <T x={cx + 8} y={y} size={12} mono color={FIG.muted} anchor="start">
      {s}
    </T>
  );
  const plus = (y: number) => (
    <g>
      <circle cx={cx} cy={y} r={11} fill="#fff" stroke={FIG.ink} strokeWidth={1.3} />
      <T x={cx} y={y + 5} size={16}>
        +
      </T>
    </g>
  );
  const th = `[1, T, ${H}]`;
  // From 700 px up: the same layer in two rows, left to right.
  const wide = () => {
    const r1 = 44, r2 = 164, bh = 44, m1 = r1 + bh / 2, m2 = r2 + bh / 2;
    const p1 = 480, p2 = 340;
    return (
      <Draw>
        <Box x={10} y={r1} w={116} h={bh} fill={FIG.embed} stroke={FIG.embedLine} label="입력 x" sub={th} />
        <Arrow x1={126} y1={m1} x2={147} y2={m1} />
        <Box x={148} y={r1} w={156} h={bh} fill={FIG.attn} stroke={FIG.attnLine} label={`셀프 어텐션 (헤드 ${A}개)`} sub="Q·K·V, 소프트맥스" />
        <Arrow x1={304} y1={m1} x2={325} y2={m1} />
        <Box x={326} y={r1} w={110} h={bh} fill={FIG.attn} stroke={FIG.attnLine} label="출력 투영" sub={`${H} → ${H}`} />
        <Arrow x1={436} y1={m1} x2={p1 - 12} y2={m1} />
        {plus2(p1, m1)}
        <Arrow x1={p1 + 11} y1={m1} x2={514} y2={m1} />
        <Box x={515} y={r1} w={110} h={bh} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" />
        <PathArrow points={[[570, r1 + bh], [570, 124], [85, 124], [85, r2 - 1]]} />
        <T x={330} y={118} size={12} mono color={FIG.muted}>
          {th}
        </T>
        <Box x={10} y={r2} w={150} h={bh} fill={FIG.ffn} stroke={FIG.ffnLine} label="피드포워드 ①, GELU" sub={`${H} → ${n(I)}`} />
        <Arrow x1={160} y1={m2} x2={189} y2={m2} />
        <T x={85} y={r2 + bh + 18} size={12} mono color={FIG.muted}>
          [1, T, {n(I)}]
        </T>
        <Box x={190} y={r2} w={110} h={bh} fill={FIG.ffn} stroke={FIG.ffnLine} label="피드포워드 ②" sub={`${n(I)} → ${H}`} />
        <Arrow x1={300} y1={m2} x2={p2 - 12} y2={m2} />
        {plus2(p2, m2)}
        <Arrow x1={p2 + 11} y1={m2} x2={374} y2={m2} />
        <Box x={375} y={r2} w={110} h={bh} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" />
        <Arrow x1={485} y1={m2} x2={514} y2={m2} />
        <Box x={515} y={r2} w={116} h={bh} fill={FIG.embed} stroke={FIG.embedLine} label="출력" sub={th} />
        <T x={573} y={r2 + bh + 18} size={FIG.small} color={FIG.muted}>
          층 {L}개를 쌓음
        </T>
        {/* residual connections */}
        <PathArrow points={[[68, r1], [68, 20], [p1, 20], [p1, m1 - 12]]} color={FIG.accent} />
        <T x={274} y={15} size={FIG.small} color={FIG.accent}>
          잔차 연결
        </T>
        <PathArrow points={[[625, m1], [700, m1], [700, 238], [p2, 238], [p2, m2 + 12]]} color={FIG.accent} />
        <T x={430} y={233} size={FIG.small} color={FIG.accent}>
          잔차 연결
        </T>
      </Draw>
    );
  };
  const plus2 = (x: number, yy: number) => (
    <g>
      <circle cx={x} cy={yy} r={11} fill="#fff" stroke={FIG.ink} strokeWidth={1.3} />
      <T x={x} y={yy + 5} size={16}>
        +
      </T>
    </g>
  );
  const y = { x: 8, attn: 62, proj: 128, add1: 192, ln1: 214, ff1: 274, ff2: 340, add2: 404, ln2: 426, out: 474 };
  return (
    <Figure
      id="encoder-layer"
      title="인코더 층 하나: 어텐션, 더하고 정규화, 피드포워드, 더하고 정규화"
      desc={`입력 [1, T, ${H}]가 셀프 어텐션(헤드 ${A}개)과 출력 투영을 지나고, 입력을 다시 더한 뒤 LayerNorm을 거칩니다. 이어 피드포워드가 ${H}에서 ${n(I)}로 넓혀 GELU를 적용하고 다시 ${H}로 좁히며, 또 더하고 LayerNorm을 거쳐 [1, T, ${H}]가 나옵니다. 이 층을 ${L}번 쌓습니다.`}
      width={W}
      height={526}
      wide={[720, 258, wide()]}
      caption={
        <>
          우리 BERT-mini의 층 하나입니다(H = {H}, A = {A}, I = {n(I)}). 서브층을 지난 값에 그 입력을 더하고(잔차 연결, 파란
          선) 그다음에 LayerNorm을 하는 <b>post-LN</b> 순서입니다. 피드포워드 안에서만 폭이 {n(I)}로 넓어지고, 층의 입력과 출력은
          똑같이 [1, T, {H}]라서 같은 층을 {L}번 쌓을 수 있습니다.
        </>
      }
    >
      <Draw>
      <Box x={bx} y={y.x} w={bw} h={30} fill={FIG.embed} stroke={FIG.embedLine} label={`입력 x ${th}`} />
      <Arrow x1={cx} y1={y.x + 30} x2={cx} y2={y.attn - 1} />
      <Box x={bx} y={y.attn} w={bw} h={44} fill={FIG.attn} stroke={FIG.attnLine} label={`셀프 어텐션 (헤드 ${A}개)`} sub="Q·K·V, 소프트맥스, V의 가중합" />
      <Arrow x1={cx} y1={y.attn + 44} x2={cx} y2={y.proj - 1} />
      {shape(y.attn + 64, th)}
      <Box x={bx} y={y.proj} w={bw} h={40} fill={FIG.attn} stroke={FIG.attnLine} label="출력 투영" sub={`${H} → ${H}`} />
      <Arrow x1={cx} y1={y.proj + 40} x2={cx} y2={y.add1 - 12} />
      {plus(y.add1)}
      <Arrow x1={cx} y1={y.add1 + 11} x2={cx} y2={y.ln1 - 1} />
      <Box x={bx} y={y.ln1} w={bw} h={30} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" />
      <Arrow x1={cx} y1={y.ln1 + 30} x2={cx} y2={y.ff1 - 1} />
      {shape(y.ln1 + 48, th)}
      <Box x={bx} y={y.ff1} w={bw} h={40} fill={FIG.ffn} stroke={FIG.ffnLine} label="피드포워드 ①, GELU" sub={`${H} → ${n(I)}`} />
      <Arrow x1={cx} y1={y.ff1 + 40} x2={cx} y2={y.ff2 - 1} />
      {shape(y.ff1 + 58, `[1, T, ${n(I)}]`)}
      <Box x={bx} y={y.ff2} w={bw} h={40} fill={FIG.ffn} stroke={FIG.ffnLine} label="피드포워드 ②" sub={`${n(I)} → ${H}`} />
      <Arrow x1={cx} y1={y.ff2 + 40} x2={cx} y2={y.add2 - 12} />
      {plus(y.add2)}
      <Arrow x1={cx} y1={y.add2 + 11} x2={cx} y2={y.ln2 - 1} />
      <Box x={bx} y={y.ln2} w={bw} h={30} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" />
      <Arrow x1={cx} y1={y.ln2 + 30} x2={cx} y2={y.out - 1} />
      <Box x={bx} y={y.out} w={bw} h={30} fill={FIG.embed} stroke={FIG.embedLine} label={`출력 ${th}`} />
      <T x={cx} y={y.out + 44} size={FIG.small} color={FIG.muted}>
        다음 층의 입력 (층 {L}개를 쌓음)
      </T>

      {/* residual connections */}
      <PathArrow points={[[bx, y.x + 15], [rx, y.x + 15], [rx, y.add1], [cx - 11, y.add1]]} color={FIG.accent} />
      <PathArrow points={[[cx, y.ln1 + 42], [rx, y.ln1 + 42], [rx, y.add2], [cx - 11, y.add2]]} color={FIG.accent} />
      <T x={rx - 6} y={(y.x + y.add1) / 2 + 4} size={FIG.small} color={FIG.accent} anchor="middle">
        <tspan x={rx - 14}>잔</tspan>
        <tspan x={rx - 14} dy={14}>
          차
        </tspan>
      </T>
      <T x={rx - 6} y={(y.ln1 + y.add2) / 2 + 4} size={FIG.small} color={FIG.accent} anchor="middle">
        <tspan x={rx - 14}>잔</tspan>
        <tspan x={rx - 14} dy={14}>
          차
        </tspan>
      </T>
      </Draw>
    </Figure>
  );
}
