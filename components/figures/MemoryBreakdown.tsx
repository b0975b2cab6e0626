// Chapter 4, after the `estimates` cell: where the textbook run's 3.13 GiB goes (bert-base, vocab 30,522, batch 2,
// T=512, Adam, float32, classifier head), from engine.estimateTrainingMemory: weights, gradients, Adam's m and v, and
// the activations, split into the part that grows with T and the attention's T² part (detail.attentionQuadratic).
// The two dashed lines are the error message's numbers the chapter quotes: a 4.00 GiB card, 3.47 GiB reserved.
import { makeConfig } from "@/lib/model/config";
import { estimateTrainingMemory } from "@/lib/model/memory";
import { formatBytes, GiB } from "@/lib/format";
import { Figure, FIG } from "./Figure";
import { T } from "./late-parts";

export const TEXTBOOK_RUN = estimateTrainingMemory(makeConfig("base", { vocab_size: 30522 }), { batchSize: 2, seqLen: 512, optimizer: "adam" });
const e = TEXTBOOK_RUN;

interface Part { name: string; bytes: number; fill: string; line: string }
export const MEMORY_PARTS: Part[] = [
  { name: "가중치", bytes: e.weights, fill: FIG.token, line: FIG.tokenLine },
  { name: "기울기", bytes: e.gradients, fill: FIG.embed, line: FIG.embedLine },
  { name: "Adam m+v", bytes: e.optimizer, fill: FIG.ffn, line: FIG.ffnLine },
  { name: "활성값: T에 비례", bytes: e.activations - e.detail.attentionQuadratic, fill: FIG.attn, line: FIG.attnLine },
  { name: "활성값: 어텐션 T²", bytes: e.detail.attentionQuadratic, fill: FIG.head, line: FIG.headLine },
];
const fixed = e.weights + e.gradients + e.optimizer;
/** The error message's numbers (chapter 4 quotes it): the card and what PyTorch had reserved. */
const CARD = [
  { gib: 4, label: "GPU 4.00 GiB" },
  { gib: 3.47, label: "PyTorch가 확보한 3.47 GiB" },
];

function narrow() {
  const top = 26, H = 440, scale = H / (4 * GiB), bottom = top + H;
  const bx = 118, bw = 56;
  let y = bottom;
  const segs = MEMORY_PARTS.map((p) => {
    const h = p.bytes * scale;
    y -= h;
    return { p, y, h };
  });
  const group = (from: number, to: number, label: string, size: string, note: string) => {
    const y1 = segs[to].y, y2 = segs[from].y + segs[from].h, mid = (y1 + y2) / 2;
    return (
      <g>
        <polyline points={`${bx - 8},${y1 + 1} ${bx - 14},${y1 + 1} ${bx - 14},${y2 - 1} ${bx - 8},${y2 - 1}`} fill="none" stroke={FIG.muted} />
        <T x={bx - 20} y={mid - 8} anchor="end" weight={700}>{label}</T>
        <T x={bx - 20} y={mid + 8} anchor="end">{size}</T>
        <T x={bx - 20} y={mid + 24} anchor="end" size={FIG.small} fill={FIG.muted}>{note}</T>
      </g>
    );
  };
  return (
    <g>
      {CARD.map((c) => {
        const cy = bottom - c.gib * GiB * scale;
        return (
          <g key={c.label}>
            <line x1={bx - 6} x2={352} y1={cy} y2={cy} stroke={FIG.bad} strokeDasharray="5 4" />
            <T x={352} y={cy - 5} anchor="end" size={FIG.small} fill={FIG.bad}>{c.label}</T>
          </g>
        );
      })}
      {segs.map(({ p, y: sy, h }) => (
        <g key={p.name}>
          <rect x={bx} y={sy} width={bw} height={h} fill={p.fill} stroke={p.line} strokeWidth={1.2} />
          <T x={bx + bw + 10} y={sy + h / 2 - 3} weight={700}>{p.name}</T>
          <T x={bx + bw + 10} y={sy + h / 2 + 13}>{formatBytes(p.bytes)}</T>
        </g>
      ))}
      <T x={bx + bw / 2} y={segs[4].y - 6} anchor="middle" weight={700}>{`합계 ${formatBytes(e.total)}`}</T>
      {group(0, 2, "고정", formatBytes(fixed), "B, T와 무관")}
      {group(3, 4, "활성값", formatBytes(e.activations), "B, T에 따라")}
      <line x1={bx - 6} x2={bx + bw + 6} y1={bottom} y2={bottom} stroke={FIG.ink} />
    </g>
  );
}

function wide() {
  const left = 20, W = 680, scale = W / (4 * GiB), by = 52, bh = 56;
  let x = left;
  const segs = MEMORY_PARTS.map((p) => {
    const w = p.bytes * scale;
    x += w;
    return { p, x: x - w, w };
  });
  const group = (from: number, to: number, text: string) => {
    const x1 = segs[from].x, x2 = segs[to].x + segs[to].w;
    return (
      <g>
        <polyline points={`${x1 + 1},${by - 8} ${x1 + 1},${by - 14} ${x2 - 1},${by - 14} ${x2 - 1},${by - 8}`} fill="none" stroke={FIG.muted} />
        <T x={(x1 + x2) / 2} y={by - 20} anchor="middle" weight={700}>{text}</T>
      </g>
    );
  };
  return (
    <g>
      {segs.map(({ p, x: sx, w }, i) => (
        <g key={p.name}>
          <rect x={sx} y={by} width={w} height={bh} fill={p.fill} stroke={p.line} strokeWidth={1.2} />
          <T x={sx + w / 2} y={by + bh + 18} anchor="middle" weight={700}>{i >= 3 ? p.name.replace("활성값: ", "") : p.name}</T>
          <T x={sx + w / 2} y={by + bh + 35} anchor="middle" size={FIG.small}>{formatBytes(p.bytes)}</T>
        </g>
      ))}
      {group(0, 2, `고정 ${formatBytes(fixed)} (B, T와 무관)`)}
      {group(3, 4, `활성값 ${formatBytes(e.activations)} (B, T에 따라)`)}
      {CARD.map((c, i) => {
        const cx = left + c.gib * GiB * scale;
        return (
          <g key={c.label}>
            <line x1={cx} x2={cx} y1={by - 30} y2={by + bh + 62} stroke={FIG.bad} strokeDasharray="5 4" />
            <T x={cx - 4} y={by + bh + 58 + (i ? 0 : 20)} anchor="end" size={FIG.small} fill={FIG.bad}>{c.label}</T>
          </g>
        );
      })}
      <T x={segs[4].x + segs[4].w - 4} y={by + bh / 2 + 5} anchor="end" weight={700}>{`합계 ${formatBytes(e.total)}`}</T>
    </g>
  );
}

export function MemoryBreakdown() {
  return (
    <Figure
      id="textbook-memory"
      title="교재 설정의 학습 메모리 3.13 GiB는 어디에 쓰이나"
      desc={`BERT-base, 배치 2, 길이 512, Adam, float32로 학습할 때 공식상 메모리: 가중치 ${formatBytes(e.weights)}, 기울기 ${formatBytes(e.gradients)}, Adam 상태 ${formatBytes(e.optimizer)}, 활성값 ${formatBytes(e.activations)}(그중 어텐션 T² 부분 ${formatBytes(e.detail.attentionQuadratic)}), 합계 ${formatBytes(e.total)}. 4 GiB 카드에서 PyTorch가 확보한 3.47 GiB 바로 아래입니다.`}
      width={360}
      height={478}
      wide={[720, 196, wide()]}
      caption={
        <>
          위 표의 첫 줄(교재: base, B=2, T=512)을 쌓은 막대입니다(<code>engine.estimateTrainingMemory</code>). 가중치·기울기·Adam
          상태는 배치와 길이를 바꿔도 그대로이고, 활성값 가운데 가장 큰 조각은 <code>[B, A, T, T]</code> 어텐션 텐서들, 곧
          T²에 비례하는 부분입니다. 빨간 점선은 오류 메시지에 나온 카드 크기와 PyTorch가 확보한 양이라, 공식만으로도 여유가{" "}
          {(CARD[1].gib - e.total / GiB).toFixed(2)} GiB뿐입니다.
        </>
      }
    >
      {narrow()}
    </Figure>
  );
}
