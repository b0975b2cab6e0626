// Chapter 1's fine-tuning section: the two stages, what data each uses and what is new. Parameter counts are
// lib/model/config.ts's parameterCount on public/models/encoder/config.json, split the way the head-size cell splits
// them (encoder, new pooler, new classifier), so the percentage is the one that cell prints.
import config from "@/public/models/encoder/config.json";
import { configFromJSON, parameterCount, type BertConfig } from "@/lib/model/config";
import { Figure, FIG } from "./Figure";
import { Arrow, Box, Draw, n, PathArrow, T } from "./parts";

/** The numbers the figure shows, as the head-size cell computes them. */
export function finetuneCounts() {
  const c = configFromJSON(config as Partial<BertConfig>);
  const H = c.hidden_size;
  const total = parameterCount(c, { head: "classifier" });
  const pooler = H * H + H;
  const head = H * c.num_labels + c.num_labels;
  const encoder = total - pooler - head;
  const mlmHead = parameterCount(c, { head: "mlm" }) - parameterCount(c, { pooler: false });
  return { c, total, pooler, head, encoder, mlmHead, percent: (((pooler + head) / total) * 100).toFixed(2) };
}

export function PretrainFinetune() {
  const { pooler, head, encoder, mlmHead, percent } = finetuneCounts();
  const W = 360, x0 = 8;
  const p1 = 8, p2 = 196;
  const stage1 = (
    <g>
      <rect x={2} y={p1 - 4} width={W - 4} height={158} rx={7} fill="#fff" stroke={FIG.headLine} />
      <T x={x0 + 6} y={p1 + 16} anchor="start" weight={700} color={FIG.bad}>
        1단계: 사전 학습
      </T>
      <T x={x0 + 6} y={p1 + 38} anchor="start" size={12.5}>
        데이터: 레이블 없는 영화 리뷰 약 80만 개
      </T>
      <T x={x0 + 6} y={p1 + 58} anchor="start" size={12.5}>
        과제: 가린 토큰 맞히기 (MLM)
      </T>
      <Box x={x0 + 6} y={p1 + 74} w={190} h={44} fill={FIG.attn} stroke={FIG.attnLine} label="인코더 (임베딩 + 층 4개)" sub={`${n(encoder)}개`} size={12.5} />
      <Arrow x1={x0 + 196} y1={p1 + 96} x2={x0 + 214} y2={p1 + 96} />
      <Box x={x0 + 215} y={p1 + 74} w={124} h={44} fill={FIG.head} stroke={FIG.headLine} label="MLM 헤드" sub={`${n(mlmHead)}개`} size={12.5} />
      <T x={x0 + 277} y={p1 + 138} size={FIG.small} color={FIG.muted}>
        미세 조정에서는 버림
      </T>

    </g>
  );
  const stage2 = (
    <g>
      <rect x={2} y={p2 - 4} width={W - 4} height={200} rx={7} fill="#fff" stroke={FIG.accent} />
      <T x={x0 + 6} y={p2 + 16} anchor="start" weight={700} color={FIG.accent}>
        2단계: 미세 조정
      </T>
      <T x={x0 + 6} y={p2 + 38} anchor="start" size={12.5}>
        데이터: 긍정/부정 레이블이 달린 리뷰
      </T>
      <T x={x0 + 6} y={p2 + 58} anchor="start" size={12.5}>
        과제: 리뷰 감정 분류 ([CLS] 자리에서)
      </T>
      <Box x={x0 + 6} y={p2 + 74} w={150} h={44} fill={FIG.attn} stroke={FIG.attnLine} label="인코더" sub={`${n(encoder)}개`} size={12.5} />
      <Arrow x1={x0 + 156} y1={p2 + 96} x2={x0 + 168} y2={p2 + 96} />
      <Box x={x0 + 169} y={p2 + 74} w={82} h={44} stroke={FIG.accent} label="pooler" sub={n(pooler)} size={12.5} dash />
      <Arrow x1={x0 + 251} y1={p2 + 96} x2={x0 + 263} y2={p2 + 96} />
      <Box x={x0 + 264} y={p2 + 74} w={76} h={44} stroke={FIG.accent} label="분류층" sub={n(head)} size={12.5} dash />
      <T x={x0 + 254} y={p2 + 136} size={FIG.small} color={FIG.accent}>
        점선: 새로 만드는 층
      </T>
      {/* share of the parameters: encoder vs new */}
      <rect x={x0 + 6} y={p2 + 150} width={332} height={14} fill={FIG.attn} stroke={FIG.attnLine} />
      <rect x={x0 + 6 + 332 * (1 - +percent / 100)} y={p2 + 150} width={332 * (+percent / 100)} height={14} fill={FIG.accent} />
      <T x={x0 + 6} y={p2 + 184} anchor="start" size={12.5}>
        물려받음 {(100 - +percent).toFixed(2)}%
      </T>
      <T x={x0 + 338} y={p2 + 184} anchor="end" size={12.5} color={FIG.accent} weight={600}>
        새로 {percent}%
      </T>
    </g>
  );
  // From 700 px up: the two stages side by side, the encoder carried from one to the other underneath.
  const dx = 382, WW = W + dx - 2;
  const wide = (
    <Draw>
      {stage1}
      <g transform={`translate(${dx} ${p1 - p2})`}>{stage2}</g>
      <PathArrow points={[[101, p1 + 118], [101, 226], [dx + 101, 226], [dx + 101, p1 + 206]]} color={FIG.accent} width={2} />
      <T x={(dx + 202) / 2} y={220} size={12.5} color={FIG.accent} weight={600}>
        인코더 가중치를 물려받음 (전이 학습)
      </T>
    </Draw>
  );
  return (
    <Figure
      id="pretrain-finetune"
      title="사전 학습 다음 미세 조정: 두 단계와 새로 만드는 부분"
      desc={`사전 학습은 레이블 없는 리뷰로 가린 토큰을 맞히며 인코더(${n(encoder)}개)와 MLM 헤드를 학습합니다. 미세 조정은 그 인코더를 물려받고 pooler(${n(pooler)}개)와 분류층(${n(head)}개)을 새로 얹어, 긍정/부정 레이블이 달린 리뷰로 전체를 더 학습합니다. 새 부분은 전체의 ${percent}%입니다.`}
      width={W}
      height={404}
      wide={[WW, 236, wide]}
      caption={
        <>
          미세 조정이 새로 만드는 것은 pooler와 분류층, 우리 모델 파라미터의 {percent}%뿐입니다(막대의 파란 끝). 나머지
          인코더는 사전 학습에서 물려받고, MLM 헤드는 버립니다. 사전 학습한 가중치를 다른 작업으로 옮겨 쓰는 이 방식이 전이
          학습입니다. 숫자는 <code>head-size</code> 셀이 <code>engine.parameterCount</code>로 센 값과 같습니다.
        </>
      }
    >
      <Draw>
        {stage1}
        <Arrow x1={101} y1={p1 + 154} x2={101} y2={p2 - 5} color={FIG.accent} width={2} />
        <T x={112} y={p1 + 174} anchor="start" size={12.5} color={FIG.accent} weight={600}>
          인코더 가중치를 물려받음 (전이 학습)
        </T>
        {stage2}
      </Draw>
    </Figure>
  );
}
