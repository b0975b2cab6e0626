// lib/cells/korean.ts: the edge where English errors (engine codes, JavaScript's own) become Korean, with the
// English kept for a details toggle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { koreanError, koreanMessage } from "../../lib/cells/korean";
import { compileCell } from "../../lib/cells/transform";
import { EngineError } from "../../lib/errors";
import { DownloadError, makeConfig, memorySource } from "../../lib/model";
import { WordPieceTokenizer } from "../../lib/tokenizer";
import { loadHuggingFace } from "../../lib/pipeline";

const HANGUL = /[\uac00-\ud7a3]/;

/** What a piece of code throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

test("syntax errors from the cell compiler: Korean, the English kept", () => {
  const cases: [string, RegExp, string][] = [
    ["const broken = ;", /^예상하지 못한 기호입니다\.$/, "Unexpected token"],
    ['const s = "abc\n', /문자열이 끝나지 않았습니다/, "Unterminated string constant"],
    ["let x = 1; let x = 2;", /'x'은\(는\) 이 셀에서 이미 선언했습니다/, "Identifier 'x' has already been declared"],
    ["const a = `x", /템플릿 문자열이 끝나지 않았습니다/, "Unterminated template"],
    ["return 1", /함수 밖에서는 return을 쓸 수 없습니다/, "'return' outside of function"],
    ["const x = {a:1", /여기에는 ","이\(가\) 와야 합니다/, 'Unexpected token, expected ","'],
  ];
  for (const [src, ko, en] of cases) {
    const r = compileCell(src, 1);
    assert.ok(!r.ok, src);
    const k = koreanError(new SyntaxError(r.error.message));
    assert.match(k.message, ko, src);
    assert.equal(k.original, en, src);
  }
});

test("V8's runtime errors: the common ones by pattern, the rest by kind", () => {
  const G = { notAFunction: 3 } as Record<string, unknown>;
  const o: unknown = null;
  const u: unknown = undefined;
  const cases: [unknown, RegExp][] = [
    [thrown(() => (0, eval)("notDefinedAnywhere + 1")), /^'notDefinedAnywhere'이\(가\) 정의되지 않았습니다\. 이 이름을 만드는 앞의 셀을 먼저 실행했나요\?$/],
    [thrown(() => (o as { a: number }).a), /^null에서 속성 'a'을\(를\) 읽을 수 없습니다/],
    [thrown(() => ((u as { b: number }).b = 1)), /^undefined에 속성 'b'을\(를\) 쓸 수 없습니다/],
    [thrown(() => (G.notAFunction as () => void)()), /^G\.notAFunction은\(는\) 함수가 아닙니다\.$/],
    [thrown(() => new Array(-1)), /^배열 길이가 올바르지 않습니다/],
    [thrown(() => (0, eval)("const c = 1; c = 2;")), /^const로 선언한 변수에는 다시 값을 넣을 수 없습니다/],
    [thrown(() => JSON.parse("{nope")), /^JSON 문법이 맞지 않습니다/],
    [thrown(() => (1.5).toFixed(200)), /^toFixed\(\)의 인수는 0에서 100 사이여야 합니다/],
    [new TypeError("something went sideways in this cell"), /^타입 오류가 났습니다 \(TypeError\)\.$/],
    [new RangeError("a range nobody has a pattern for"), /^범위 오류가 났습니다 \(RangeError\)\.$/],
    [new Error("Error in matMul: inner shapes (3) and (4) of Tensors with shapes 2,3 and 4,5 must match"), /^텐서 연산 matMul에서 오류가 났습니다/],
  ];
  for (const [e, ko] of cases) {
    const k = koreanError(e);
    assert.match(k.message, ko, (e as Error).message);
    assert.equal(k.original, (e as Error).message);
  }
});

test("Korean already (a reader's own throw, FetchTextError): shown as is, no original", () => {
  const k = koreanError(new Error("메모리가 모자랄 것입니다"));
  assert.deepEqual(k, { name: "Error", message: "메모리가 모자랄 것입니다" });
  assert.equal(koreanMessage("그냥 문자열"), "그냥 문자열");
});

test("engine errors: English inside, a code, and a Korean line at the edge", async () => {
  const files = (config: object) => memorySource(new Map<string, Uint8Array | string>([["config.json", JSON.stringify(config)], ["vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n"]]), "my-model");
  const roberta = await loadHuggingFace(files({ model_type: "roberta", architectures: ["RobertaForMaskedLM"] })).catch((e: unknown) => e);
  assert.ok(roberta instanceof EngineError);
  assert.equal(roberta.code, "hf-not-bert");
  assert.match(roberta.message, /model_type is "roberta" \(architectures: RobertaForMaskedLM\), not "bert"/, "the engine stays English");
  assert.match(koreanMessage(roberta), /^my-model\/config\.json: BERT가 아니라 'roberta' 모델입니다 \(RobertaForMaskedLM\)\./);

  const noWeights = await loadHuggingFace(files({ model_type: "bert" })).catch((e: unknown) => e);
  assert.ok(noWeights instanceof EngineError);
  assert.equal(koreanMessage(noWeights), "my-model에 가중치가 없습니다. model.safetensors나 model.safetensors.index.json이 있어야 합니다.");

  const badVocab = thrown(() => WordPieceTokenizer.fromVocabText("[PAD]\n[CLS]\n"));
  assert.ok(badVocab instanceof EngineError && badVocab.code === "vocab-special");
  assert.equal(koreanMessage(badVocab), "vocab.txt: 2번째 줄은 [UNK]이어야 합니다.");
  const heads = thrown(() => makeConfig("mini", { num_attention_heads: 3 }));
  assert.equal(koreanMessage(heads), "은닉 크기(256)가 헤드 수(3)로 나누어떨어지지 않습니다.");

  const cut = new DownloadError("cut", "https://x/y", "model.safetensors: the connection broke after 10 bytes", undefined, { file: "model.safetensors", bytes: 10 });
  assert.equal(cut.code, "download-cut");
  assert.ok(cut.retryable);
  const k = koreanError(cut);
  assert.match(k.message, /^model\.safetensors: 10바이트를 받다가 연결이 끊겼습니다\..*셀을 다시 실행하세요\.$/);
  assert.equal(k.original, "model.safetensors: the connection broke after 10 bytes");
  assert.ok(!/[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}/.test(k.message) && HANGUL.test(k.message));
});

test("lib/cells/korean imports no tfjs (the explorer loads it on the main thread)", async () => {
  const r = await build({ entryPoints: ["lib/cells/korean.ts"], bundle: true, write: false, metafile: true, format: "esm", platform: "browser", logLevel: "silent" });
  const inputs = Object.keys(r.metafile.inputs);
  assert.deepEqual(inputs.filter((f) => /tensorflow/.test(f)), []);
  assert.ok(inputs.some((f) => f.endsWith("lib/errors.ts")));
});
