// Chapter 2's '고양이' section: the tokenizer pipeline on one of the chapter's sentences, step by step (NFC, basic
// split, WordPiece longest match, ids, [CLS]/[SEP]/[PAD] and the attention mask), with the textbook's impossible
// pieces crossed out beside the real ones. Every piece and id is what lib/tokenizer gives with
// public/models/encoder/vocab.txt (tests/unit/figures-early.test.ts runs the tokenizer and compares).
import { Figure, FIG } from "./Figure";
import { Arrow, chipRow, Chips, Draw, T } from "./parts";

export const PIPELINE_TEXT = "고양이가 귀엽다";
/** Padded to the longest sentence of a batch with PIPELINE_PARTNER (encodeBatch). */
export const PIPELINE_PARTNER = "나는 고양이를 좋아한다";
export const PIPELINE_WORDS = ["고양이가", "귀엽다"];
export const PIPELINE_PIECES = ["고양이", "##가", "귀엽다"];
export const PIPELINE_TOKENS = ["[CLS]", "고양이", "##가", "귀엽다", "[SEP]", "[PAD]", "[PAD]"];
export const PIPELINE_IDS = [2, 8491, 13, 7112, 3, 0, 0];
export const PIPELINE_MASK = [1, 1, 1, 1, 1, 0, 0];
const TEXTBOOK = ["고##", "#양#", "##이"];

export function TokenizerPipeline() {
  const W = 360, cx = 236, left = 10;
  const pieceIds = PIPELINE_IDS.slice(1, 1 + PIPELINE_PIECES.length);
  const words = chipRow(PIPELINE_WORDS.map((w) => `⟨${w}⟩`), cx);
  const pieces = chipRow(PIPELINE_PIECES, cx);
  const wrong = chipRow(TEXTBOOK, cx);
  const full = chipRow(PIPELINE_TOKENS, W / 2, 12.5, 4, 9);
  const step = (y: number, label: string) => (
    <T x={left} y={y} anchor="start" weight={600} size={12.5}>
      {label}
    </T>
  );
  const down = (y1: number, y2: number) => <Arrow x1={cx} y1={y1} x2={cx} y2={y2} />;
  const partA = (
    <>
      {step(24, "원문")}
      <T x={cx} y={24}>
        “{PIPELINE_TEXT}”
      </T>
      {down(31, 45)}
      {step(60, "① NFC 정규화")}
      <T x={cx} y={60}>
        “{PIPELINE_TEXT}”
      </T>
      <T x={cx} y={76} size={FIG.small} color={FIG.muted}>
        한글 음절은 그대로
      </T>
      {down(81, 93)}
      {step(112, "② 기본 분리")}
      <Chips chips={words} y={95} />
      <T x={cx} y={135} size={FIG.small} color={FIG.muted}>
        공백과 문장 부호로 자르기
      </T>
      {down(140, 152)}
      {step(171, "③ WordPiece")}
      <Chips chips={pieces} y={154} />
      <T x={cx} y={194} size={FIG.small} color={FIG.muted}>
        어휘에 있는 가장 긴 조각부터
      </T>
    </>
  );
  const partBad = (
    <>
      <Chips chips={wrong} y={204} />
      {wrong.map((c, i) => (
        <line key={i} x1={c.x - 2} y1={216} x2={c.x + c.w + 2} y2={216} stroke={FIG.bad} strokeWidth={1.8} />
      ))}
      <T x={left} y={221} anchor="start" size={12.5} color={FIG.bad} weight={600}>
        교재 (틀림)
      </T>
      <T x={cx} y={244} size={FIG.small} color={FIG.bad}>
        ##은 조각 앞에만 붙습니다
      </T>
    </>
  );
  const partId = (
    <>
      {step(272, "④ id")}
      {pieces.map((c, i) => (
        <T key={i} x={c.x + c.w / 2} y={272} mono>
          {pieceIds[i]}
        </T>
      ))}
    </>
  );
  const part5 = (
    <>
      <T x={left} y={300} anchor="start" weight={600} size={12.5}>
        ⑤ [CLS], [SEP]를 붙이고 [PAD]로 길이 7까지
      </T>
      <Chips chips={full} y={310} size={12.5} />
      {full.map((c, i) => (
        <g key={i}>
          <T x={c.x + c.w / 2} y={352} size={12} mono>
            {PIPELINE_IDS[i]}
          </T>
          <T x={c.x + c.w / 2} y={372} size={12} mono weight={700} color={PIPELINE_MASK[i] ? FIG.accent : FIG.bad}>
            {PIPELINE_MASK[i]}
          </T>
        </g>
      ))}
      <T x={W / 2} y={392} size={FIG.small} color={FIG.muted}>
        위: id, 아래: 어텐션 마스크 (1 = 진짜 토큰, 0 = 패딩)
      </T>
    </>
  );
  // From 700 px up: the steps to the ids on the left; the textbook's pieces and the padded input on the right.
  const wide = (
    <Draw>
      {partA}
      <g transform="translate(0 -36)">{partId}</g>
      <line x1={364} y1={10} x2={364} y2={250} stroke={FIG.line} />
      <g transform="translate(366 -176)">{partBad}</g>
      <g transform="translate(366 -186)">{part5}</g>
    </Draw>
  );
  return (
    <Figure
      id="tokenizer-pipeline"
      title="토크나이저의 단계: '고양이가 귀엽다'가 id와 어텐션 마스크가 되기까지"
      desc={`'${PIPELINE_TEXT}'를 NFC로 정규화하고, 공백으로 ${PIPELINE_WORDS.join(", ")}로 나눈 뒤, WordPiece가 가장 긴 조각부터 ${PIPELINE_PIECES.join(", ")}로 자릅니다. id는 ${pieceIds.join(", ")}이고, [CLS]와 [SEP]를 붙이고 [PAD] 두 개로 길이 7을 채우며 어텐션 마스크는 ${PIPELINE_MASK.join(" ")}입니다. 교재의 고##, #양#, ##이는 WordPiece가 만들 수 없는 조각입니다.`}
      width={W}
      height={398}
      wide={[728, 256, wide]}
      caption={
        <>
          “{PIPELINE_TEXT}”가 모델의 입력이 되기까지입니다. 조각과 id는 우리 토크나이저가 실제로 낸 값입니다.{" "}
          <code>##</code>은 단어 중간부터 이어지는 조각의 <b>앞</b>에만 붙으므로, 교재의 <code>고##</code>이나{" "}
          <code>#양#</code> 같은 조각은 나올 수 없습니다. <code>[PAD]</code> 두 개는 같은 배치의 “{PIPELINE_PARTNER}”
          (토큰 7개)에 길이를 맞춘 것이고, 어텐션 마스크 0이 그 자리를 가립니다.
        </>
      }
    >
      <Draw>
      {partA}
      {partBad}
      {partId}
      {part5}
      </Draw>
    </Figure>
  );
}
