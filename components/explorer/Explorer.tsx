"use client";
// /explorer: type a sentence, see what the shipped sentiment classifier says and where its attention goes.
// The engine runs on this page's main thread (engine.ts, imported lazily so the page paints first).
import { useCallback, useEffect, useRef, useState } from "react";
import { AttentionPanel } from "@/components/attention";
import { formatBytes } from "@/lib/format";
import type { BackendChoice } from "@/lib/runtime";
import type { Analysis, Classifier, LoadProgress } from "./engine";
import "./explorer.css";

const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export const EXAMPLES: { label: string; text: string }[] = [
  { label: "긍정 예시", text: "정말 최고의 영화! 배우들 연기도 훌륭하고 감동적이에요" },
  { label: "부정 예시", text: "최악이다 돈 아깝고 시간 아깝다 지루해" },
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

type EngineState =
  | { state: "loading"; backend: BackendChoice | null; progress: LoadProgress | null }
  | { state: "ready"; backend: BackendChoice }
  | { state: "error"; message: string; backend: BackendChoice | null };

function progressText(p: LoadProgress | null): string {
  if (!p) return "백엔드를 고르는 중…";
  const now = p.file ? ` · ${p.file}${p.fileTotal ? ` ${Math.round((100 * p.fileBytes) / p.fileTotal)}%` : ""}` : "";
  return `모델 파일 ${p.filesDone}개 받음 (${formatBytes(p.bytes, 1)})${now}`;
}

export function Explorer() {
  const [engine, setEngine] = useState<EngineState>({ state: "loading", backend: null, progress: null });
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ text: string; analysis: Analysis } | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clf = useRef<Classifier | null>(null);
  const mod = useRef<typeof import("./engine") | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    let backend: BackendChoice | null = null;
    (async () => {
      try {
        const m = await import("./engine");
        mod.current = m;
        const s = await m.start({
          modelUrl: `${basePath}/models/classifier/`,
          wasmPaths: new URL(`${basePath}/tfjs-wasm/`, window.location.origin).href,
          onBackend: (b) => {
            backend = b;
            setEngine({ state: "loading", backend: b, progress: null });
          },
          onProgress: (progress) => setEngine({ state: "loading", backend, progress }),
        });
        clf.current = s.clf;
        setEngine({ state: "ready", backend: s.backend });
      } catch (e) {
        setEngine({ state: "error", message: e instanceof Error ? e.message : String(e), backend });
      }
    })();
  }, []);

  const run = useCallback(async (input: string) => {
    const sentence = input.trim();
    if (!sentence) {
      setInputError("문장을 입력하세요. 아래 예시를 눌러도 됩니다.");
      return;
    }
    if (!clf.current || !mod.current) {
      setInputError("모델을 아직 불러오는 중입니다. 잠시 뒤에 다시 눌러 주세요.");
      return;
    }
    setInputError(null);
    setBusy(true);
    try {
      const analysis = await mod.current.analyze(clf.current, sentence);
      setResult({ text: sentence, analysis });
    } catch (e) {
      setInputError(`분석하지 못했습니다: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }, []);

  const ready = engine.state === "ready";
  const a = result?.analysis;
  const notice = a && a.fullLength > a.maxLength
    ? `입력이 ${a.fullLength}개 토큰이라 모델이 받을 수 있는 ${a.maxLength}개([CLS], [SEP] 포함)에 맞춰 뒷부분 ${a.fullLength - a.maxLength}개를 잘랐습니다. 예측과 그림은 잘린 문장 기준입니다.`
    : undefined;

  return (
    <div className="explorer">
      <h1>어텐션 탐색기</h1>
      <p className="lead">
        영화 리뷰 한 문장을 쓰면, NSMC로 미세 조정한 작은 한국어 BERT(4층 × 헤드 4개)가 긍정/부정을 판단하고 그때의
        어텐션을 모두 보여 줍니다. 계산은 전부 이 브라우저 안에서 합니다.
      </p>

      <div className="explorer-status" data-testid="explorer-status" data-state={engine.state} role="status">
        {engine.state === "loading" ? <span className="explorer-spinner" aria-hidden /> : null}
        {engine.state === "loading" ? progressText(engine.progress) : null}
        {engine.state === "ready" ? "모델 준비됨" : null}
        {engine.state === "error" ? <strong>모델을 불러오지 못했습니다: {engine.message}</strong> : null}
        {engine.backend ? (
          <span className="explorer-backend" data-testid="explorer-backend" title={engine.backend.reason}>
            {" "}· 백엔드 <code>{engine.backend.backend}</code>
          </span>
        ) : null}
      </div>

      <form
        className="explorer-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(text);
        }}
      >
        <textarea
          data-testid="explorer-input"
          value={text}
          rows={3}
          placeholder="예: 배우들 연기가 정말 좋았어요. 또 보고 싶네요"
          aria-label="분석할 문장"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void run(text);
            }
          }}
        />
        <div className="explorer-actions">
          <button type="submit" className="explorer-go" data-testid="explorer-run" disabled={!ready || busy}>
            {busy ? "분석 중…" : "분석"}
          </button>
          <span className="explorer-examples">
            {EXAMPLES.map((ex) => (
              <button
                key={ex.label}
                type="button"
                className="explorer-chip"
                data-testid="explorer-example"
                disabled={!ready || busy}
                onClick={() => {
                  setText(ex.text);
                  void run(ex.text);
                }}
              >
                {ex.label}
              </button>
            ))}
          </span>
          <span className="explorer-hint">Enter로 분석, Shift+Enter로 줄바꿈</span>
        </div>
        {inputError ? <div className="explorer-input-error" role="alert">{inputError}</div> : null}
      </form>

      <div className="explorer-result" data-testid="explorer-result" data-state={busy ? "busy" : result ? "done" : "empty"}>
        {result && a ? (
          <AttentionPanel
            data={a.data}
            prediction={{ labels: a.labels, probs: a.probs }}
            title={`“${result.text.length > 60 ? result.text.slice(0, 60) + "…" : result.text}” · 토큰 ${a.data.tokens.length}개`}
            notice={notice}
            wide
          />
        ) : ready ? (
          <p className="explorer-empty">문장을 쓰고 <strong>분석</strong>을 누르거나 예시를 고르세요.</p>
        ) : null}
      </div>

      <p className="explorer-foot">
        어텐션은 모델이 어디를 “봤는지”를 보여 줄 뿐, 왜 그렇게 판단했는지에 대한 설명은 아닙니다. 무엇을 보여 주고 무엇을
        보여 주지 않는지는 7장 <a href={`${basePath}/learn/attention`}>내 문장의 어텐션 지도</a>에서 직접 실험해 볼 수 있습니다.
      </p>
    </div>
  );
}
