// The default-limits test mode (lib/runtime/webgpu-limits.ts) against a fake navigator.gpu: what tfjs would read from
// the adapter, and what requestDevice really receives. The real device is checked in tests/browser/webgpu-limits.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clampRequiredLimits, installDefaultWebGpuLimits, WEBGPU_DEFAULT_LIMITS, webGpuLimitsSwitch } from "../../lib/runtime/webgpu-limits";

test("the switch is ?webgpu-limits=default and nothing else", () => {
  assert.equal(webGpuLimitsSwitch("?webgpu-limits=default"), "default");
  assert.equal(webGpuLimitsSwitch("?a=1&webgpu-limits=default"), "default");
  assert.equal(webGpuLimitsSwitch(""), undefined);
  assert.equal(webGpuLimitsSwitch("?webgpu-limits=adapter"), undefined);
});

test("requiredLimits above a default are cut to it; unknown ones are dropped", () => {
  assert.deepEqual(clampRequiredLimits({ maxBufferSize: 4 * 2 ** 30, maxComputeInvocationsPerWorkgroup: 128, maxTextureDimension2D: 16384 }), {
    maxBufferSize: WEBGPU_DEFAULT_LIMITS.maxBufferSize,
    maxComputeInvocationsPerWorkgroup: 128,
  });
  assert.deepEqual(clampRequiredLimits(undefined), {});
});

test("an adapter from the wrapped navigator.gpu reports the defaults and asks its device for no more", async () => {
  const asked: unknown[] = [];
  const realLimits = { maxComputeWorkgroupStorageSize: 32768, maxStorageBufferBindingSize: 2 ** 31, maxTextureDimension2D: 16384 };
  const adapter = {
    limits: realLimits,
    features: new Set(["timestamp-query"]),
    info: { vendor: "google", architecture: "swiftshader" },
    isFallbackAdapter: false,
    requestDevice(d: unknown) { asked.push(d); return Promise.resolve({ fake: true }); },
  };
  const g = globalThis as { navigator?: unknown };
  const saved = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { gpu: { requestAdapter: () => Promise.resolve(adapter) } }, configurable: true });
  try {
    assert.equal(installDefaultWebGpuLimits(), true);
    const gpu = (g.navigator as { gpu: { requestAdapter(): Promise<typeof adapter> } }).gpu;
    const a = await gpu.requestAdapter();
    assert.equal(a.limits.maxComputeWorkgroupStorageSize, 16384);
    assert.equal(a.limits.maxStorageBufferBindingSize, 134_217_728);
    assert.equal(a.limits.maxTextureDimension2D, 16384, "limits outside the table read through");
    assert.equal(a.info.architecture, "swiftshader");
    assert.ok((a.features as Set<string>).has("timestamp-query"));
    // What tfjs-backend-webgpu 4.22 asks for: the adapter's (now default) maxima.
    await a.requestDevice({ requiredFeatures: ["timestamp-query"], requiredLimits: { maxStorageBufferBindingSize: 2 ** 31, maxComputeWorkgroupStorageSize: a.limits.maxComputeWorkgroupStorageSize } });
    assert.deepEqual(asked, [{ requiredFeatures: ["timestamp-query"], requiredLimits: { maxStorageBufferBindingSize: 134_217_728, maxComputeWorkgroupStorageSize: 16384 } }]);
  } finally {
    if (saved) Object.defineProperty(globalThis, "navigator", saved);
    else delete g.navigator;
  }
});
