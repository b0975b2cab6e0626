// Chapter 4, "세 모델의 설정": BERT-mini (our model), BERT-base and BERT-large to scale, each a square whose area is
// its parameter count (engine.parameterCount, pooler in, no head: the chapter's `configs` cell). base and large use
// vocab 30,522 as the chapter does; ours is read from the shipped public/models/encoder/config.json (vocab 12,000).
import { configFromJSON, makeConfig, parameterCount, type BertConfig } from "@/lib/model/config";
import oursJson from "@/public/models/encoder/config.json";
import { Figure, FIG } from "./Figure";
import { T } from "./late-parts";

interface Model { name: string; config: BertConfig; params: number; fill: string; line: string }

export const SCALE_MODELS: Model[] = (
  [
    ["BERT-large", makeConfig("large", { vocab_size: 30522 }), FIG.head, FIG.headLine],
    ["BERT-base", makeConfig("base", { vocab_size: 30522 }), FIG.attn, FIG.attnLine],
    ["우리 BERT-mini", configFromJSON(oursJson as Partial<BertConfig>), FIG.embed, FIG.embedLine],
  ] as const
).map(([name, config, fill, line]) => ({ name, config, params: parameterCount(config), fill, line }));

const n = (x: number) => x.toLocaleString("en-US");
const shape = (c: BertConfig) => `L=${c.num_hidden_layers}, H=${c.hidden_size}, 어휘 ${n(c.vocab_size)}`;

const [large, base, mini] = SCALE_MODELS;
/** How many times larger than our mini, rounded: large ≈ 53×, base ≈ 17×. */
export const TIMES = { large: Math.round(large.params / mini.params), base: Math.round(base.params / mini.params) };

function Square({ m, x, bottom, side }: { m: Model; x: number; bottom: number; side: number }) {
  return <rect x={x} y={bottom - side} width={side} height={side} fill={m.fill} stroke={m.line} strokeWidth={1.2} />;
}

/** Nested in one corner (bottom-left): the phone drawing. */
function narrow() {
  const S = 300, x0 = 30, bottom = 318;
  const side = (m: Model) => S * Math.sqrt(m.params / large.params);
  const sb = side(base), sm = side(mini);
  return (
    <g>
      <Square m={large} x={x0} bottom={bottom} side={S} />
      <Square m={base} x={x0} bottom={bottom} side={sb} />
      <Square m={mini} x={x0} bottom={bottom} side={sm} />
      <T x={x0 + 10} y={bottom - S + 22} weight={700}>BERT-large</T>
      <T x={x0 + 10} y={bottom - S + 40}>{`${n(large.params)}개 (mini의 ${TIMES.large}배)`}</T>
      <T x={x0 + 10} y={bottom - S + 57} size={FIG.small} fill={FIG.muted}>{shape(large.config)}</T>
      <T x={x0 + 10} y={bottom - sb + 22} weight={700}>BERT-base</T>
      <T x={x0 + 10} y={bottom - sb + 40}>{`${n(base.params)}개`}</T>
      <T x={x0 + 10} y={bottom - sb + 57} size={FIG.small} fill={FIG.muted}>{`mini의 ${TIMES.base}배`}</T>
      <T x={x0 + sm + 8} y={bottom - sm + 12} weight={700}>{mini.name}</T>
      <T x={x0 + sm + 8} y={bottom - 6}>{`${n(mini.params)}개`}</T>
    </g>
  );
}

/** Side by side on one baseline: the desktop drawing. */
function wide() {
  const S = 300, bottom = 372, gap = 40, x0 = 24;
  const side = (m: Model) => S * Math.sqrt(m.params / large.params);
  const xs = [x0, x0 + S + gap, x0 + S + gap + side(base) + gap];
  return {
    width: xs[2] + 164,
    el: (
      <g>
        {SCALE_MODELS.map((m, i) => (
          <g key={m.name}>
            <Square m={m} x={xs[i]} bottom={bottom} side={side(m)} />
            <T x={xs[i]} y={bottom - side(m) - 46} weight={700}>{m.name}</T>
            <T x={xs[i]} y={bottom - side(m) - 28}>{`${n(m.params)}개${i < 2 ? ` (mini의 ${i ? TIMES.base : TIMES.large}배)` : ""}`}</T>
            <T x={xs[i]} y={bottom - side(m) - 10} size={FIG.small} fill={FIG.muted}>{shape(m.config)}</T>
          </g>
        ))}
      </g>
    ),
  };
}

export function ModelScale() {
  const wd = wide();
  return (
    <Figure
      id="model-scale"
      title="BERT-mini, BERT-base, BERT-large의 크기 비교"
      desc={`넓이가 파라미터 수에 비례하는 정사각형 세 개입니다. BERT-large ${n(large.params)}개, BERT-base ${n(base.params)}개, 우리 BERT-mini ${n(mini.params)}개로, large는 mini의 약 ${TIMES.large}배, base는 약 ${TIMES.base}배입니다.`}
      width={360}
      height={334}
      wide={[wd.width, 388, wd.el]}
      caption={
        <>
          정사각형의 <strong>넓이</strong>가 파라미터 수입니다(<code>engine.parameterCount</code>, pooler 포함, 분류 헤드 제외). 한
          변은 넓이의 제곱근이라 large가 mini의 {TIMES.large}배여도 변은 {Math.sqrt(large.params / mini.params).toFixed(1)}배입니다.
          mini가 이만큼 작아서 브라우저 안에서 학습할 수 있습니다.
        </>
      }
    >
      {narrow()}
    </Figure>
  );
}
