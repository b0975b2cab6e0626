"use client";
// Five answers to "which words mattered?" side by side: raw [CLS] attention, rollout, gradient × input,
// Integrated Gradients and occlusion (lib/explain), then how much they agree (Spearman ρ on |score|) and
// IG's completeness check. The first two are read off the attention; the last three are tied to the output.
import { useMemo, useRef } from "react";
import { correlations, METHODS, type Explanation } from "@/lib/explain/view";
import { SaveButtons } from "./SaveButtons";
import { TokenBars } from "./TokenBars";

const rhoColor = (r: number) => (Number.isNaN(r) ? "#f3f4f6" : r >= 0 ? `rgba(59,111,216,${0.15 + 0.6 * r})` : `rgba(217,72,15,${0.15 + 0.6 * -r})`);

export function ExplanationView({ e, unit }: { e: Explanation; unit: "words" | "pieces" }) {
  const barsRef = useRef<HTMLDivElement>(null);
  const corr = useMemo(() => correlations(e, unit), [e, unit]);
  if (!e.methods) return null;
  const labels = unit === "words" ? e.words.map((w) => w.text) : e.tokens;
  const series = e.methods.map((m) => {
    const meta = METHODS.find((x) => x.id === m.id)!;
    return { name: meta.name, values: m[unit], signed: meta.signed };
  });
  const name = (id: string) => METHODS.find((m) => m.id === id)!.name;
  const ig = e.ig!;
  const gap = ig.fx - ig.fBaseline;
  const target = e.labels[e.target] ?? String(e.target);
  return (
    <div className="att-section" data-testid="att-explain" data-unit={unit}>
      <div className="att-section-title">
        어텐션과 설명, 나란히 <span className="att-muted">— ‘{target}’ 로짓을 설명합니다. 파랑은 ‘{target}’ 쪽으로 민 단어, 빨강은 반대로 민 단어. 막대는 열마다 그 열의 가장 큰 |값|에 맞춰 그립니다</span>{" "}
        <SaveButtons target={barsRef} name={`explanations-${unit}`} />
      </div>
      <ul className="att-method-list">
        {METHODS.map((m) => <li key={m.id}><strong>{m.name}</strong>: {m.about}</li>)}
      </ul>
      <div className="att-scroll att-scroll-vertical" ref={barsRef}>
        <TokenBars labels={labels} series={series} testId="att-explain-bars" />
      </div>
      <div className="att-ig-check" data-testid="att-ig-check" data-error={ig.error} data-gap={gap}>
        IG 완전성 검사 ({ig.steps}단계): 속성 합 {ig.sum.toFixed(4)} · f(입력) − f(기준선) = {ig.fx.toFixed(4)} − ({ig.fBaseline.toFixed(4)}) = {gap.toFixed(4)} ·
        차이 {ig.error.toExponential(1)} ({(Math.abs(ig.error / (gap || 1)) * 100).toFixed(2)}%){Math.abs(ig.error) <= 0.01 * Math.abs(gap) ? " ✓ 1% 이내" : " — 1%를 넘습니다: 단계를 늘리세요"}
      </div>
      <div className="att-subtitle">순위 상관 (스피어만 ρ, {unit === "words" ? "단어" : "토큰"} {corr.n}개, [CLS]/[SEP] 제외, |값|의 순위)</div>
      {corr.n < 3 ? <div className="att-notice">{unit === "words" ? "단어" : "토큰"}가 {corr.n}개뿐이라 순위 상관은 뜻이 없습니다. 더 긴 문장으로 해 보세요.</div> : null}
      <table className="att-rho" data-testid="att-rho">
        <thead><tr><th />{corr.methods.map((m) => <th key={m} scope="col">{name(m)}</th>)}</tr></thead>
        <tbody>
          {corr.methods.map((a, i) => (
            <tr key={a}>
              <th scope="row">{name(a)}</th>
              {corr.rho[i].map((r, j) => (
                <td key={j} style={{ background: rhoColor(r) }} data-a={a} data-b={corr.methods[j]} data-rho={Number.isNaN(r) ? "" : r.toFixed(3)}>
                  {Number.isNaN(r) ? "—" : r.toFixed(2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
