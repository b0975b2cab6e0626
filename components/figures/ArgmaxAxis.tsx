// Chapter 5, "교재 코드의 버그": a [B=2, 2] batch, reviews 0 and 2 of the chapter's `argmax-axis` cell (both 긍정),
// and the two argmaxes of the `argmax-bug` cell: along the class axis (dim=-1, one answer per review) and along the
// batch axis (the textbook's dim=0, one answer per class). Both answers have shape [2], like the labels, so the
// wrong one compares without an error: 1.00 against 0.50, the "리뷰 0, 2" row of that cell's table.
import { Figure, FIG } from "./Figure";
import { T } from "./late-parts";

/** The chapter's logitsB rows 0 and 2 (cell argmax-axis), their reviews and labels. */
export const AXIS_BATCH = {
  reviews: ["연기도 연출도 최고", "또 보고 싶어요"],
  logits: [
    [-1.8, 2.1],
    [-0.7, 0.9],
  ],
  labels: [1, 1],
};
const CLASSES = ["부정", "긍정"];
const { reviews, logits, labels } = AXIS_BATCH;
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));
/** dim=-1: per review, the class. dim=0: per class, the review. */
export const BY_CLASS_AXIS = logits.map(argmax);
export const BY_BATCH_AXIS = CLASSES.map((_, c) => argmax(logits.map((row) => row[c])));
const acc = (pred: number[]) => (pred.filter((p, i) => p === labels[i]).length / labels.length).toFixed(2);
export const ACCURACY = { classAxis: acc(BY_CLASS_AXIS), batchAxis: acc(BY_BATCH_AXIS) };

const f1 = (z: number) => (z < 0 ? `−${(-z).toFixed(1)}` : z.toFixed(1));
const vec = (xs: number[]) => `[${xs.join(", ")}]`;

function Panel({ x0, y0, axis, align }: { x0: number; y0: number; axis: "class" | "batch"; align?: boolean }) {
  const gx = x0 + 140, cw = 60, ch = 32, gy = y0 + 50;
  const hit = (r: number, c: number) => (axis === "class" ? BY_CLASS_AXIS[r] === c : BY_BATCH_AXIS[c] === r);
  const pred = axis === "class" ? BY_CLASS_AXIS : BY_BATCH_AXIS;
  const ok = axis === "class";
  // Side by side (align), both results sit on one line; stacked, the first panel ends right under its grid.
  const resultY = gy + 2 * ch + (axis === "batch" || align ? 44 : 26);
  return (
    <g>
      <T x={x0 + 12} y={y0 + 18} weight={700} fill={ok ? FIG.accent : FIG.bad}>
        {axis === "class" ? "dim=-1 (클래스 축): 리뷰마다 하나" : "dim=0 (배치 축): 클래스마다 하나"}
      </T>
      {CLASSES.map((name, c) => (
        <T key={name} x={gx + cw * c + cw / 2} y={gy - 8} anchor="middle" size={FIG.small} fill={FIG.muted}>{`${name} (${c})`}</T>
      ))}
      {logits.map((row, r) => (
        <g key={r}>
          <T x={gx - 8} y={gy + ch * r + 21} anchor="end" size={FIG.small}>{`${r}: ${reviews[r]}`}</T>
          {row.map((z, c) => (
            <g key={c}>
              <rect x={gx + cw * c} y={gy + ch * r} width={cw} height={ch} fill={hit(r, c) ? (ok ? FIG.token : FIG.head) : "#fff"}
                stroke={hit(r, c) ? (ok ? FIG.accent : FIG.bad) : FIG.line} strokeWidth={hit(r, c) ? 2 : 1} />
              <T x={gx + cw * c + cw / 2} y={gy + ch * r + 21} anchor="middle" weight={hit(r, c) ? 700 : undefined} mono>{f1(z)}</T>
            </g>
          ))}
          {axis === "class" ? (
            <T x={gx + 2 * cw + 10} y={gy + ch * r + 21} fill={FIG.accent} weight={700}>{`→ ${pred[r]} ${CLASSES[pred[r]]}`}</T>
          ) : null}
        </g>
      ))}
      {axis === "batch"
        ? CLASSES.map((_, c) => (
            <T key={c} x={gx + cw * c + cw / 2} y={gy + 2 * ch + 18} anchor="middle" fill={FIG.bad} weight={700}>{`↓ ${pred[c]}`}</T>
          ))
        : null}
      {axis === "batch" ? (
        <T x={gx + 2 * cw + 10} y={gy + 2 * ch + 18} size={FIG.small} fill={FIG.bad}>리뷰 번호</T>
      ) : null}
      <T x={x0 + 12} y={resultY} fill={ok ? FIG.accent : FIG.bad}>
        {`예측 ${vec(pred)}, 정답 ${vec(labels)} → 정확도 ${ok ? ACCURACY.classAxis : ACCURACY.batchAxis}`}
      </T>
    </g>
  );
}

export function ArgmaxAxis() {
  return (
    <Figure
      id="argmax-axis"
      title="[B, 2] 로짓에서 dim=-1과 dim=0의 argmax"
      desc={`두 리뷰(모두 긍정)의 로짓 [2, 2]에서 클래스 축(dim=-1)을 따라 고르면 리뷰마다 레이블 ${vec(BY_CLASS_AXIS)}이 나와 정확도 ${ACCURACY.classAxis}, 배치 축(dim=0)을 따라 고르면 클래스마다 점수가 가장 높은 리뷰 번호 ${vec(BY_BATCH_AXIS)}가 나와 정확도 ${ACCURACY.batchAxis}입니다. 두 답 모두 모양이 [2]라 오류가 나지 않습니다.`}
      width={360}
      height={330}
      wide={[740, 174, (
        <g>
          <Panel x0={0} y0={4} axis="class" align />
          <Panel x0={380} y0={4} axis="batch" align />
        </g>
      )]}
      caption={
        <>
          아래 <code>argmax-bug</code> 셀의 &lsquo;리뷰 0, 2&rsquo; 배치입니다. 파란 칸은 행마다(클래스 축), 빨간 칸은 열마다(배치 축)
          고른 최댓값입니다. <code>dim=0</code>의 답 {vec(BY_BATCH_AXIS)}는 &ldquo;부정 점수가 가장 높은 리뷰는 1번, 긍정은 0번&rdquo;이라는
          뜻인데, 모양이 정답과 같은 [2]라서 레이블처럼 비교되고 정확도 {ACCURACY.batchAxis}이 됩니다.
        </>
      }
    >
      <Panel x0={0} y0={4} axis="class" />
      <line x1={12} x2={348} y1={158} y2={158} stroke={FIG.line} />
      <Panel x0={0} y0={162} axis="batch" />
    </Figure>
  );
}
