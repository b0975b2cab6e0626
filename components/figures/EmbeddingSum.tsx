// Chapter 3, section 1: the embedding sum. Each token picks a row of the word table (by id), the position table (by
// place) and the segment table (by token type id); the three [T, H] rows are added and LayerNorm'd. Sizes from
// public/models/encoder/config.json; T and the ids are chapter 3's sentence through the real tokenizer
// (tests/unit/figures-early.test.ts checks them).
import config from "@/public/models/encoder/config.json";
import { Figure, FIG } from "./Figure";
import { Arrow, Box, Draw, n, T } from "./parts";

export const ENCODER_SENTENCE = "배우들의 연기가 어색해서 몰입이 안 됐다";
export const ENCODER_IDS = [2, 4497, 4363, 4755, 4131, 6431, 117, 10704, 3];

/** A table drawn as a box with a few of its rows picked out. */
function Table({ x, y, w, h, rows, label, sub }: { x: number; y: number; w: number; h: number; rows: number[]; label?: string; sub?: string }) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={4} fill="#fff" stroke={FIG.embedLine} strokeWidth={1.2} />
      {rows.map((r) => (
        <rect key={r} x={x + 1} y={y + r} width={w - 2} height={4} fill={FIG.embed} stroke={FIG.embedLine} strokeWidth={0.6} />
      ))}
      {label && (
        <T x={x + w / 2} y={y + h + 16} size={12.5} mono>
          {label}
        </T>
      )}
      {sub && (
        <T x={x + w / 2} y={y + h + 32} size={FIG.small} color={FIG.muted}>
          {sub}
        </T>
      )}
    </g>
  );
}

export function EmbeddingSum() {
  const H = config.hidden_size, V = config.vocab_size, P = config.max_position_embeddings, S = config.type_vocab_size;
  const Tn = ENCODER_IDS.length;
  const W = 360, col = [62, 180, 298], tw = 80;
  const yHead = 56, yTab = 96, yRows = 210, ySum = 266;
  const heads: [string, string][] = [
    ["단어", "토큰 id의 줄"],
    ["위치", `자리 0…${Tn - 1}의 줄`],
    ["세그먼트", "타입 id 0의 줄"],
  ];
  // From 700 px up: one lane per table, left to right, meeting at the sum.
  const wide = () => {
    const cy = [76, 140, 204], sx = 492, sy = cy[1];
    const tabs: [number, number[], string][] = [
      [44, [4, 18, 30], `[${n(V)}, ${H}]`],
      [44, [2, 6, 10], `[${P}, ${H}]`],
      [20, [2], `[${S}, ${H}]`],
    ];
    return (
      <Draw>
        <T x={10} y={22} anchor="start" size={12.5}>
          토큰 T = {Tn}개의 id:{" "}
          <tspan fontFamily="monospace" fill={FIG.muted}>
            {ENCODER_IDS.join(" ")}
          </tspan>
        </T>
        {heads.map(([name, by], i) => (
          <g key={name}>
            <T x={10} y={cy[i] - 3} anchor="start" weight={700}>
              {name} 임베딩
            </T>
            <T x={10} y={cy[i] + 15} anchor="start" size={FIG.small} color={FIG.muted}>
              {by}
            </T>
            <Table x={126} y={cy[i] - tabs[i][0] / 2} w={84} h={tabs[i][0]} rows={tabs[i][1]} />
            <T x={218} y={cy[i] + 4} anchor="start" size={12.5} mono>
              {tabs[i][2]}
            </T>
            <Arrow x1={330} y1={cy[i]} x2={357} y2={cy[i]} />
            <Box x={358} y={cy[i] - 12} w={80} h={24} fill={FIG.embed} stroke={FIG.embedLine} label={`[${Tn}, ${H}]`} size={12.5} />
            <Arrow x1={438} y1={cy[i]} x2={sx - 13} y2={sy + (cy[i] - sy) * 0.3} />
          </g>
        ))}
        <circle cx={sx} cy={sy} r={12} fill="#fff" stroke={FIG.ink} strokeWidth={1.3} />
        <T x={sx} y={sy + 5} size={16}>
          +
        </T>
        <Arrow x1={sx + 12} y1={sy} x2={527} y2={sy} />
        <Box x={528} y={sy - 22} w={92} h={44} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" sub="γ, β" />
        <Arrow x1={620} y1={sy} x2={633} y2={sy} />
        <Box x={634} y={sy - 22} w={82} h={44} fill={FIG.embed} stroke={FIG.embedLine} label={`[1, ${Tn}, ${H}]`} sub="0번 층 입력" size={12.5} />
      </Draw>
    );
  };
  return (
    <Figure
      id="embedding-sum"
      title="임베딩: 단어, 위치, 세그먼트 표에서 한 줄씩 꺼내 더하고 LayerNorm"
      desc={`토큰 ${Tn}개마다 단어 임베딩 표 [${n(V)}, ${H}]에서 id의 줄, 위치 임베딩 표 [${P}, ${H}]에서 자리의 줄, 세그먼트 임베딩 표 [${S}, ${H}]에서 타입 id의 줄을 꺼냅니다. 세 [${Tn}, ${H}]를 더하고 LayerNorm을 거치면 [1, ${Tn}, ${H}]가 됩니다.`}
      width={W}
      height={398}
      wide={[720, 236, wide()]}
      caption={
        <>
          이 장의 문장 “{ENCODER_SENTENCE}”는 토큰 T = {Tn}개입니다. 세 표는 크기가 다르지만(어휘 {n(V)}줄, 자리{" "}
          {P}줄, 타입 {S}줄) 꺼낸 결과는 모두 [T, H] = [{Tn}, {H}]라서 그대로 더할 수 있습니다. 더한 뒤 LayerNorm이 토큰마다
          평균 0, 분산 1로 맞추고 γ, β를 적용합니다.
        </>
      }
    >
      <Draw>
      <T x={W / 2} y={20} size={12.5}>
        토큰 T = {Tn}개의 id
      </T>
      <T x={W / 2} y={38} size={12} mono color={FIG.muted}>
        {ENCODER_IDS.join(" ")}
      </T>
      {heads.map(([name, by], i) => (
        <g key={name}>
          <T x={col[i]} y={yHead + 12} weight={700}>
            {name}
          </T>
          <T x={col[i]} y={yHead + 28} size={FIG.small} color={FIG.muted}>
            {by}
          </T>
        </g>
      ))}
      <Table x={col[0] - tw / 2} y={yTab} w={tw} h={56} rows={[4, 20, 34, 46]} label={`[${n(V)}, ${H}]`} sub="단어 임베딩" />
      <Table x={col[1] - tw / 2} y={yTab} w={tw} h={56} rows={[2, 6, 10]} label={`[${P}, ${H}]`} sub="위치 임베딩" />
      <Table x={col[2] - tw / 2} y={yTab + 36} w={tw} h={20} rows={[2]} label={`[${S}, ${H}]`} sub="세그먼트 임베딩" />
      {col.map((x, i) => (
        <g key={i}>
          <Arrow x1={x} y1={yRows - 18} x2={x} y2={yRows - 1} />
          <Box x={x - 40} y={yRows} w={80} h={22} fill={FIG.embed} stroke={FIG.embedLine} label={`[${Tn}, ${H}]`} size={12.5} />
          <Arrow x1={x} y1={yRows + 22} x2={180 + (x - 180) * 0.12} y2={ySum - 13} />
        </g>
      ))}
      <circle cx={180} cy={ySum} r={12} fill="#fff" stroke={FIG.ink} strokeWidth={1.3} />
      <T x={180} y={ySum + 5} size={16}>
        +
      </T>
      <T x={198} y={ySum + 4} size={12.5} anchor="start">
        더하기 [{Tn}, {H}]
      </T>
      <Arrow x1={180} y1={ySum + 12} x2={180} y2={ySum + 27} />
      <Box x={70} y={ySum + 28} w={220} h={40} fill="#f1f3f5" stroke={FIG.line} label="LayerNorm" sub="토큰마다 평균 0, 분산 1 → γ, β" />
      <Arrow x1={180} y1={ySum + 68} x2={180} y2={ySum + 83} />
      <Box x={95} y={ySum + 84} w={170} h={40} fill={FIG.embed} stroke={FIG.embedLine} label={`[1, ${Tn}, ${H}]`} sub="0번 층의 입력" />
      </Draw>
    </Figure>
  );
}
