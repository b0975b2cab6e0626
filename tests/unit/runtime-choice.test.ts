// The one backend path (lib/runtime) with a stubbed navigator.gpu: a hung adapter request times out and the
// choice moves on; a software adapter (SwiftShader) is skipped by the automatic choice with its name; the
// kernel says both in Korean. Also: backend failures in the middle of a run are recognised.
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { backendFailure, chooseBackend, softwareRendererIn } from "../../lib/runtime";
import { fallbackText, koreanReason } from "../../lib/cells/kernel/backends";
import { nodeWasmDir } from "../../scripts/node-backend";

tf.env().set("PROD", true);
const g = globalThis as { navigator?: unknown };
const realNavigator = Object.getOwnPropertyDescriptor(globalThis, "navigator");
function stubGpu(requestAdapter: () => Promise<unknown>) {
  Object.defineProperty(globalThis, "navigator", { value: { gpu: { requestAdapter } }, configurable: true, writable: true });
}
afterEach(() => {
  if (realNavigator) Object.defineProperty(globalThis, "navigator", realNavigator);
  else delete g.navigator;
});

test("a requestAdapter() that never resolves times out, and the choice moves on to wasm", async () => {
  stubGpu(() => new Promise(() => {}));
  const t0 = performance.now();
  const c = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 150 });
  assert.ok(performance.now() - t0 < 5000, "it did not wait for the hung adapter");
  assert.equal(c.backend, "wasm");
  const webgpu = c.tried[0];
  assert.equal(webgpu.name, "webgpu");
  assert.equal(webgpu.code, "timeout");
  assert.match(webgpu.error!, /requestAdapter\(\) timed out after 150 ms/);
  const reason = koreanReason(webgpu);
  assert.match(reason, /GPU가 제때 답하지 않았습니다/);
  assert.match(reason, /requestAdapter/, "the reader sees what timed out");
});

test("a SwiftShader adapter is skipped by the automatic choice, named, and said in Korean", async () => {
  stubGpu(async () => ({ info: { vendor: "google", architecture: "swiftshader", device: "", description: "" } }));
  const c = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 1000 });
  assert.equal(c.backend, "wasm");
  assert.deepEqual(c.tried.map((t) => [t.name, t.ok, t.code]), [["webgpu", false, "software"], ["webgl", false, "unavailable"], ["wasm", true, undefined]]);
  assert.match(c.tried[0].renderer!, /swiftshader/);
  const tried = c.tried.map((t) => ({ ...t, reason: t.ok ? undefined : koreanReason(t) }));
  const note = fallbackText(tried, c.backend)!;
  assert.match(note, /^WebGPU, WebGL을 쓸 수 없어 WASM으로 실행합니다: /);
  assert.match(note, /소프트웨어 렌더러\(SwiftShader\)/);
  assert.match(note, /직접 고르면 쓸 수는 있습니다$/);
});

test("a fallback adapter (isFallbackAdapter) counts as software too; a real one does not", async () => {
  stubGpu(async () => ({ info: { vendor: "intel", architecture: "gen-12lp" }, isFallbackAdapter: true }));
  const c = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 1000 });
  assert.equal(c.tried[0].code, "software");
  assert.equal(softwareRendererIn("ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)"), null);
  assert.equal(softwareRendererIn("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)"), "SwiftShader");
  assert.equal(softwareRendererIn("llvmpipe (LLVM 15.0.6, 256 bits)"), "llvmpipe");
  assert.ok(softwareRendererIn("Microsoft Basic Render Driver"));
});

test("no adapter at all: code no-adapter, Korean reason", async () => {
  stubGpu(async () => null);
  const c = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 1000 });
  assert.equal(c.tried[0].code, "no-adapter");
  assert.match(koreanReason(c.tried[0]), /어댑터를 주지 않았습니다/);
});

test("backend failures in a run are recognised; the summary stops before the shader source", () => {
  const glsl = "Couldn't parse line number in error: #version 300 es\n    precision highp float;\n    uniform sampler2D A;\n    void main() {}";
  const f = backendFailure(new Error(glsl))!;
  assert.equal(f.kind, "shader");
  assert.equal(f.summary, "Couldn't parse line number in error");
  assert.doesNotMatch(f.summary, /precision|#version/);
  assert.match(f.details, /precision highp float/);
  assert.equal(backendFailure(new Error("GPU device was lost: destroyed"))?.kind, "device-lost");
  assert.equal(backendFailure(new Error("Failed to allocate 367001600 bytes"))?.kind, "out-of-memory");
  assert.equal(backendFailure(new ReferenceError("model is not defined")), null);
  assert.equal(backendFailure(new ReferenceError("zoom is not defined")), null, "not OOM inside a word");
  assert.equal(backendFailure(new Error("OOM when allocating tensor"))?.kind, "out-of-memory");
});

test("a GPU device request that hangs inside tf.setBackend times out, and tfjs is not left waiting on it", async () => {
  // A real-looking adapter whose requestDevice() never answers: tfjs's own webgpu init hangs, not our probe.
  stubGpu(async () => ({
    info: { vendor: "nvidia", architecture: "ada", device: "", description: "" },
    features: new Set<string>(),
    limits: { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27, maxComputeWorkgroupStorageSize: 16384, maxComputeWorkgroupsPerDimension: 65535 },
    requestDevice: () => new Promise(() => {}),
    requestAdapterInfo: async () => ({ vendor: "nvidia", architecture: "ada" }),
  }));
  const c = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 300 });
  assert.equal(c.tried[0].name, "webgpu");
  assert.equal(c.tried[0].code, "timeout", c.tried[0].error);
  assert.match(c.tried[0].error!, /tf\.setBackend\("webgpu"\) timed out/);
  assert.equal(c.backend, "wasm");
  // The hung init was dropped: tf.ready() answers and ops run on wasm.
  await Promise.race([tf.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error("tf.ready() still waits on the hung webgpu init")), 2000))]);
  assert.deepEqual(Array.from(await tf.add(tf.tensor1d([1, 2]), 1).data()), [2, 3]);
  // Asked for again, it says it timed out before instead of hanging a second time.
  const again = await chooseBackend({ wasmPaths: nodeWasmDir(), timeoutMs: 300, order: ["webgpu", "wasm"] });
  assert.match(again.tried[0].error!, /timed out earlier/);
});
