// Chapter 1's mlm-data cell, drawn: the 15% / 80-10-10 recipe, and what seed 90 does to the cell's review (the model's
// input, with the answer under each chosen place). The pieces and the chosen places are what the cell computes with the
// real tokenizer and engine.mulberry32(90) (tests/unit/figures-early.test.ts reruns the cell's loop and compares).
import { Figure, FIG } from "./Figure";
import { Box, chipColors, Draw, T, textWidth } from "./parts";

export const MLM_REVIEW = "배우들 연기가 자연스럽고 음악도 좋아서 끝까지 몰입해서 봤습니다. 결말이 조금 아쉬웠지만 다시 보고 싶은 영화예요";
export const MLM_SEED = 90;
export const MLM_TOKENS = ["[CLS]", "배우들", "연기가", "자연", "##스럽고", "음악도", "좋아서", "끝까지", "몰입해서", "봤습니다", ".", "결말이", "조금", "아쉬웠지만", "다시", "보고", "싶은", "영화예요", "[SEP]"];
/** Chosen places (index into MLM_TOKENS) and what the model gets there. */
export const MLM_CHOSEN: Record<number, string> = { 1: "[MASK]", 7: "룸", 14: "다시", 17: "[MASK]" };

export function MlmMasking() {
  const W = 360, size = 12.5, chipH = 24, rowH = 46, x0 = 8, maxX = W - 8, gap = 4;
  const yRule = 34, yEx = 150;
  // flow the model's input chips into rows
  const placed: { text: string; orig: string; x: number; w: number; row: number; chosen: boolean }[] = [];
  let x = x0, row = 0;
  MLM_TOKENS.forEach((orig, i) => {
    const text = MLM_CHOSEN[i] ?? orig;
    const w = Math.max(textWidth(text, size) + 9, 20);
    if (x + w > maxX) {
      x = x0;
      row++;
    }
    placed.push({ text, orig, x, w, row, chosen: i in MLM_CHOSEN });
    x += w + gap;
  });
  const rows = row + 1;
  const words = MLM_TOKENS.length - 2, chosen = Object.keys(MLM_CHOSEN).length;
  // What happened at each chosen place: one of the three rules.
  const ruleOf = (i: number) => (MLM_CHOSEN[i] === "[MASK]" ? "mask" : MLM_CHOSEN[i] === MLM_TOKENS[i] ? "keep" : "random");
  const picked = Object.keys(MLM_CHOSEN).map(Number);
  const said = (rule: string) => picked.filter((i) => ruleOf(i) === rule);
  const story = [
    said("mask").length ? `${said("mask").map((i) => MLM_TOKENS[i]).join("·")} → [MASK]` : "",
    ...said("random").map((i) => `${MLM_TOKENS[i]} → 아무 토큰(${MLM_CHOSEN[i]})`),
    said("keep").length ? `${said("keep").map((i) => MLM_TOKENS[i]).join("·")} → 그대로` : "",
  ].filter(Boolean).join(", ");
  const bar = { x: 30, w: 300 };
  const segs: [number, string, string, string][] = [
    [0.8, FIG.head, FIG.headLine, "80% [MASK]로"],
    [0.1, FIG.attn, FIG.attnLine, "10% 아무 토큰으로"],
    [0.1, FIG.token, FIG.tokenLine, "10% 그대로"],
  ];
  let sx = bar.x;
  const H = yEx + 22 + rows * rowH + 4;
  return (
    <Figure
      id="mlm-masking"
      title="마스크 언어 모델의 학습 데이터: 15%를 골라 80/10/10"
      desc={`토큰마다 15% 확률로 골라, 고른 토큰의 80%는 [MASK]로, 10%는 아무 토큰으로 바꾸고 10%는 그대로 둡니다. mlm-data 셀의 리뷰에 시드 ${MLM_SEED}를 쓰면 토큰 ${words}개 중 ${chosen}개가 골라집니다(${story}). 모델은 고른 자리의 원래 토큰을 맞혀야 합니다.`}
      width={W}
      height={H}
      caption={
        <>
          위는 규칙, 아래는 <code>mlm-data</code> 셀이 시드 {MLM_SEED}로 만든 입력입니다. 토큰 {words}개(<code>[CLS]</code>와{" "}
          <code>[SEP]</code> 빼고) 가운데 {chosen}개가 골라졌습니다({story}). 모델은
          고른 자리에서만 원래 토큰(고른 칸 아래 빨간 글자)을 맞히고, 나머지 자리는 문맥으로만 씁니다. 아무 토큰으로 바뀌거나 그대로
          남은 자리도 똑같이 원래 토큰을 맞혀야 하므로, 모델은 <code>[MASK]</code>가 없는 자리도 의심하며 읽게 됩니다.
        </>
      }
    >
      <Draw>
      <T x={x0} y={18} anchor="start" weight={600}>
        ① 토큰마다 15% 확률로 고른 뒤, 고른 토큰을
      </T>
      {segs.map(([p, fill, line], i) => {
        const w = bar.w * p;
        const r = <rect key={i} x={sx} y={yRule} width={w} height={22} fill={fill} stroke={line} strokeWidth={1.2} />;
        sx += w;
        return r;
      })}
      <T x={bar.x + (bar.w * 0.8) / 2} y={yRule + 16} size={12.5}>
        80%
      </T>
      {segs.map(([, fill, line, label], i) => (
        <g key={i}>
          <rect x={x0 + 6} y={yRule + 34 + i * 20} width={12} height={12} fill={fill} stroke={line} />
          <T x={x0 + 24} y={yRule + 44 + i * 20} size={12.5} anchor="start">
            {label}
          </T>
        </g>
      ))}
      <T x={W - 8} y={yRule + 44} size={FIG.small} color={FIG.muted} anchor="end">
        오른쪽 두 칸이 10%씩
      </T>

      <T x={x0} y={yEx - 8} anchor="start" weight={600}>
        ② 시드 {MLM_SEED}: 토큰 {words}개 중 {chosen}개를 고름
      </T>
      <T x={x0} y={yEx + 10} anchor="start" size={FIG.small} color={FIG.muted}>
        모델이 받는 입력 (빨간 글자: 맞혀야 할 원래 토큰)
      </T>
      {placed.map((c, i) => {
        // A chosen place takes its rule's colour (the bar above); the others, the usual chip colours.
        const rule = c.chosen ? ruleOf(i) : null;
        const [fill, stroke] = rule === "random" ? [FIG.attn, FIG.attnLine] : rule === "keep" ? [FIG.token, FIG.accent] : chipColors(c.text);
        const y = yEx + 22 + c.row * rowH;
        return (
          <g key={i}>
            <Box x={c.x} y={y} w={c.w} h={chipH} fill={fill} stroke={stroke} label={c.text} size={size} r={4} />
            {c.chosen && (
              <T x={c.x + c.w / 2} y={y + chipH + 15} size={12.5} color={FIG.bad} weight={700}>
                {/^[\p{L}\p{N}#]+$/u.test(c.orig) ? c.orig : `“${c.orig}”`}
              </T>
            )}
          </g>
        );
      })}
      </Draw>
    </Figure>
  );
}
