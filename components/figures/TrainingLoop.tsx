// Chapter 6, "학습 한 스텝, 손으로": one training step as a cycle, in the order of the hand-step cell (and of the
// PyTorch lines above it): batch → forward → cross entropy → backward (tf.variableGrads) → clip (global norm 1.0) →
// AdamW → learning-rate schedule → the next batch. The numbers are the chapter's: the engine's clip norm 1.0 and
// weight decay 0.01, the default run's 157 steps (config: 5,000 reviews / batch 32 × 1 epoch).
import { Figure, FIG } from "./Figure";
import { STAGE_NAMES } from "./training-stages";
import { Arrow, Box, T } from "./late-parts";

/** What the stage does, in two pieces: one line on a phone, two in the wide drawing's narrower boxes. */
interface Stage { n: string; name: string; detail: [string, string]; fill: string; line: string }

export const TRAINING_STAGES: Stage[] = [
  { ...STAGE_NAMES.batch, detail: ["리뷰 B개 →", "토큰 id, 마스크, 정답"], fill: FIG.token, line: FIG.tokenLine },
  { ...STAGE_NAMES.forward, detail: ["forward → 로짓 [B, 2],", "드롭아웃 켬"], fill: FIG.embed, line: FIG.embedLine },
  { ...STAGE_NAMES.loss, detail: ["교차 엔트로피:", "−log p(정답)의 평균"], fill: FIG.head, line: FIG.headLine },
  { ...STAGE_NAMES.backward, detail: ["tf.variableGrads →", "변수마다 기울기"], fill: FIG.attn, line: FIG.attnLine },
  { ...STAGE_NAMES.clip, detail: ["전체 노름이 1.0을", "넘으면 1.0으로"], fill: FIG.attn, line: FIG.attnLine },
  { ...STAGE_NAMES.adamw, detail: ["m, v 갱신 → 이동,", "가중치 감쇠 0.01"], fill: FIG.ffn, line: FIG.ffnLine },
  { ...STAGE_NAMES.schedule, detail: ["워밍업 뒤 0까지", "선형으로 내림"], fill: FIG.ffn, line: FIG.ffnLine },
];

/** The default run of the chapter: 5,000 training reviews, batch 32, 1 epoch (the config cell). */
export const DEFAULT_STEPS = Math.ceil(5000 / 32) * 1;

function StageBox({ s, x, y, w, h, compact }: { s: Stage; x: number; y: number; w: number; h: number; compact?: boolean }) {
  return (
    <g>
      <Box x={x} y={y} w={w} h={h} fill={s.fill} stroke={s.line} />
      <T x={x + 10} y={y + (compact ? 19 : 22)} weight={700}>{`${s.n} ${s.name}`}</T>
      {compact ? (
        <T x={x + 10} y={y + 36} size={FIG.small} fill={FIG.muted}>{s.detail.join(" ")}</T>
      ) : (
        s.detail.map((d, i) => <T key={i} x={x + 10} y={y + 42 + i * 16} size={FIG.small} fill={FIG.muted}>{d}</T>)
      )}
    </g>
  );
}

function narrow() {
  const x = 12, w = 292, h = 44, gap = 14, top = 12;
  const ys = TRAINING_STAGES.map((_, i) => top + i * (h + gap));
  const last = ys[ys.length - 1] + h;
  const loopX = 332;
  return {
    height: last + 16,
    el: (
      <g>
        {TRAINING_STAGES.map((s, i) => (
          <g key={s.name}>
            <StageBox s={s} x={x} y={ys[i]} w={w} h={h} compact />
            {i < TRAINING_STAGES.length - 1 ? <Arrow points={[[x + 40, ys[i] + h], [x + 40, ys[i + 1]]]} /> : null}
          </g>
        ))}
        <Arrow points={[[x + w, last - h / 2], [loopX, last - h / 2], [loopX, ys[0] + h / 2], [x + w + 2, ys[0] + h / 2]]} color={FIG.accent} width={2} />
        <T x={loopX - 8} y={(ys[0] + last) / 2} anchor="middle" weight={700} fill={FIG.accent} rotate={-90}>
          {`다음 배치 · 기본 설정은 ${DEFAULT_STEPS}바퀴`}
        </T>
      </g>
    ),
  };
}

function wide() {
  const w = 156, h = 72, gapX = 28, left = 14, rowY = [16, 168];
  const colX = (c: number) => left + c * (w + gapX);
  // Top row, left to right: ① ② ③ ④; bottom row, right to left: ⑤ under ④, ⑥, ⑦; then back up to ①.
  const place: [number, number][] = [[0, 0], [1, 0], [2, 0], [3, 0], [3, 1], [2, 1], [1, 1]];
  const width = colX(4) - gapX + left;
  const midY = (rowY[0] + h + rowY[1]) / 2;
  return {
    width,
    height: rowY[1] + h + 16,
    el: (
      <g>
        {TRAINING_STAGES.map((s, i) => {
          const [c, r] = place[i];
          return <StageBox key={s.name} s={s} x={colX(c)} y={rowY[r]} w={w} h={h} />;
        })}
        {[0, 1, 2].map((c) => (
          <Arrow key={`t${c}`} points={[[colX(c) + w, rowY[0] + h / 2], [colX(c + 1), rowY[0] + h / 2]]} />
        ))}
        <Arrow points={[[colX(3) + w / 2, rowY[0] + h], [colX(3) + w / 2, rowY[1]]]} />
        {[3, 2].map((c) => (
          <Arrow key={`b${c}`} points={[[colX(c), rowY[1] + h / 2], [colX(c - 1) + w, rowY[1] + h / 2]]} />
        ))}
        <Arrow points={[[colX(1), rowY[1] + h / 2], [colX(0) + w / 2, rowY[1] + h / 2], [colX(0) + w / 2, rowY[0] + h]]} color={FIG.accent} width={2} />
        <T x={colX(0) + w / 2 + 8} y={midY + 5} weight={700} fill={FIG.accent}>다음 배치</T>
        <T x={(colX(1) + colX(3) + w) / 2} y={midY - 4} anchor="middle" fill={FIG.muted}>한 바퀴 = 학습 스텝 한 번</T>
        <T x={(colX(1) + colX(3) + w) / 2} y={midY + 16} anchor="middle" fill={FIG.muted}>{`기본 설정은 ${DEFAULT_STEPS}바퀴`}</T>
      </g>
    ),
  };
}

export function TrainingLoop() {
  const n = narrow(), wd = wide();
  return (
    <Figure
      id="training-loop"
      title="학습 스텝 한 번의 고리"
      desc={`배치에서 시작해 순전파, 교차 엔트로피 손실, tf.variableGrads로 구한 기울기, 전체 노름 1.0으로 기울기 자르기, AdamW 업데이트, 학습률 스케줄을 지나 다음 배치로 돌아가는 고리입니다. 기본 설정은 이 고리를 ${DEFAULT_STEPS}번 돕니다.`}
      width={360}
      height={n.height}
      wide={[wd.width, wd.height, wd.el]}
      caption={
        <>
          아래 <code>hand-step</code> 셀의 한 줄 한 줄이 이 고리의 한 칸입니다. 순전파부터 역전파까지(②~④)는{" "}
          <code>tf.variableGrads</code> 한 번이 하고, 가중치가 실제로 바뀌는 곳은 ⑥ AdamW 하나뿐입니다. ⑦의 학습률은 다음
          바퀴의 ⑥이 씁니다. <code>hand-step</code> 셀은 같은 배치로 20바퀴를 돌고, <code>engine.finetune</code>은 바퀴마다 새
          배치로 같은 고리를 돕니다(기본 설정은 {DEFAULT_STEPS}바퀴).
        </>
      }
    >
      {n.el}
    </Figure>
  );
}
