"use client";
// /explorer: type a sentence (and optionally a second one to compare), pick a classifier, and see its prediction,
// every attention map and five explanations of the prediction. The state lives in the query string (url.ts), so a
// link reopens the same picture. The engine (tfjs, the weights, explain()) runs in a Web Worker that starts only
// when the reader first asks for an explanation or picks a model (client.ts): the page itself loads no tfjs.
import { useEffect, useRef, useState } from "react";
import { AttentionPanel, type PanelView } from "@/components/attention";
import { cutNotice, type Explanation } from "@/lib/explain/view";
import { koreanBackendChoice, koreanMessage } from "@/lib/cells/korean";
import type { Stage } from "./engine";
import { loadShipped, loadText, type EngineState } from "./load";
import { myCheckpoint, MY_CHECKPOINT } from "./checkpoint";
import { EngineClient, EngineError } from "./client";
import { Compare } from "./Compare";
import { ModelPicker, type ModelStatus } from "./ModelPicker";
import type { ModelInfo } from "./protocol";
import { clampView, DEFAULT_VIEW, formatUrlState, parseUrlState, type ModelId } from "./url";
import "./explorer.css";

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export const EXAMPLES: { label: string; text: string; second?: string }[] = [
  { label: "긍정 예시", text: "정말 최고의 영화! 배우들 연기도 훌륭하고 감동적이에요" },
  { label: "부정 예시", text: "최악이다 돈 아깝고 시간 아깝다 지루해" },
  { label: "비교: 재밌다 / 재미없다", text: "이 영화 정말 재밌다", second: "이 영화 정말 재미없다" },
  {
    label: "긴 리뷰",
    text:
      "처음 삼십 분은 솔직히 좀 지루했다. 인물 소개가 길고 대사도 많아서 언제 이야기가 시작되나 싶었는데, " +
      "중반부터 주인공이 가족의 비밀을 알게 되면서 분위기가 확 바뀐다. 특히 비 오는 날 기차역 장면은 음악과 화면이 " +
      "잘 어울려서 아직도 기억에 남는다. 다만 악역의 동기가 충분히 설명되지 않고, 마지막 반전은 너무 급하게 처리된 " +
      "느낌이라 아쉬웠다. 그래도 배우들의 연기는 전부 좋았고, 특히 할머니 역을 맡은 배우는 눈빛 하나로 많은 것을 " +
      "전달했다. 극장에서 한 번 더 보고 싶을 만큼은 아니지만 주말에 집에서 보기에는 충분히 괜찮은 영화라고 생각한다. " +
      "원작 소설을 읽은 사람이라면 달라진 결말에 대해 할 말이 많을 것 같고, 감독의 다음 작품도 기대된다.",
  },
];

interface Progress { sentence: number; of: number; stage: Stage; done: number; total: number }

const STAGES: Record<Stage, string> = { forward: "순전파", gxi: "기울기 × 입력", ig: "통합 기울기", occlusion: "지워 보기" };

function progressText(p: Progress): string {
  const which = p.of > 1 ? ` (문장 ${p.sentence}/${p.of})` : "";
  return `설명 계산 중${which} · ${STAGES[p.stage]} ${p.done}/${p.total} (${Math.round((100 * p.done) / Math.max(1, p.total))}%)`;
}

const message = koreanMessage;   // engine errors are English with a code; the reader reads Korean
const SHIPPED_TEXT = "함께 배포한 분류기 (/models/classifier/)";
const IDLE_TEXT = `${SHIPPED_TEXT} · 처음 분석할 때 불러옵니다`;
const NONE = { sentence: "", second: "" };
type Sentences = typeof NONE;

export function Explorer() {
  const [engine, setEngine] = useState<EngineState>({ state: "idle" });
  const [model, setModelState] = useState<ModelStatus>({ id: "shipped", state: "idle", text: IDLE_TEXT });
  const [mine, setMine] = useState<{ step?: number } | null | undefined>(undefined);
  const [text, setText] = useState("");
  const [text2, setText2] = useState("");
  const [view, setView] = useState<PanelView>(DEFAULT_VIEW);
  // What the URL describes: the sentences last analysed (or about to be, when opened from a link).
  const [shown, setShown] = useState<Sentences>(NONE);
  // The sentences of the last request (analysed or not): when they are not the shown ones, the picture is stale.
  const [asked, setAsked] = useState<Sentences>(NONE);
  const [result, setResult] = useState<{ a: Explanation; b: Explanation | null } | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [hydrated, setHydrated] = useState(false);
  // Bumped with every model change: the panel is keyed by it, so its own state (layer, head toggles) starts again
  // from the clamped view even when the new model's first result arrives in the same render as the old one's end.
  const [generation, setGeneration] = useState(0);
  const busy = progress !== null || engine.state === "loading";
  const client = useRef<EngineClient | null>(null);
  const loaded = useRef<Promise<ModelInfo> | null>(null);   // the worker's first load (backend + shipped model)
  const modelRef = useRef(model);                            // the model as the async steps below must see it
  const running = useRef<number | null>(null);               // the explain request Stop cancels
  const started = useRef(false);
  const alive = useRef(false);

  const setModel = (m: ModelStatus) => {
    modelRef.current = m;
    setModelState(m);
  };

  // The worker and the shipped classifier, once; a failed load can be retried by asking again.
  const ensureEngine = (): Promise<ModelInfo> => {
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

  // A classifier is in use in the worker: keep the view inside its layers and heads, and redo the picture with it.
  const adopt = (info: ModelInfo, status: ModelStatus, again: Sentences) => {
    setModel(status);
    setView((v) => clampView(v, info.layers, info.heads));
    setGeneration((g) => g + 1);
    setResult(null);
    if (again.sentence) void run(again.sentence, again.second);
  };

  const backToShipped = async (warning: string, again: Sentences) => {
    const { info } = await client.current!.request({ type: "shipped" }).done;
    adopt(info, { id: "shipped", state: "ready", text: SHIPPED_TEXT, warning }, again);
  };

  const select = async (id: ModelId, again: Sentences, fromUrl = false) => {
    if (id === "folder") {
      setModel({
        id, state: "waiting",
        warning: fromUrl ? "고른 폴더는 주소에 담을 수 없습니다. 같은 폴더를 다시 고르면 주소의 문장과 보기로 이어집니다." : undefined,
      });
      return;
    }
    setModel({ id, state: "loading" });
    try {
      await ensureEngine();
      const c = client.current!;
      if (id === "shipped") {
        const { info } = await c.request({ type: "shipped" }).done;
        return adopt(info, { id, state: "ready", text: SHIPPED_TEXT }, again);
      }
      if (!(await myCheckpoint())) {
        return await backToShipped(`이 브라우저에는 6장의 체크포인트('${MY_CHECKPOINT}')가 없어서 함께 배포한 분류기를 씁니다. 6장에서 미세 조정하면 여기서 고를 수 있습니다.`, again);
      }
      try {
        const r = await c.request({ type: "mine" }).done;
        adopt(r.info, { id, state: "ready", text: `6장에서 미세 조정한 내 모델 (IndexedDB '${MY_CHECKPOINT}', ${r.step} 스텝)` }, again);
      } catch (e) {
        await backToShipped(`내 모델을 불러오지 못해 함께 배포한 분류기를 씁니다: ${message(e)}`, again);
      }
    } catch {
      setModel({ id, state: "error", text: "모델을 쓸 수 없습니다." });   // the reason is in the status line
    }
  };

  const pickFolder = async (files: File[], again: Sentences) => {
    if (files.length === 0) {
      setModel({ id: "folder", state: "error", text: "파일이 없습니다. config.json, vocab.txt, model.safetensors가 든 폴더를 고르세요." });
      return;
    }
    setModel({ id: "folder", state: "loading" });
    try {
      await ensureEngine();
      // A File's webkitRelativePath does not survive postMessage: the path travels beside it.
      const r = await client.current!.request({ type: "folder", files: files.map((file) => ({ path: file.webkitRelativePath || file.name, file })) }).done;
      const warning = r.untrained
        ? "이 폴더에는 분류 헤드가 없어 새로 초기화했습니다(시드 42). 예측과 설명에 의미가 없으니, 미세 조정한 분류기 폴더를 고르세요."
        : undefined;
      adopt(r.info, { id: "folder", state: "ready", text: `폴더 “${r.name}” (${r.info.layers}층 × 헤드 ${r.info.heads}개, 레이블 ${r.info.labels.join(", ")})`, warning }, again);
    } catch (e) {
      setModel({ id: "folder", state: "error", text: `폴더를 불러오지 못했습니다: ${message(e)}` });
    }
  };

  const explainIn = (text: string, stage: (s: Stage, done: number, total: number) => void, target?: number) => {
    const req = client.current!.request({ type: "explain", text, target }, (p) => {
      if (p.type === "stage") stage(p.stage, p.done, p.total);
    });
    running.current = req.id;
    return req.done.then((a) => a.explanation);
  };

  async function run(first: string, second: string) {
    const a = first.trim(), b = second.trim();
    setAsked({ sentence: a, second: b });
    if (!a) {
      setInputError("문장을 입력하세요. 아래 예시를 눌러도 됩니다.");
      return;
    }
    // The first request loads the engine (and the model chosen while nothing was loaded).
    // After a failed load, asking again retries it.
    const m = modelRef.current;
    if (m.state === "idle" || (m.state === "error" && !loaded.current && m.id !== "folder")) await select(m.id, NONE);
    if (modelRef.current.state !== "ready" || !client.current) {
      setInputError("모델이 아직 준비되지 않았습니다. 모델을 불러온 뒤 다시 눌러 주세요.");
      return;
    }
    setInputError(null);
    const of = b ? 2 : 1;
    setProgress({ sentence: 1, of, stage: "forward", done: 0, total: 1 });
    const on = (sentence: number) => (stage: Stage, done: number, total: number) => setProgress({ sentence, of, stage, done, total });
    let stopped = false;
    try {
      const ea = await explainIn(a, on(1));
      // B explains A's class, so that the two IG columns measure the same logit and can be subtracted.
      const eb = b ? await explainIn(b, on(2), ea.target) : null;
      setResult({ a: ea, b: eb });
      setShown({ sentence: a, second: b });
    } catch (e) {
      stopped = e instanceof EngineError && e.aborted;
      setInputError(stopped ? "계산을 멈췄습니다. 다시 하려면 분석을 누르세요." : `분석하지 못했습니다: ${message(e)}`);
    } finally {
      running.current = null;
      setProgress(null);
    }
  }

  // Once: read the link; a link with a sentence is a request, so it loads the engine and analyses it.
  useEffect(() => {
    alive.current = true;
    // Leaving the page ends the worker (and its GPU memory); React's development double mount must not, hence the
    // check a moment later.
    const leave = () => {
      alive.current = false;
      setTimeout(() => { if (!alive.current) client.current?.dispose(); }, 0);
    };
    if (started.current) return leave;
    started.current = true;
    const url = parseUrlState(window.location.search);
    setText(url.sentence);
    setText2(url.second);
    setView(url.view);
    setShown({ sentence: url.sentence, second: url.second });
    setAsked({ sentence: url.sentence, second: url.second });
    setHydrated(true);
    void myCheckpoint().then(setMine);
    if (url.sentence || url.model === "folder") void select(url.model, { sentence: url.sentence, second: url.second }, true);
    else setModel({ id: url.model, state: "idle", text: url.model === "shipped" ? IDLE_TEXT : "처음 분석할 때 불러옵니다" });
    return leave;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount; the functions read state through refs
  }, []);

  // Keep the link in step with what is on screen (replaceState: no history entry per click).
  useEffect(() => {
    if (!hydrated) return;
    const qs = formatUrlState({ ...shown, model: model.id, view });
    if (window.location.search !== qs) window.history.replaceState(null, "", window.location.pathname + qs);
  }, [hydrated, shown, model.id, view]);

  const usable = !busy && model.state !== "loading" && model.state !== "waiting";
  const e = result?.a;
  const stale = result !== null && (asked.sentence !== shown.sentence || asked.second !== shown.second);
  const submit = () => void run(text, text2);
  const onKey = (ev: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.nativeEvent.isComposing) {
      ev.preventDefault();
      submit();
    }
  };

  return (
    <div className="explorer">
      <h1>어텐션 탐색기</h1>
      <p className="lead">
        영화 리뷰 한 문장을 쓰면, 고른 한국어 BERT 분류기(기본: NSMC로 미세 조정한 작은 모델)가 감성을 판단하고 그때의
        어텐션과, 예측을 설명하는 다섯 가지 방법의 점수를 모두 보여 줍니다. 문장을 하나 더 쓰면 두 문장을 단어별로 비교합니다.
        계산은 전부 이 브라우저 안에서 하고, 주소를 복사하면 같은 그림을 다시 열 수 있습니다.
      </p>

      <div className="explorer-status" data-testid="explorer-status" data-state={engine.state} role="status">
        {engine.state === "idle" ? (
          <>
            모델은 처음 분석할 때 불러옵니다 (계산 엔진과 가중치는 그때 받습니다).{" "}
            <button type="button" className="explorer-chip" data-testid="explorer-load" onClick={() => void select(model.id, NONE)}>
              지금 불러오기
            </button>
          </>
        ) : null}
        {engine.state === "loading" ? <span className="explorer-spinner" aria-hidden /> : null}
        {engine.state === "loading" ? loadText(engine.progress) : null}
        {engine.state === "ready" ? "모델 준비됨" : null}
        {engine.state === "error" ? <strong>모델을 불러오지 못했습니다: {engine.message}</strong> : null}
        {engine.state !== "idle" && engine.backend ? (
          <span className="explorer-backend" data-testid="explorer-backend" title={koreanBackendChoice(engine.backend)}>
            {" "}· 백엔드 <code>{engine.backend.backend}</code>
          </span>
        ) : null}
      </div>

      <ModelPicker
        status={model}
        mine={mine}
        disabled={busy || model.state === "loading"}
        onSelect={(id) => void select(id, shown)}
        onFolder={(files) => void pickFolder(files, shown)}
      />

      <form className="explorer-form" onSubmit={(ev) => { ev.preventDefault(); submit(); }}>
        <SentenceBox testId="explorer-input" rows={3} value={text} onChange={setText} onKeyDown={onKey}
          label="분석할 문장" placeholder="예: 배우들 연기가 정말 좋았어요. 또 보고 싶네요" />
        <label className="explorer-second">
          <span>비교할 문장 <span className="explorer-muted">(선택)</span></span>
          <SentenceBox testId="explorer-input2" rows={1} value={text2} onChange={setText2} onKeyDown={onKey}
            label="비교할 문장" placeholder="예: 이 영화 정말 재미없다" />
        </label>
        <div className="explorer-actions">
          <button type="submit" className="explorer-go" data-testid="explorer-run" disabled={!usable}>
            {busy ? "분석 중…" : "분석"}
          </button>
          <span className="explorer-examples">
            {EXAMPLES.map((ex) => (
              <button
                key={ex.label}
                type="button"
                className="explorer-chip"
                data-testid="explorer-example"
                disabled={!usable}
                onClick={() => {
                  setText(ex.text);
                  setText2(ex.second ?? "");
                  void run(ex.text, ex.second ?? "");
                }}
              >
                {ex.label}
              </button>
            ))}
          </span>
          <span className="explorer-hint">Enter로 분석, Shift+Enter로 줄바꿈</span>
        </div>
        {progress ? (
          <div className="explorer-progress" data-testid="explorer-progress" data-stage={progress.stage} role="status">
            <span className="explorer-spinner" aria-hidden />
            {progressText(progress)}{" "}
            <button type="button" className="explorer-chip" data-testid="explorer-stop" onClick={() => { if (running.current !== null) client.current?.cancel(running.current); }}>
              멈추기
            </button>
          </div>
        ) : null}
        {inputError ? <div className="explorer-input-error" role="alert">{inputError}</div> : null}
      </form>

      <div className="explorer-result" data-testid="explorer-result" data-state={busy ? "busy" : result ? "done" : "empty"}
        data-stale={stale ? "true" : undefined}>
        {e ? (
          <>
            {stale ? <p className="explorer-stale-note" data-testid="explorer-stale">이전 결과입니다 — 입력이 바뀌었습니다</p> : null}
            {result.b ? <Compare a={e} b={result.b} /> : null}
            <AttentionPanel
              key={generation}
              data={{ tokens: e.tokens, layers: e.layers, heads: e.heads, values: e.attention }}
              prediction={{ labels: e.labels, probs: e.probs }}
              explanation={e}
              title={`“${e.text.length > 60 ? e.text.slice(0, 60) + "…" : e.text}” · 토큰 ${e.tokens.length}개`}
              notice={cutNotice(e) ?? undefined}
              view={view}
              onViewChange={setView}
              wide
            />
          </>
        ) : usable ? (
          <p className="explorer-empty">문장을 쓰고 <strong>분석</strong>을 누르거나 예시를 고르세요.</p>
        ) : null}
      </div>

      <p className="explorer-foot">
        어텐션은 모델이 어디를 “봤는지”를 보여 줄 뿐, 왜 그렇게 판단했는지에 대한 설명은 아닙니다. 기울기 × 입력, 통합 기울기,
        지워 보기는 예측(로짓)에 직접 묶인 설명이고, 어텐션과 얼마나 어긋나는지는 7장{" "}
        <a href={`${basePath}/learn/attention`}>내 문장의 어텐션 지도</a>에서 직접 실험해 볼 수 있습니다.
      </p>
    </div>
  );
}

/** One sentence field: Enter analyses (onKeyDown), Shift+Enter breaks the line. */
function SentenceBox(p: { testId: string; rows: number; value: string; label: string; placeholder: string; onChange(v: string): void; onKeyDown(ev: React.KeyboardEvent<HTMLTextAreaElement>): void }) {
  return (
    <textarea data-testid={p.testId} value={p.value} rows={p.rows} placeholder={p.placeholder} aria-label={p.label}
      onChange={(ev) => p.onChange(ev.target.value)} onKeyDown={p.onKeyDown} />
  );
}
