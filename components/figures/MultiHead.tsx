// Chapter 3, section 3: multi-head attention as shapes. Q (and K, V) [1, T, H] are split into A heads of D columns,
// [1, A, T, D]; each head scores [T, T], softmaxes and mixes V into [T, D]; mergeHeads joins them back to [1, T, H].
// Sizes from public/models/encoder/config.json.
import config from "@/public/models/encoder/config.json";
import { Figure, FIG } from "./Figure";
import { Arrow, Box, Draw, T } from "./parts";

const HEAD_COLORS: [string, string][] = [
  [FIG.token, FIG.tokenLine],
  [FIG.embed, FIG.embedLine],
  [FIG.attn, FIG.attnLine],
  [FIG.ffn, FIG.ffnLine],
];

export function MultiHead() {
  const H = config.hidden_size, A = config.num_attention_heads, D = H / A;
  const W = 360;
  const colors = Array.from({ length: A }, (_, h) => HEAD_COLORS[h % HEAD_COLORS.length]);
  const hw = 70, gap = (W - 16 - A * hw) / (A - 1);
  const hx = (h: number) => 8 + h * (hw + gap);
  const hc = (h: number) => hx(h) + hw / 2;
  const seg = 30, qx = 22;
  const mw = 40, mx = W / 2 - (A * mw) / 2;
  const y = { x: 8, qkv: 66, heads: 156, scores: 232, mix: 344, merged: 430 };
  // From 700 px up: the same flow left to right, one row per head.
  const wide = () => {
    const hy = (h: number) => 52 + h * 50;
    const cC = 285, cD = 400, cE = 505, fx = 580, fw = 30, fy = hy(1.5) - 12;
    const head = (label: string, x: number) => (
      <T x={x} y={20} size={12.5} weight={600}>
        {label}
      </T>
    );
    const shapeAt = (label: string, x: number) => (
      <T x={x} y={hy(A - 1) + 44} size={12} mono color={FIG.muted}>
        {label}
      </T>
    );
    return (
      <Draw>
        <Box x={8} y={hy(1.5) - 20} w={96} h={40} fill={FIG.embed} stroke={FIG.embedLine} label="x" sub={`[1, T, ${H}]`} />
        <Arrow x1={104} y1={hy(1.5)} x2={127} y2={hy(1.5)} />
        {colors.map(([fill, line], h) => (
          <rect key={h} x={128 + h * 25} y={hy(1.5) - 50} width={25} height={22} fill={fill} stroke={line} strokeWidth={1.1} />
        ))}
        <T x={178} y={hy(1.5) - 34} weight={700}>
          Q
        </T>
        <Box x={128} y={hy(1.5) - 16} w={100} h={22} fill="#f1f3f5" stroke={FIG.line} label="K" />
        <Box x={128} y={hy(1.5) + 18} w={100} h={22} fill="#f1f3f5" stroke={FIG.line} label="V" />
        <T x={178} y={hy(1.5) + 58} size={12} mono color={FIG.muted}>
          각각 [1, T, {H}]
        </T>
        {head("splitHeads", cC)}
        {head("점수 → 소프트맥스", cD)}
        {head("× V", cE)}
        {head("mergeHeads", fx + (A * fw) / 2)}
        {colors.map(([fill, line], h) => (
          <g key={h}>
            <Arrow x1={230} y1={hy(1.5)} x2={cC - 36} y2={hy(h)} />
            <Box x={cC - 35} y={hy(h) - 13} w={70} h={26} fill={fill} stroke={line} label={`헤드 ${h}`} size={12.5} />
            <Arrow x1={cC + 35} y1={hy(h)} x2={cD - 21} y2={hy(h)} />
            <rect x={cD - 20} y={hy(h) - 20} width={40} height={40} rx={3} fill="#fff" stroke={line} strokeWidth={1.4} />
            <T x={cD} y={hy(h) + 4} size={12} mono>
              T×T
            </T>
            <Arrow x1={cD + 20} y1={hy(h)} x2={cE - 36} y2={hy(h)} />
            <Box x={cE - 35} y={hy(h) - 12} w={70} h={24} fill={fill} stroke={line} label={`[T, ${D}]`} size={12.5} />
            <Arrow x1={cE + 35} y1={hy(h)} x2={fx + h * fw + fw / 2} y2={hy(h) < fy ? fy - 1 : fy + 25} />
            <rect x={fx + h * fw} y={fy} width={fw} height={24} fill={fill} stroke={line} strokeWidth={1.1} />
          </g>
        ))}
        {shapeAt(`[1, T, ${H}]`, fx + (A * fw) / 2)}
        {shapeAt(`[1, ${A}, T, ${D}]`, cC)}
        {shapeAt(`[1, ${A}, T, T]`, cD)}
        {shapeAt(`[1, ${A}, T, ${D}]`, cE)}
        <T x={cD} y={hy(A - 1) + 62} size={FIG.small} color={FIG.muted}>
          Q·Kᵀ / √{D} + 마스크
        </T>
      </Draw>
    );
  };
  return (
    <Figure
      id="multi-head"
      title="멀티 헤드: [1, T, H]를 헤드로 나누고, 한꺼번에 계산하고, 다시 붙이기"
      desc={`Q, K, V는 각각 [1, T, ${H}]입니다. splitHeads가 ${H}열을 ${D}열씩 헤드 ${A}개로 나눠 [1, ${A}, T, ${D}]로 만들고, 헤드마다 점수와 확률 [T, T]를 계산해 V를 섞어 [T, ${D}]를 냅니다. mergeHeads가 헤드 ${A}개를 이어 붙여 다시 [1, T, ${H}]가 됩니다.`}
      width={W}
      height={484}
      wide={[720, 272, wide()]}
      caption={
        <>
          H = {H}열을 헤드 A = {A}개가 D = {D}열씩 나눠 가집니다(색이 헤드). 나누고 붙이는 것은 모양만 바꾸는 일이라 새
          가중치가 없고, 헤드 축이 배치 축처럼 앞에 오기 때문에(<code>[1, {A}, T, {D}]</code>) 헤드 {A}개의 점수{" "}
          <code>[1, {A}, T, T]</code>를 행렬곱 한 번으로 계산합니다.
        </>
      }
    >
      <Draw>
      <Box x={90} y={y.x} w={180} h={28} fill={FIG.embed} stroke={FIG.embedLine} label={`x [1, T, ${H}]`} />
      <Arrow x1={180} y1={y.x + 28} x2={180} y2={y.qkv - 1} />
      <T x={188} y={y.x + 46} size={FIG.small} color={FIG.muted} anchor="start">
        선형층 3개: Q, K, V
      </T>
      {/* Q as A coloured column blocks; K and V plain */}
      {colors.map(([fill, line], h) => (
        <rect key={h} x={qx + h * seg} y={y.qkv} width={seg} height={24} fill={fill} stroke={line} strokeWidth={1.1} />
      ))}
      <T x={qx + (A * seg) / 2} y={y.qkv + 17} weight={700}>
        Q
      </T>
      <Box x={176} y={y.qkv} w={76} h={24} fill="#f1f3f5" stroke={FIG.line} label="K" />
      <Box x={268} y={y.qkv} w={76} h={24} fill="#f1f3f5" stroke={FIG.line} label="V" />
      <T x={W / 2} y={y.qkv + 42} size={12} mono color={FIG.muted}>
        각각 [1, T, {H}]
      </T>
      <Arrow x1={180} y1={y.qkv + 48} x2={180} y2={y.heads - 1} />
      <T x={188} y={y.qkv + 66} size={FIG.small} color={FIG.muted} anchor="start">
        splitHeads: {H}열 → {D}열 × {A}
      </T>

      {colors.map(([fill, line], h) => (
        <g key={h}>
          <Box x={hx(h)} y={y.heads} w={hw} h={28} fill={fill} stroke={line} label={`헤드 ${h}`} size={12.5} />
          <Arrow x1={hc(h)} y1={y.heads + 52} x2={hc(h)} y2={y.scores - 1} />
          <rect x={hc(h) - 24} y={y.scores} width={48} height={48} rx={3} fill="#fff" stroke={line} strokeWidth={1.4} />
          <T x={hc(h)} y={y.scores + 29} size={12} mono>
            T×T
          </T>
          <Arrow x1={hc(h)} y1={y.scores + 90} x2={hc(h)} y2={y.mix - 1} />
          <Box x={hx(h)} y={y.mix} w={hw} h={24} fill={fill} stroke={line} label={`[T, ${D}]`} size={12.5} />
          <Arrow x1={hc(h)} y1={y.mix + 46} x2={mx + h * mw + mw / 2} y2={y.merged - 1} />
          <rect x={mx + h * mw} y={y.merged} width={mw} height={24} fill={fill} stroke={line} strokeWidth={1.1} />
        </g>
      ))}
      <T x={W / 2} y={y.heads + 44} size={12} mono color={FIG.muted}>
        Q, K, V: [1, {A}, T, {D}]
      </T>
      <T x={W / 2} y={y.scores + 64} size={FIG.small} color={FIG.muted}>
        Q·Kᵀ / √{D} + 마스크 → 소프트맥스 → × V
      </T>
      <T x={W / 2} y={y.scores + 81} size={12} mono color={FIG.muted}>
        점수·확률 [1, {A}, T, T]
      </T>
      <T x={W / 2} y={y.mix + 39} size={12} mono color={FIG.muted}>
        [1, {A}, T, {D}]
      </T>
      <T x={W / 2} y={y.merged + 42} size={12.5}>
        mergeHeads → [1, T, {H}]
      </T>
      </Draw>
    </Figure>
  );
}
