// Chapter 6's learning curve: accuracy against the number of training reviews, for a plain fine-tune of our
// BERT-mini and for a TF-IDF logistic regression, from the measured data in public/data/learning-curve.json
// (research/learning_curve.py). Drawn at build time as plain SVG, so the page shows it before anything runs.
import { scaleLinear, scaleLog } from "d3";
import data from "@/public/data/learning-curve.json";

interface Point { n: number; mean: number; min: number; max: number; seeds: number[] }
interface Method { label: string; recipe: string; points: Point[] }
interface Reference { name: string; accuracy: number; n?: number; params?: string; corpus?: string; source?: string; note?: string }

const curve = data as unknown as {
  trainSetSize: number;
  evalSet: { n: number };
  methods: Record<string, Method>;
  references?: Reference[];
};

/** A number the prose quotes from the data, written out in the MDX (tests/unit/learning-curve.test.ts checks it). */
export function Q({ children }: { of: string; children: React.ReactNode }) {
  return <span className="measured">{children}</span>;
}

const pct = (a: number) => `${(a * 100).toFixed(1)}%`;

/** What each method is, in Korean (the data file's labels are English). */
const LABELS: Record<string, string> = {
  bert: "우리 BERT-mini를 미세 조정 (파라미터 633만 개)",
  tfidf: "TF-IDF(글자 1~4-그램) + 로지스틱 회귀",
};

/** "KoBERT (SKT)" → "KoBERT", "KoELECTRA-small-v3" → "KoELECTRA-small". */
const shortName = (name: string) => name.replace(/\s*\(.*\)$/, "").replace(/-v\d+$/, "");

/** The published models in Korean (the data file keeps its sources' English). */
const KOREAN: Record<string, { params: string; corpus: string }> = {
  "KcBERT-base": { params: "약 1억 1천만 개(BERT-base 모양)", corpus: "네이버 뉴스 댓글 12.5 GB" },
  KoBERT: { params: "9,200만 개", corpus: "한국어 위키백과 약 5,400만 단어" },
  "KoELECTRA-small": { params: "1,400만 개", corpus: "뉴스·위키백과·나무위키·모두의 말뭉치 34 GB" },
};

const COLORS: Record<string, string> = { bert: "#3b5bdb", tfidf: "#e8590c" };
const W = 540, H = 360, M = { top: 18, right: 16, bottom: 46, left: 46 };
const FONT = 13;

export function LearningCurve() {
  const methods = Object.entries(curve.methods);
  const all = methods.flatMap(([, m]) => m.points);
  const refs = curve.references ?? [];
  const shipped = refs.find((r) => r.n), published = refs.filter((r) => !r.n);
  const xs = all.map((p) => p.n);
  const x = scaleLog().domain([Math.min(...xs) * 0.8, Math.max(...xs) * 1.25]).range([M.left, W - M.right]);
  const lo = Math.min(...all.map((p) => p.min)), hi = Math.max(...all.map((p) => p.max), ...refs.map((r) => r.accuracy));
  const y = scaleLinear().domain([Math.floor(lo * 20) / 20, Math.min(1, Math.ceil(hi * 50) / 50)]).range([H - M.bottom, M.top]);
  const ticks = [500, 1000, 2000, 5000, 10000, 20000, 50000, 150000].filter((t) => t >= x.domain()[0] && t <= x.domain()[1]);
  const tickLabel = (t: number) => (t >= 1000 ? `${t / 1000}K` : String(t));
  return (
    <figure className="figure learning-curve" data-testid="learning-curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="훈련 리뷰 수에 따른 테스트 정확도: BERT-mini 미세 조정과 TF-IDF 로지스틱 회귀">
        {y.ticks(6).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e4e1d9" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={FONT} fill="#646b75">{`${Math.round(t * 100)}%`}</text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" fontSize={FONT} fill="#646b75">{tickLabel(t)}</text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" fontSize={FONT} fill="#1f2328">훈련 리뷰 수 (로그 눈금)</text>
        {refs.map((r) => (
          <line key={r.name} x1={M.left} x2={W - M.right} y1={y(r.accuracy)} y2={y(r.accuracy)}
            stroke={r.n ? "#2b8a3e" : "#868e96"} strokeDasharray="4 3" data-reference={r.name} />
        ))}
        {shipped ? (
          <text x={M.left + 6} y={y(shipped.accuracy) + FONT + 2} fontSize={FONT} fill="#2b8a3e">
            {`배포한 분류기(증류) ${pct(shipped.accuracy)}`}
          </text>
        ) : null}
        {published.length ? (
          <text x={M.left + 6} y={y(Math.max(...published.map((r) => r.accuracy))) - 5} fontSize={FONT} fill="#495057">
            {`공개된 한국어 BERT ${pct(Math.min(...published.map((r) => r.accuracy)))}~${pct(Math.max(...published.map((r) => r.accuracy)))}`}
          </text>
        ) : null}
        {methods.map(([key, m]) => {
          const color = COLORS[key] ?? "#333";
          const path = m.points.map((p, i) => `${i ? "L" : "M"}${x(p.n).toFixed(1)},${y(p.mean).toFixed(1)}`).join("");
          return (
            <g key={key} data-method={key}>
              <path d={path} fill="none" stroke={color} strokeWidth="2" />
              {m.points.map((p) => (
                <g key={p.n}>
                  {p.max > p.min ? <line x1={x(p.n)} x2={x(p.n)} y1={y(p.min)} y2={y(p.max)} stroke={color} strokeWidth="1.5" /> : null}
                  <circle cx={x(p.n)} cy={y(p.mean)} r="3.5" fill={color}>
                    <title>{`${LABELS[key] ?? m.label}, ${p.n.toLocaleString("ko-KR")}개: ${pct(p.mean)} (시드 ${p.seeds.length}개, ${pct(p.min)}–${pct(p.max)})`}</title>
                  </circle>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span style={{ color: COLORS.bert }}>●</span> {LABELS.bert} &nbsp;
        <span style={{ color: COLORS.tfidf }}>●</span> {LABELS.tfidf}. 모든 점은 같은 테스트 리뷰{" "}
        {curve.evalSet.n.toLocaleString("ko-KR")}개로 잰 정확도이고, 세로 막대는 시드 사이의 최소–최대입니다(5,000개까지 시드 3개).
        초록 점선은 같은 2,000개로 잰 배포한 분류기(같은 BERT-mini를 리뷰 14만 개로 미세 조정한 뒤 BERT + TF-IDF 앙상블에서 증류),
        회색 점선은 논문·저장소가 밝힌 공개 모델의 NSMC 정확도(테스트 5만 개 전체 기준이라 이 그림의 점과 조금 다른 잣대)입니다.
        <ul className="reference-list">
          {published.map((r) => (
            <li key={r.name}>
              {r.source ? <a href={r.source.split(" ")[0]}>{shortName(r.name)}</a> : shortName(r.name)} {pct(r.accuracy)}:
              파라미터 {KOREAN[shortName(r.name)]?.params ?? r.params}, 사전 학습 말뭉치{" "}
              {KOREAN[shortName(r.name)]?.corpus ?? r.corpus}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
