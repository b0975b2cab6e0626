// Chapter 1: BERT at a glance. A sentence becomes tokens and ids, embeddings, L encoder layers; the [CLS] vector
// feeds the pooler and the classifier (fine-tuning), a [MASK] vector feeds the MLM head (pretraining). The sizes are
// our BERT-mini's (public/models/encoder/config.json) and BERT-base's (lib/model/config.ts presets); the tokens and
// ids are what the real tokenizer gives for chapter 1's fill-mask sentence (tests/unit/figures-early.test.ts).
import config from "@/public/models/encoder/config.json";
import { makeConfig } from "@/lib/model/config";
import { Figure, FIG } from "./Figure";
import { Arrow, Arrows, Box, chipColors, chipRow, Chips, Draw, n, T } from "./parts";

export const GLANCE_SENTENCE = "이 영화 정말 [MASK] 재밌어요";
export const GLANCE_TOKENS = ["[CLS]", "이", "영화", "정말", "[MASK]", "재밌어요", "[SEP]"];
export const GLANCE_IDS = [2, 18, 4075, 4087, 4, 4523, 3];

export function BertAtAGlance() {
  const H = config.hidden_size, L = config.num_hidden_layers, A = config.num_attention_heads, I = config.intermediate_size;
  const V = config.vocab_size, labels = config.num_labels;
  const base = makeConfig("base");
  const W = 360;
  const chips = chipRow(GLANCE_TOKENS, W / 2);
  const cx = chips.map((c) => c.x + c.w / 2);
  const cls = cx[0], mask = cx[GLANCE_TOKENS.indexOf("[MASK]")];
  const yTok = 44, yEmb = 100, yEnc = 154, yOut = 228, yHead = 282;
  // From 700 px up: the same model on its side, one row per token, the two heads to the right.
  const wide = () => {
    const r0 = 52, pitch = 32, ry = (i: number) => r0 + i * pitch, mid = (i: number) => ry(i) + 12;
    const last = GLANCE_TOKENS.length - 1, mi = GLANCE_TOKENS.indexOf("[MASK]");
    const top = ry(0) - 6, bottom = ry(last) + 30;
    return (
      <Draw>
        <T x={10} y={20} anchor="start">
          문장: “{GLANCE_SENTENCE}” → 토크나이저 (2장)
        </T>
        {GLANCE_TOKENS.map((t, i) => {
          const [fill, stroke] = chipColors(t);
          return (
            <g key={i}>
              <Box x={10} y={ry(i)} w={72} h={24} fill={fill} stroke={stroke} label={t} r={4} />
              <T x={120} y={mid(i) + 4} size={FIG.small} color={FIG.muted} anchor="end">
                {GLANCE_IDS[i]}
              </T>
            </g>
          );
        })}
        <Arrows list={GLANCE_TOKENS.flatMap((_, i) => [[126, mid(i), 147, mid(i)], [248, mid(i), 269, mid(i)], [410, mid(i), 427, mid(i)]] as [number, number, number, number][])} />
        <path d={GLANCE_TOKENS.map((_, i) => `M428 ${ry(i) + 4}h26v16h-26z`).join("")} fill={FIG.embed} stroke={FIG.embedLine} />
        <Box x={148} y={top} w={100} h={bottom - top} fill={FIG.embed} stroke={FIG.embedLine} label="임베딩" sub={`길이 H = ${H}`} />
        <rect x={276} y={top + 8} width={134} height={bottom - top} rx={5} fill={FIG.attn} stroke={FIG.attnLine} opacity={0.5} />
        <rect x={273} y={top + 4} width={134} height={bottom - top} rx={5} fill={FIG.attn} stroke={FIG.attnLine} opacity={0.7} />
        <Box x={270} y={top} w={134} h={bottom - top} fill={FIG.attn} stroke={FIG.attnLine} label={`인코더 층 × ${L}`} sub={`헤드 ${A}개, I = ${n(I)}`} />
        <T x={441} y={bottom + 22} size={FIG.small} color={FIG.muted}>
          [T, {H}]
        </T>

        <T x={470} y={mid(0) - 28} size={FIG.small} color={FIG.accent} anchor="start" weight={600}>
          미세 조정: [CLS] 자리
        </T>
        <Arrow x1={454} y1={mid(0)} x2={469} y2={mid(0)} color={FIG.accent} />
        <Box x={470} y={mid(0) - 20} w={118} h={40} label="pooler" sub={`${H} → ${H}, tanh`} stroke={FIG.accent} />
        <Arrow x1={588} y1={mid(0)} x2={603} y2={mid(0)} color={FIG.accent} />
        <Box x={604} y={mid(0) - 20} w={110} h={40} label="분류층" sub={`${H} → ${labels}`} stroke={FIG.accent} />
        <T x={659} y={mid(0) + 40} anchor="middle">
          긍정 / 부정
        </T>

        <T x={470} y={mid(mi) - 28} size={FIG.small} color={FIG.bad} anchor="start" weight={600}>
          사전 학습: [MASK] 자리
        </T>
        <Arrow x1={454} y1={mid(mi)} x2={469} y2={mid(mi)} color={FIG.bad} />
        <Box x={470} y={mid(mi) - 20} w={118} h={40} label="MLM 헤드" sub="GELU, LayerNorm" stroke={FIG.bad} />
        <Arrow x1={588} y1={mid(mi)} x2={603} y2={mid(mi)} color={FIG.bad} />
        <Box x={604} y={mid(mi) - 20} w={110} h={40} label={`어휘 ${n(V)}개`} sub="소프트맥스 확률" stroke={FIG.bad} />
        <T x={659} y={mid(mi) + 40}>
          가린 토큰 맞히기
        </T>

        <T x={10} y={bottom + 48} size={FIG.small} color={FIG.muted} anchor="start">
          BERT-base: L = {base.num_hidden_layers}, H = {base.hidden_size}, A = {base.num_attention_heads}, I = {n(base.intermediate_size)}, 어휘 {n(base.vocab_size)}개
        </T>
      </Draw>
    );
  };
  return (
    <Figure
      id="bert-at-a-glance"
      title="BERT 한눈에: 문장에서 분류와 빈칸 채우기까지"
      desc={`문장이 토큰과 id가 되고, 임베딩을 거쳐 인코더 층 ${L}개를 지나 토큰마다 길이 ${H}인 벡터가 됩니다. [CLS] 자리의 벡터는 pooler와 분류층을 거쳐 긍정/부정이 되고(미세 조정), [MASK] 자리의 벡터는 MLM 헤드를 거쳐 어휘 ${n(V)}개의 확률이 됩니다(사전 학습).`}
      width={W}
      height={438}
      wide={[720, 330, wide()]}
      caption={
        <>
          우리 BERT-mini의 크기(L = {L}, H = {H}, A = {A}, 어휘 {n(V)}개)로 그린 BERT입니다. 인코더는 하나이고, 그 위에 얹는
          출력층만 단계마다 다릅니다. 사전 학습에서는 MLM 헤드가 <code>[MASK]</code> 자리를, 미세 조정에서는 pooler와
          분류층이 <code>[CLS]</code> 자리를 읽습니다. 토큰과 id는 아래 <code>fill-mask</code> 셀의 문장을 실제 토크나이저로
          자른 것입니다.
        </>
      }
    >
      <Draw>
      <T x={W / 2} y={20}>
        문장: “{GLANCE_SENTENCE}”
      </T>
      <Arrow x1={W / 2} y1={26} x2={W / 2} y2={yTok - 2} />
      <T x={W / 2 + 8} y={38} size={FIG.small} color={FIG.muted} anchor="start">
        토크나이저 (2장)
      </T>
      <Chips chips={chips} y={yTok} />
      {chips.map((c, i) => (
        <T key={i} x={cx[i]} y={yTok + 40} size={FIG.small} color={FIG.muted}>
          {GLANCE_IDS[i]}
        </T>
      ))}
      <Arrows list={cx.flatMap((x) => [[x, yTok + 45, x, yEmb - 1], [x, yEmb + 40, x, yEnc - 1], [x, yEnc + 61, x, yOut - 1]] as [number, number, number, number][])} />
      <Box x={8} y={yEmb} w={W - 16} h={40} fill={FIG.embed} stroke={FIG.embedLine} label="임베딩: 단어 + 위치 + 세그먼트 (3장)" sub={`토큰마다 길이 H = ${H}인 벡터`} />
      <rect x={14} y={yEnc + 8} width={W - 16} height={52} rx={5} fill={FIG.attn} stroke={FIG.attnLine} opacity={0.5} />
      <rect x={11} y={yEnc + 4} width={W - 16} height={52} rx={5} fill={FIG.attn} stroke={FIG.attnLine} opacity={0.7} />
      <Box x={8} y={yEnc} w={W - 16} h={52} fill={FIG.attn} stroke={FIG.attnLine} label={`인코더 층 × ${L} (L = ${L})`} sub={`셀프 어텐션(헤드 A = ${A}) → 피드포워드(I = ${n(I)})`} />
      <path d={chips.map((c) => `M${c.x + 3} ${yOut}h${c.w - 6}v16h-${c.w - 6}z`).join("")} fill={FIG.embed} stroke={FIG.embedLine} />
      <T x={(cls + mask) / 2} y={yOut + 34} size={FIG.small} color={FIG.muted}>
        출력 [T, {H}]
      </T>

      {/* fine-tuning: [CLS] → pooler → classifier */}
      <Arrow x1={cls} y1={yOut + 16} x2={cls} y2={yHead - 1} color={FIG.accent} />
      <T x={cls + 8} y={yHead - 8} size={FIG.small} color={FIG.accent} anchor="start" weight={600}>
        미세 조정
      </T>
      <Box x={8} y={yHead} w={166} h={40} label="pooler" sub={`${H} → ${H}, tanh`} stroke={FIG.accent} />
      <Arrow x1={cls} y1={yHead + 40} x2={cls} y2={yHead + 56} color={FIG.accent} />
      <Box x={8} y={yHead + 57} w={166} h={40} label="분류층" sub={`${H} → ${labels} (레이블 수)`} stroke={FIG.accent} />
      <Arrow x1={cls} y1={yHead + 97} x2={cls} y2={yHead + 113} color={FIG.accent} />
      <T x={cls + 8} y={yHead + 112} anchor="start">
        긍정 / 부정
      </T>

      {/* pretraining: [MASK] → MLM head → vocabulary */}
      <Arrow x1={mask} y1={yOut + 16} x2={mask} y2={yHead - 1} color={FIG.bad} />
      <T x={mask + 8} y={yHead - 8} size={FIG.small} color={FIG.bad} anchor="start" weight={600}>
        사전 학습
      </T>
      <Box x={186} y={yHead} w={166} h={40} label="MLM 헤드" sub={`${H} → ${H}, GELU, LayerNorm`} stroke={FIG.bad} />
      <Arrow x1={mask} y1={yHead + 40} x2={mask} y2={yHead + 56} color={FIG.bad} />
      <Box x={186} y={yHead + 57} w={166} h={40} label={`어휘 ${n(V)}개에 점수`} sub="→ 소프트맥스 확률" stroke={FIG.bad} />
      <Arrow x1={mask} y1={yHead + 97} x2={mask} y2={yHead + 113} color={FIG.bad} />
      <T x={mask + 8} y={yHead + 112} anchor="start">
        가린 토큰 맞히기
      </T>

      <T x={W / 2} y={430} size={FIG.small} color={FIG.muted}>
        BERT-base: L = {base.num_hidden_layers}, H = {base.hidden_size}, A = {base.num_attention_heads}, I = {n(base.intermediate_size)}, 어휘 {n(base.vocab_size)}개
      </T>
      </Draw>
    </Figure>
  );
}
