// The edge where errors become Korean (lib/README.md, "Errors"): the engine throws English with a code
// (EngineError, lib/errors.ts), JavaScript throws English by name and message; the reader sees Korean, and the
// English original is kept for a "details" toggle. Used by the cell kernel (kernel/errors.ts, show.progress) and
// by the explorer. No tfjs here: the explorer imports it on the main thread.
import { EngineError, type EngineErrorCode, type EngineErrorParams } from "../errors";
import type { BackendAttempt, SkipCode } from "../runtime/backend";
import { softwareRendererIn } from "../runtime/software";
import type { TriedBackend } from "./protocol";

/** A Korean line for the reader, with the English it came from (absent when the error was Korean already). */
export interface KoreanError {
  name: string;
  message: string;
  original?: string;
}

const HANGUL = /[\uac00-\ud7a3]/;

type P = EngineErrorParams;
const q = (v: unknown) => `'${String(v)}'`;

/** One Korean line per engine code (the type makes sure none is missing). */
const ENGINE: Record<EngineErrorCode, (p: P) => string> = {
  "hf-not-bert": (p) => `${p.where}: BERT가 아니라 ${q(p.modelType)} 모델입니다${p.architectures ? ` (${p.architectures})` : ""}. BERT Lab은 BERT만 불러옵니다. 다른 모델은 층이나 임베딩이 달라서 BERT의 모양에 넣으면 다른 계산이 됩니다.`,
  "hf-not-bert-arch": (p) => `${p.where}: model_type이 없고, 구조(${p.architectures})도 BERT가 아닙니다.`,
  "hf-position-type": (p) => `${p.where}: 위치 임베딩이 ${q(p.value)}입니다. BERT Lab은 BERT의 학습된 절대 위치만 구현합니다.`,
  "hf-decoder": (p) => `${p.where}: 디코더로 쓰는 BERT(is_decoder / add_cross_attention)는 지원하지 않습니다. BERT Lab은 양방향 인코더를 실행합니다.`,
  "hf-activation": (p) => `${p.where}: 활성 함수가 ${q(p.value)}입니다. BERT Lab은 BERT의 정확한 erf GELU("gelu")만 구현합니다.`,
  "hf-no-config": (p) => `${p.where}에 config.json이 없습니다. Hugging Face 모델 폴더가 맞나요?`,
  "hf-no-weight-map": (p) => `${p.where}/${p.file}에 weight_map이 없습니다.`,
  "hf-unreadable-weights": (p) =>
    `${p.where}에는 ${p.file}만 있고 model.safetensors가 없습니다. 브라우저는 이 형식을 안전하게 읽을 수 없습니다. ` +
    "Python에서 한 번 바꿔 주세요: `AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)`가 옆에 model.safetensors를 씁니다.",
  "hf-no-weights": (p) => `${p.where}에 가중치가 없습니다. model.safetensors나 model.safetensors.index.json이 있어야 합니다.`,
  "hf-duplicate-tensor": (p) => `${p.where}: 텐서 ${p.tensor}가 ${p.file1}와 ${p.file2} 두 곳에 있습니다.`,
  "hf-no-vocab": (p) => `${p.where}에 vocab.txt(또는 tokenizer.json)가 없어 토크나이저를 만들 수 없습니다.`,
  "hf-vocab-too-big": (p) => `${p.where}: 어휘는 토큰 ${p.vocab}개인데 모델의 임베딩 표는 ${p.rows}행뿐입니다.`,
  "missing-file": (p) => `${p.where}에 ${p.file}이(가) 없습니다.`,
  "bad-json": (p) => `${p.where}/${p.file}이(가) 올바른 JSON이 아닙니다.`,
  "safetensors-short": (p) => `${p.file}: ${p.bytes}바이트뿐이라 safetensors 파일이 될 수 없습니다.`,
  "safetensors-header": (p) => `${p.file}: 머리말을 읽을 수 없습니다. safetensors 파일이 맞나요?`,
  "safetensors-dtype": (p) => `${p.file}: 텐서 ${p.tensor}의 자료형 ${p.dtype}을(를) 모릅니다.`,
  "safetensors-size": (p) => `${p.file}: 텐서 ${p.tensor}의 바이트 수가 모양과 맞지 않습니다.`,
  "safetensors-cut": (p) => `${p.file}: 텐서 ${p.tensor}가 파일 끝을 넘어갑니다. 파일이 잘렸습니다.`,
  "weight-not-float": (p) => `${p.tensor}: 자료형 ${p.dtype}은(는) 실수 가중치(F32, F16, BF16)가 아닙니다.`,
  "export-labels": (p) => `레이블이 ${p.labels}개인데 분류기의 클래스는 ${p.numLabels}개입니다.`,
  "export-missing": (p) => `내보낼 수 없습니다: 모델에 ${p.tensor}이(가) 없습니다.`,
  "hub-repo-id": (p) => `"${p.repo}"은(는) Hub 저장소 이름이 아닙니다 ("klue/bert-base"처럼 씁니다).`,
  "download-not-found": (p) => `${p.file}: 이 저장소에 없습니다 (저장소가 비공개이거나 없을 수도 있습니다).`,
  "download-http": (p) =>
    `${p.file}: 서버가 HTTP ${p.status}로 답했습니다${p.status === 401 || p.status === 403 ? " (로그인이 필요한 저장소는 이 사이트에서 받을 수 없습니다)" : ""}.` +
    (Number(p.status) >= 500 ? " 잠시 뒤 셀을 다시 실행하세요." : ""),   // DownloadError.retryable
  "download-cut": (p) => `${p.file}: ${p.bytes}바이트를 받다가 연결이 끊겼습니다. 받다 만 것은 남기지 않았습니다. 셀을 다시 실행하세요.`,
  "download-network": (p) => `${p.host}에 연결하지 못해 ${p.file}을(를) 받지 못했습니다. 연결을 확인하고 셀을 다시 실행하세요.`,
  "download-aborted": (p) => `${p.file} 내려받기를 멈췄습니다.`,
  "no-checkpoint": (p) => `체크포인트 '${p.key}'가 없습니다.`,
  "checkpoint-missing-weights": (p) => `체크포인트에 가중치가 빠져 있습니다: ${p.names}`,
  "checkpoint-mismatch": (p) => `체크포인트가 이 모델과 맞지 않습니다: ${p.tensor}`,
  "too-long": (p) => `최대 길이 ${p.seqLen}이(가) 모델의 위치 수 ${p.positions}보다 깁니다.`,
  "no-mask": (p) => `"${p.text}"에 [MASK]가 없습니다. 맞힐 단어 자리에 [MASK]를 쓰세요.`,
  http: (p) => `${p.url}을(를) 받지 못했습니다 (HTTP ${p.status}).`,
  "config-activation": (p) => `활성 함수 ${q(p.value)}은(는) 지원하지 않습니다 (정확한 "gelu"만 됩니다).`,
  "config-heads": (p) => `은닉 크기(${p.hidden})가 헤드 수(${p.heads})로 나누어떨어지지 않습니다.`,
  "no-vocab": () => "어휘가 없습니다. vocab.txt(또는 WordPiece 모델이 든 tokenizer.json)가 있어야 합니다.",
  "vocab-special": (p) => `vocab.txt: ${p.line}번째 줄은 ${p.token}이어야 합니다.`,
  "vocab-empty": (p) => `vocab.txt: ${p.line}번째 줄이 비어 있습니다.`,
  "vocab-duplicate": (p) => `vocab.txt: ${p.line}번째 줄의 토큰 ${JSON.stringify(p.token)}이(가) 앞에도 있습니다.`,
  "vocab-special-missing": (p) => `vocab.txt에 특수 토큰 ${p.token}이(가) 없습니다.`,
  "maxlen-too-small": (p) => `최대 길이 ${p.maxLen}에는 특수 토큰 ${p.specials}개도 들어가지 않습니다.`,
};

/** JavaScript's own messages (V8's runtime errors, acorn's and sucrase's syntax errors): pattern → Korean. */
const JS: [RegExp, (m: RegExpMatchArray) => string][] = [
  // Syntax (acorn, sucrase, and eval's own)
  [/^Unexpected token, expected "(.+)"$/, (m) => `예상하지 못한 기호입니다. 여기에는 "${m[1]}"이(가) 와야 합니다.`],
  [/^Unexpected token\b/, () => "예상하지 못한 기호입니다."],
  [/^Unexpected end of input$/, () => "코드가 끝나지 않았습니다 (닫는 괄호나 따옴표가 빠졌나요?)."],
  [/^Unexpected identifier(?: '(.+)')?$/, (m) => `예상하지 못한 이름${m[1] ? ` '${m[1]}'` : ""}입니다 (앞에 쉼표나 연산자가 빠졌나요?).`],
  [/^Unexpected keyword '(.+)'$/, (m) => `여기에는 예약어 '${m[1]}'을(를) 쓸 수 없습니다.`],
  [/^Unexpected character '(.+)'$/, (m) => `예상하지 못한 글자 '${m[1]}'입니다.`],
  [/^Unexpected string$/, () => "예상하지 못한 문자열입니다."],
  [/^Unexpected number$/, () => "예상하지 못한 숫자입니다."],
  [/^Unterminated string constant$|^Invalid or unexpected token$/, () => "문자열이 끝나지 않았습니다 (닫는 따옴표가 빠졌나요?)."],
  [/^Unterminated template/, () => "템플릿 문자열이 끝나지 않았습니다 (닫는 ` 가 빠졌나요?)."],
  [/^Unterminated regular expression/, () => "정규식이 끝나지 않았습니다."],
  [/^Unterminated comment$/, () => "주석이 끝나지 않았습니다 (*/ 가 빠졌나요?)."],
  [/^Identifier '(.+)' has already been declared$/, (m) => `'${m[1]}'은(는) 이 셀에서 이미 선언했습니다.`],
  [/^'return' outside of function$|^Illegal return statement$/, () => "함수 밖에서는 return을 쓸 수 없습니다."],
  [/^Cannot use keyword 'await' outside an async function$|^await is only valid/, () => "await는 async 함수 안에서만 쓸 수 있습니다."],
  [/^Assigning to rvalue$|^Invalid left-hand side in assignment$/, () => "값을 넣을 수 없는 곳에 =를 썼습니다."],
  [/^Missing initializer in const declaration$/, () => "const에는 처음 값이 있어야 합니다."],
  [/in JSON at position|is not valid JSON|^Unexpected end of JSON input|^JSON\.parse/, () => "JSON 문법이 맞지 않습니다."],
  // Runtime (V8)
  [/^(.+) is not defined$/, (m) => `'${m[1]}'이(가) 정의되지 않았습니다. 이 이름을 만드는 앞의 셀을 먼저 실행했나요?`],
  [/^Cannot access '(.+)' before initialization$/, (m) => `'${m[1]}'에 값을 넣기 전에 썼습니다.`],
  [/^Assignment to constant variable\.?$/, () => "const로 선언한 변수에는 다시 값을 넣을 수 없습니다 (let을 쓰세요)."],
  [/^Cannot read properties of (undefined|null) \(reading '(.+)'\)$/, (m) => `${m[1]}에서 속성 '${m[2]}'을(를) 읽을 수 없습니다 (값이 ${m[1]}입니다).`],
  [/^Cannot set properties of (undefined|null) \(setting '(.+)'\)$/, (m) => `${m[1]}에 속성 '${m[2]}'을(를) 쓸 수 없습니다 (값이 ${m[1]}입니다).`],
  [/^(.+) is not a function$/, (m) => `${m[1]}은(는) 함수가 아닙니다.`],
  [/^(.+) is not a constructor$/, (m) => `${m[1]}은(는) new로 만들 수 있는 클래스가 아닙니다.`],
  [/^(.+) is not iterable/, (m) => `${m[1]}은(는) for…of나 펼치기(...)로 돌 수 없는 값입니다.`],
  [/^Cannot convert undefined or null to object$/, () => "undefined나 null을 객체로 바꿀 수 없습니다."],
  [/^Maximum call stack size exceeded$/, () => "함수 호출이 너무 깊어졌습니다 (끝나지 않는 재귀인가요?)."],
  [/^Invalid array length$/, () => "배열 길이가 올바르지 않습니다 (음수이거나 너무 큽니다)."],
  [/^Array buffer allocation failed$|^Array buffer allocation/, () => "메모리를 잡지 못했습니다 (배열이 너무 큽니다)."],
  [/^(.+)\(\) (?:digits )?argument must be between (\d+) and (\d+)$/, (m) => `${m[1]}()의 인수는 ${m[2]}에서 ${m[3]} 사이여야 합니다.`],
  // tfjs: "Error in matMul: inner shapes (3) and (4) of Tensors with shapes 2,3 and 4,5 …"
  [/^Error in (\w+):/, (m) => `텐서 연산 ${m[1]}에서 오류가 났습니다. 텐서의 모양(shape)이나 자료형(dtype)을 확인하세요.`],
  [/^Operands could not be broadcast together/, () => "두 텐서의 모양이 맞지 않아 브로드캐스트할 수 없습니다."],
];

/** Korean names for JavaScript's error kinds, for the fallback line. */
const KIND: Record<string, string> = {
  SyntaxError: "문법 오류",
  ReferenceError: "이름 오류",
  TypeError: "타입 오류",
  RangeError: "범위 오류",
};

/** The error in Korean. `original` holds the English it replaces, for a details toggle. */
export function koreanError(e: unknown): KoreanError {
  const err = e instanceof Error ? e : null;
  const name = err?.name ?? "Error";
  const text = err ? err.message : String(e);
  // Already Korean: a reader's own `throw new Error("…")`, FetchTextError, CheckpointQuotaError, …
  if (HANGUL.test(text)) return { name, message: text };
  if (e instanceof EngineError) return { name, message: ENGINE[e.code](e.params), original: text };
  for (const [re, ko] of JS) {
    const m = text.match(re);
    if (m) return { name, message: ko(m), original: text };
  }
  return { name, message: `${KIND[name] ?? "오류"}가 났습니다 (${name}).`, original: text };
}

/** One Korean line for places without a details toggle (the explorer's status line, a progress panel's note). */
export function koreanMessage(e: unknown): string {
  return koreanError(e).message;
}

// Backends (lib/runtime's codes → Korean), for the kernel (kernel/backends.ts) and the explorer's backend line.

// Names with the Korean particles they take ("WebGPU를 … WebGL로").
const SPOKEN: Record<string, { name: string; obj: string; by: string }> = {
  webgpu: { name: "WebGPU", obj: "WebGPU를", by: "WebGPU로" },
  webgl: { name: "WebGL", obj: "WebGL을", by: "WebGL로" },
  wasm: { name: "WASM", obj: "WASM을", by: "WASM으로" },
  cpu: { name: "CPU", obj: "CPU를", by: "CPU로" },
};
export const spoken = (b: string) => SPOKEN[b] ?? { name: b, obj: `${b}을(를)`, by: `${b}(으)로` };

/** The reader-facing reason for one skipped backend. */
export function koreanReason(a: Pick<BackendAttempt, "name" | "code" | "error" | "renderer">): string {
  const what: Record<SkipCode, string> = {
    unavailable:
      a.name === "webgpu" ? "navigator.gpu가 없습니다 (이 브라우저는 WebGPU를 지원하지 않거나 꺼 두었습니다)"
      : a.name === "webgl" ? "WebGL을 그릴 캔버스가 없습니다"
      : "이 브라우저에서 WebAssembly를 쓸 수 없습니다",
    "no-adapter": "navigator.gpu.requestAdapter()가 어댑터를 주지 않았습니다 (쓸 수 있는 GPU가 없거나 WebGPU가 꺼져 있습니다)",
    timeout: `${a.name === "webgpu" || a.name === "webgl" ? "GPU가 제때 답하지 않았습니다" : "제때 준비되지 않았습니다"} (${a.error ?? "시간 초과"})`,
    software: `GPU가 아니라 CPU로 흉내 내는 소프트웨어 렌더러(${softwareRendererIn(a.renderer ?? "") ?? a.renderer ?? "SwiftShader"})라서 WASM보다 느립니다`,
    "init-failed": `초기화하지 못했습니다 (${a.error ?? ""})`,
    "wrong-result": `시험 계산의 답이 틀렸습니다 (${a.error ?? ""})`,
    error: a.error ?? "알 수 없는 오류",
  };
  return what[a.code ?? "error"];
}


/** "WebGPU, WebGL을 쓸 수 없어 WASM으로 실행합니다: <reasons>", or null when the first choice worked. */
export function fallbackText(tried: TriedBackend[], chosen: string): string | null {
  // A software GPU skipped first and then chosen (nothing faster worked) is not "unusable".
  const failed = tried.filter((t) => !t.ok && t.name !== chosen);
  if (!failed.length) return null;
  const names = failed.map((f) => spoken(f.name).name);
  const obj = [...names.slice(0, -1), spoken(failed[failed.length - 1].name).obj].join(", ");
  const software = failed.filter((f) => f.code === "software");
  const why =
    software.length === failed.length && failed.length > 1
      ? // The same reason twice (both are SwiftShader): say it once.
        `둘 다 GPU가 아니라 CPU로 흉내 내는 소프트웨어 렌더러(${[...new Set(software.map((f) => softwareRendererIn(f.renderer ?? "") ?? f.renderer))].join(", ")})라서 WASM보다 느립니다`
      : failed.length === 1 ? failed[0].reason : failed.map((f, i) => `${names[i]}: ${f.reason}`).join("; ");
  const byHand = software.length ? ". 커널 막대의 백엔드 상자에서 직접 고르면 쓸 수는 있습니다" : "";
  return `${obj} 쓸 수 없어 ${spoken(chosen).by} 실행합니다: ${why}${byHand}`;
}

/** The backend choice in one Korean line (the explorer's tooltip): why the faster ones were skipped, if any. */
export function koreanBackendChoice(c: { backend: string; tried: BackendAttempt[] }): string {
  const tried = c.tried.map((t): TriedBackend => ({ name: t.name, ok: t.ok, code: t.code, renderer: t.renderer, reason: t.ok ? undefined : koreanReason(t) }));
  return fallbackText(tried, c.backend) ?? `${spoken(c.backend).name}: 첫 번째로 고른 백엔드가 작동합니다`;
}
