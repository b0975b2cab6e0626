"use client";
// The compact comparison of two explained sentences: each prediction, then the words of both aligned (compare.ts)
// with their Integrated Gradients attribution and the difference where a word is in both.
import type { Explanation } from "@/lib/explain/view";
import { alignWords, contentWords } from "./compare";

const signed = (v: number | null) => (v === null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`);
const tone = (v: number | null) => (v === null || v === 0 ? "" : v > 0 ? "is-pos" : "is-neg");

function predicted(e: Explanation): { label: string; prob: number } {
  const k = e.probs.indexOf(Math.max(...e.probs));
  return { label: e.labels[k] ?? String(k), prob: e.probs[k] };
}

const short = (t: string) => (t.length > 40 ? t.slice(0, 40) + "…" : t);

export function Compare({ a, b }: { a: Explanation; b: Explanation }) {
  const rows = alignWords(contentWords(a), contentWords(b));
  const target = a.labels[a.target] ?? String(a.target);
  return (
    <section className="explorer-compare" data-testid="explorer-compare" aria-label="두 문장 비교">
      <h2>두 문장 비교</h2>
      <ul className="explorer-compare-preds">
        {[a, b].map((e, k) => {
          const p = predicted(e);
          return (
            <li key={k} data-testid="explorer-compare-pred" data-label={p.label}>
              <strong>{k === 0 ? "A" : "B"}</strong> “{short(e.text)}” → 예측 <strong>{p.label}</strong>{" "}
              <span className="explorer-muted">({(p.prob * 100).toFixed(1)}%)</span>
            </li>
          );
        })}
      </ul>
      <p className="explorer-muted">
        값은 두 문장 모두 A의 예측인 <strong>{target}</strong>의 로짓에 대한 통합 기울기(IG)입니다. 같은 클래스를 설명해야
        두 값을 빼서 비교할 수 있습니다. 양수는 {target} 쪽으로, 음수는 반대쪽으로 민 단어입니다. 한쪽에만 있는 단어는 다른 쪽에 “—”.
      </p>
      <table className="explorer-compare-table">
        <thead>
          <tr>
            <th scope="col">A의 단어</th>
            <th scope="col">IG (A)</th>
            <th scope="col">B의 단어</th>
            <th scope="col">IG (B)</th>
            <th scope="col">차이 (B − A)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, k) => {
            const diff = r.igA !== null && r.igB !== null ? r.igB - r.igA : null;
            return (
              <tr key={k} data-testid="explorer-compare-row" data-a={r.a ?? ""} data-b={r.b ?? ""} className={r.a === null || r.b === null ? "is-unmatched" : ""}>
                <td>{r.a ?? "—"}</td>
                <td className={`num ${tone(r.igA)}`}>{signed(r.igA)}</td>
                <td>{r.b ?? "—"}</td>
                <td className={`num ${tone(r.igB)}`}>{signed(r.igB)}</td>
                <td className={`num ${tone(diff)}`}>{signed(diff)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
