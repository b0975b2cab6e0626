// Chapter 5, "축을 주지 않은 argmax": the chapter's four logits (the temperature example: 최고 2.0, 좋음 1.0, 보통 0.2,
// 별로 −1.0) on a number line, their softmax probabilities (T = 1, computed here as the cell does), and argmax, which
// answers with the position 0, neither the logit 2.0 nor the probability.
import { Figure, FIG } from "./Figure";
import { Arrow, T } from "./late-parts";

export const LOGITS = [2.0, 1.0, 0.2, -1.0];
export const CLASS_NAMES = ["최고", "좋음", "보통", "별로"];
const exps = LOGITS.map((z) => Math.exp(z - Math.max(...LOGITS)));
export const PROBS = exps.map((v) => v / exps.reduce((a, b) => a + b, 0));
export const ARGMAX = PROBS.indexOf(Math.max(...PROBS));

const f1 = (z: number) => (z < 0 ? `−${(-z).toFixed(1)}` : z.toFixed(1));

function drawing(width: number) {
  const left = 34, right = width - 24;
  const zx = (z: number) => left + ((z + 1.5) / 4) * (right - left); // the line runs from −1.5 to 2.5
  const lineY = 56;
  const colW = (right - left) / 4, colX = (i: number) => left + colW * (i + 0.5);
  const barTop = 128, barH = 96, barBottom = barTop + barH;
  const best = ARGMAX;
  return (
    <g>
      <T x={12} y={20} weight={700}>① 로짓</T>
      <T x={96} y={20} size={FIG.small} fill={FIG.muted}>수직선 위의 점수 (클수록 오른쪽)</T>
      <line x1={left} x2={right} y1={lineY} y2={lineY} stroke={FIG.ink} />
      {[-1, 0, 1, 2].map((t) => (
        <g key={t}>
          <line x1={zx(t)} x2={zx(t)} y1={lineY - 4} y2={lineY + 4} stroke={FIG.ink} />
          <T x={zx(t)} y={lineY + 18} anchor="middle" size={FIG.small} fill={FIG.muted}>{t < 0 ? `−${-t}` : String(t)}</T>
        </g>
      ))}
      {LOGITS.map((z, i) => (
        <g key={i}>
          <circle cx={zx(z)} cy={lineY} r={5} fill={i === best ? FIG.accent : FIG.tokenLine} />
          <T x={zx(z)} y={lineY - 11} anchor="middle" size={FIG.small} weight={700}>{`${CLASS_NAMES[i]} ${f1(z)}`}</T>
        </g>
      ))}
      <T x={12} y={barTop - 24} weight={700}>② 소프트맥스</T>
      <T x={width - 12} y={barTop - 24} anchor="end" size={FIG.small} fill={FIG.muted}>exp 한 뒤 합으로 나눔, 합 = 1</T>
      {PROBS.map((p, i) => {
        const h = p * barH, x = colX(i) - colW * 0.3;
        return (
          <g key={i}>
            <rect x={x} y={barBottom - h} width={colW * 0.6} height={h} fill={i === best ? FIG.accent : FIG.token} stroke={i === best ? FIG.accent : FIG.tokenLine} />
            <T x={colX(i)} y={barBottom - h - 5} anchor="middle" size={FIG.small}>{p.toFixed(3)}</T>
            <T x={colX(i)} y={barBottom + 16} anchor="middle">{CLASS_NAMES[i]}</T>
          </g>
        );
      })}
      <line x1={left} x2={right} y1={barBottom} y2={barBottom} stroke={FIG.ink} />
      <T x={12} y={barBottom + 46} weight={700}>③ 위치</T>
      {LOGITS.map((_, i) => (
        <g key={i}>
          <rect x={colX(i) - 16} y={barBottom + 30} width={32} height={24} rx={4} fill={i === best ? FIG.accent : "#fff"} stroke={i === best ? FIG.accent : FIG.line} />
          <T x={colX(i)} y={barBottom + 47} anchor="middle" weight={700} fill={i === best ? "#fff" : FIG.ink} mono>{String(i)}</T>
        </g>
      ))}
      <Arrow points={[[colX(best) + 40, barBottom + 84], [colX(best) + 4, barBottom + 58]]} color={FIG.accent} width={2} />
      <T x={colX(best) + 44} y={barBottom + 84} fill={FIG.accent} weight={700} mono>{`argmax = ${best}`}</T>
      <T x={colX(best) + 44} y={barBottom + 101} size={FIG.small} fill={FIG.accent}>{`값 ${f1(LOGITS[best])}도, 확률 ${PROBS[best].toFixed(3)}도 아닌 위치`}</T>
    </g>
  );
}

export function SoftmaxArgmax() {
  return (
    <Figure
      id="softmax-argmax"
      title="로짓, 소프트맥스, argmax"
      desc={`로짓 ${LOGITS.map((z, i) => `${CLASS_NAMES[i]} ${f1(z)}`).join(", ")}을 수직선에 놓고, 소프트맥스로 바꾼 확률 ${PROBS.map((p) => p.toFixed(3)).join(", ")}을 막대로 그렸습니다. argmax는 가장 큰 값의 위치 ${ARGMAX}을 돌려줍니다.`}
      width={360}
      height={336}
      wide={[640, 336, drawing(640)]}
      caption={
        <>
          아래 온도 절에서 다시 쓰는 로짓 네 개입니다. 소프트맥스는 값을 0과 1 사이의 확률로 바꾸지만 순서는 그대로 둡니다. argmax는
          가장 큰 로짓의 값 2.0도, 그 확률 {PROBS[ARGMAX].toFixed(3)}도 아닌 <strong>위치 {ARGMAX}</strong>를 돌려주고, 그 위치가
          레이블 &lsquo;{CLASS_NAMES[ARGMAX]}&rsquo;입니다.
        </>
      }
    >
      {drawing(360)}
    </Figure>
  );
}
