"use client";
// "BERT 해부도": the reader's sentence through the whole shipped classifier, block by block — the tokenizer, the
// embeddings, each layer's attention and feed-forward block, the [CLS] vector, the pooler, the classifier and the
// softmax. Every block opens to show its tensor (shape, a heat map of its first dimensions, a few numbers) and links
// to the chapter that explains it. The numbers are the engine's own (lib/explain/trace.ts, in the explorer's engine
// worker, on the automatic backend).
//
// Until the reader types, a precomputed example (example.json, computed in Node by `npm run anatomy-example`)
// fills the same picture, so the page shows a whole model with real values before any script runs. The engine and
// the model load when the reader first focuses the input, never on page load.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { IntentLink } from "@/components/IntentLink";
import { textWidth } from "@/components/text-width";
import { EngineClient } from "@/components/explorer/client";
import { loadShipped, loadText, type EngineState } from "@/components/explorer/load";
import { koreanBackendChoice, koreanMessage } from "@/lib/cells/korean";
import type { Trace, TraceBlock } from "@/lib/explain/trace-view";
import { blockText } from "./blocks";
import { Heat, headMean } from "./Heat";
import "./anatomy.css";

/** Tokens drawn in an opened block (a long sentence is cut here; the note says so). */
const DETAIL_ROWS = 32;
const VALUE_DIMS = 4;

const fmt = (x: number) => (x >= 0 ? "\u2007" : "") + x.toFixed(4);
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** A block's small picture on the diagram: its first dimensions (or its attention) as a heat map. */
function Thumb({ block }: { block: TraceBlock }) {
  if (block.kind === "attention" && block.heads) {
    const m = headMean(block.heads);
    return <Heat rows={m} scale="prob" cell={Math.max(3, Math.min(8, 48 / m.length))} className="anat-thumb" title={`헤드 평균 어텐션 ${m.length}×${m.length}`} />;
  }
  if (block.kind === "classifier" || block.kind === "softmax" || block.kind === "tokens") return null;
  const rows = block.rows.slice(0, 24);
  return <Heat rows={rows} scale="signed" cell={Math.max(2, Math.min(5, 48 / Math.max(rows.length, 4)))} className="anat-thumb" />;
}

function BlockButton({ block, trace, open, onOpen, index }: { block: TraceBlock; trace: Trace; open: boolean; onOpen(id: string): void; index: number }) {
  const t = blockText(block.kind, trace, block.layer);
  const short = block.kind === "attention" ? "어텐션" : block.kind === "ffn" ? "피드포워드" : t.name;
  return (
    <button
      type="button"
      className={`anat-block anat-${block.kind}${open ? " is-open" : ""}`}
      data-block={block.id}
      aria-expanded={open}
      aria-controls="anat-detail"
      style={{ ["--i" as string]: index }}
      onClick={() => onOpen(block.id)}
    >
      <span className="anat-block-name">{short}</span>
      <span className="anat-shape">[{block.shape.join(", ")}]</span>
      <Thumb block={block} />
      {block.kind === "classifier" || block.kind === "softmax" ? (
        <span className="anat-nums">{block.rows[0].map((v, i) => `${trace.labels[i]} ${block.kind === "softmax" ? pct(v) : v.toFixed(2)}`).join(" · ")}</span>
      ) : null}
    </button>
  );
}

function Detail({ block, trace, head, setHead }: { block: TraceBlock; trace: Trace; head: number; setHead(h: number): void }) {
  const t = blockText(block.kind, trace, block.layer);
  const T = trace.tokens.length;
  const shown = Math.min(T, DETAIL_ROWS);
  const tokenLabels = trace.tokens.slice(0, shown).map((s) => (s.length > 7 ? s.slice(0, 6) + "…" : s));
  const isVector = block.kind === "cls" || block.kind === "pooler";
  const isOut = block.kind === "classifier" || block.kind === "softmax";
  const labelWidth = 8 + Math.max(36, ...tokenLabels.map((s) => textWidth(s)));
  return (
    <div className="anat-detail-body" data-detail={block.id}>
      <h3 className="anat-detail-title">
        {t.name} <span className="anat-shape">모양 [{block.shape.join(", ")}]</span>
      </h3>
      <p>{t.what}</p>
      {block.kind === "tokens" ? (
        <ol className="anat-token-list" data-testid="anatomy-values">
          {trace.tokens.map((s, i) => (
            <li key={i}>
              <span className="anat-token">{s}</span>
              <span className="anat-id">{trace.ids[i]}</span>
            </li>
          ))}
        </ol>
      ) : null}
      {block.kind === "attention" && block.heads ? (
        <>
          <div className="anat-heads" role="group" aria-label="헤드 고르기">
            {block.heads.map((_, a) => (
              <button key={a} type="button" aria-pressed={head === a} onClick={() => setHead(a)}>
                헤드 {a + 1}
              </button>
            ))}
            <button type="button" aria-pressed={head < 0} onClick={() => setHead(-1)}>
              평균
            </button>
          </div>
          <div className="anat-heat-wrap">
            <Heat
              rows={(head < 0 ? headMean(block.heads) : block.heads[head]).slice(0, shown).map((r) => r.slice(0, shown))}
              scale="prob"
              cell={20}
              rowLabels={tokenLabels}
              colLabels={tokenLabels.map((_, i) => String(i))}
              labelWidth={labelWidth}
              title={`${block.layer}층 ${head < 0 ? "헤드 평균" : `헤드 ${head + 1}`}의 어텐션: 행은 쿼리 토큰, 열은 키 토큰(번호)`}
              className="anat-heat"
            />
          </div>
          <p className="anat-note">
            행은 쿼리 토큰, 열은 키 토큰(0 = [CLS])입니다. 진할수록 그 키를 많이 봅니다. 헤드별 그림은 7장에서 더 자세히 봅니다.
          </p>
        </>
      ) : null}
      {!isOut && block.kind !== "tokens" ? (
        <>
          <div className="anat-heat-wrap">
            <Heat
              rows={block.rows.slice(0, shown)}
              scale="signed"
              cell={isVector ? 18 : 14}
              rowLabels={isVector ? ["[CLS]"] : tokenLabels}
              colLabels={block.rows[0].map((_, j) => (j % 4 === 0 ? String(j) : ""))}
              labelWidth={isVector ? 52 : labelWidth}
              title={`${t.name} 출력의 처음 ${block.rows[0].length}차원: 파랑은 음수, 빨강은 양수`}
              className="anat-heat"
            />
          </div>
          <p className="anat-note">
            처음 {block.rows[0].length}차원만 그렸습니다 (전체 {block.shape[block.shape.length - 1]}차원). 파랑은 음수, 빨강은 양수입니다.
            {T > shown ? ` 토큰은 처음 ${shown}개만 그렸습니다 (전체 ${T}개).` : ""}
          </p>
          <div className="anat-values-wrap">
            <table className="anat-values" data-testid="anatomy-values">
              <caption>몇 개의 값 (소수 넷째 자리까지)</caption>
              <thead>
                <tr>
                  <th scope="col">{isVector ? "" : "토큰"}</th>
                  {Array.from({ length: isVector ? 8 : VALUE_DIMS }, (_, j) => <th key={j} scope="col">{j}차원</th>)}
                </tr>
              </thead>
              <tbody>
                {block.rows.slice(0, isVector ? 1 : shown).map((r, i) => (
                  <tr key={i} data-row={i}>
                    <th scope="row">{isVector ? t.name : trace.tokens[i]}</th>
                    {r.slice(0, isVector ? 8 : VALUE_DIMS).map((v, j) => <td key={j}>{fmt(v)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {isOut ? (
        <table className="anat-values" data-testid="anatomy-values">
          <caption>{block.kind === "softmax" ? "확률" : "로짓"}</caption>
          <tbody>
            {block.rows[0].map((v, i) => (
              <tr key={i} data-row={i}>
                <th scope="row">{trace.labels[i]}</th>
                <td>{block.kind === "softmax" ? `${fmt(v)} (${pct(v)})` : fmt(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="anat-link">
        자세히: <IntentLink href={t.link.href}>{t.link.label}</IntentLink>
      </p>
    </div>
  );
}

export function Anatomy({ example, modelBytes }: { example: Trace; modelBytes: number }) {
  const modelMB = `약 ${Math.round(modelBytes / 1e6)} MB`;
  const [trace, setTrace] = useState<Trace>(example);
  const [text, setText] = useState(example.text);
  const [engine, setEngine] = useState<EngineState>({ state: "idle" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [head, setHead] = useState(0);
  const [flow, setFlow] = useState(0);
  const client = useRef<EngineClient | null>(null);
  const loaded = useRef<Promise<unknown> | null>(null);

  useEffect(() => () => client.current?.dispose(), []);

  // The worker and the shipped classifier, once; a failed load can be retried by asking again.
  const ensureEngine = (): Promise<unknown> => {
    if (loaded.current) return loaded.current;
    const c = (client.current ??= new EngineClient());
    loaded.current = loadShipped(c, setEngine).catch((e: unknown) => {
      loaded.current = null;
      c.dispose();
      client.current = null;
      throw e;
    });
    return loaded.current;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const s = text.trim();
    if (!s) {
      setError("문장을 입력하세요. 예: 이 영화 정말 재밌다");
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await ensureEngine();
      const got = await client.current!.request({ type: "trace", text: s }).done;
      setTrace(got.trace);
      setFlow((f) => f + 1);
    } catch (e) {
      setError(koreanMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const live = trace !== example;   // the example until the reader's first sentence
  const blocks = new Map(trace.blocks.map((b) => [b.id, b]));
  const b = (id: string) => blocks.get(id)!;
  const openBlock = open ? blocks.get(open) : undefined;
  const toggle = (id: string) => setOpen((o) => (o === id ? null : id));
  let i = 0;   // the order blocks light up in, when a new sentence flows through
  const button = (id: string) => <BlockButton key={id} block={b(id)} trace={trace} open={open === id} onOpen={toggle} index={i++} />;
  const best = trace.prediction;

  return (
    <section className="anatomy" data-testid="anatomy" data-source={live ? "live" : "example"} aria-label="BERT 해부도: 문장 하나가 모델을 지나가는 길">
      <form className="anat-form" onSubmit={submit}>
        <label htmlFor="anat-input">문장</label>
        <input
          id="anat-input"
          data-testid="anatomy-input"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          onFocus={() => void ensureEngine().catch(() => {})}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" disabled={busy} data-testid="anatomy-run">
          {busy ? "계산 중…" : "해부하기"}
        </button>
      </form>
      <p className="anat-status" role="status" data-testid="anatomy-status" data-state={engine.state}>
        {engine.state === "idle" ? (
          <>
            지금 그림은 미리 계산한 예시입니다 ({example.made?.backend ?? "cpu"} · {example.made?.date ?? ""}). 입력란을 누르면 계산
            엔진과 모델({modelMB})을 받기 시작하고, 문장을 바꿔 <b>해부하기</b>를 누르면 이 브라우저에서 다시 계산합니다.
          </>
        ) : null}
        {engine.state === "loading" ? loadText(engine.progress) : null}
        {engine.state === "ready" ? (
          <span title={koreanBackendChoice(engine.backend)}>
            모델 준비됨 · 백엔드 <code>{engine.backend.backend}</code>
            {live ? ` · “${trace.text}”을(를) 계산했습니다` : ""}
          </span>
        ) : null}
        {engine.state === "error" ? <strong>모델을 불러오지 못했습니다: {engine.message}</strong> : null}
      </p>
      {error ? (
        <p className="anat-error" role="alert">
          {error}
        </p>
      ) : null}

      <div className={`anat-flow${flow ? " is-flowing" : ""}`} key={flow}>
        <div className="anat-stage">
          <span className="anat-stage-label">문장 → 토큰 {trace.tokens.length}개</span>
          <button
            type="button"
            className={`anat-block anat-tokens${open === "tokens" ? " is-open" : ""}`}
            data-block="tokens"
            aria-expanded={open === "tokens"}
            aria-controls="anat-detail"
            style={{ ["--i" as string]: i++ }}
            onClick={() => toggle("tokens")}
          >
            <span className="anat-block-name">토크나이저</span>
            <span className="anat-chips">
              {trace.tokens.slice(0, 24).map((s, k) => (
                <span key={k} className={`anat-chip${s.startsWith("[") ? " is-special" : ""}`}>
                  {s}
                </span>
              ))}
              {trace.tokens.length > 24 ? <span className="anat-chip">… {trace.tokens.length - 24}개 더</span> : null}
            </span>
          </button>
        </div>
        <div className="anat-arrow" aria-hidden>↓</div>
        <div className="anat-stage">{button("embeddings")}</div>
        <div className="anat-arrow" aria-hidden>↓</div>
        <ol className="anat-layers" aria-label={`인코더 층 ${trace.layers}개`}>
          {Array.from({ length: trace.layers }, (_, l) => (
            <li key={l} className="anat-layer">
              <span className="anat-stage-label">{l + 1}층</span>
              {button(`layer${l + 1}.attention`)}
              {button(`layer${l + 1}.ffn`)}
            </li>
          ))}
        </ol>
        <div className="anat-arrow" aria-hidden>↓</div>
        <div className="anat-head-row">
          {button("cls")}
          <span className="anat-arrow" aria-hidden>→</span>
          {button("pooler")}
          <span className="anat-arrow" aria-hidden>→</span>
          {button("classifier")}
          <span className="anat-arrow" aria-hidden>→</span>
          {button("softmax")}
        </div>
        <div className="anat-prediction" data-testid="anatomy-prediction" data-label={trace.labels[best]} data-prob={trace.probs[best]} style={{ ["--i" as string]: i++ }}>
          예측: <strong>{trace.labels[best]}</strong> ({pct(trace.probs[best])})
          <span className="anat-bar" aria-hidden>
            <span style={{ width: pct(trace.probs[best]) }} />
          </span>
        </div>
      </div>

      <div id="anat-detail" className="anat-detail" aria-live="polite" data-testid="anatomy-detail">
        {openBlock ? (
          <Detail block={openBlock} trace={trace} head={head} setHead={setHead} />
        ) : (
          <p className="anat-note">블록을 누르면 그 블록이 내놓은 텐서(모양, 히트맵, 값 몇 개)와 그것을 설명하는 장으로 가는 링크가 여기에 나옵니다.</p>
        )}
      </div>
    </section>
  );
}
