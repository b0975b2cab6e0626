// How close each backend must come to the CPU backend on the diagnostics page (/diagnostics).
// Shared by the page (its ✓/✗ column) and tests/browser/backends.test.ts. No imports: the Node test reads it too.
//
// The CPU backend is the reference: plain float32 JavaScript, one operation at a time. The others
// compute the same float32 formulas in a different order (GPU reductions, WASM's XNNPACK kernels), so
// they agree only up to rounding. WebGL stores tensors in textures and its shaders use the GPU's
// exp/log/erf approximations, so it drifts more than WebGPU and WASM; its bounds are looser on purpose.
//
// Measured in headless Chromium (SwiftShader, tfjs 4.22) on the page's tiny model, largest |g_cpu| = 4.06e-3:
//   WebGPU |Δloss| 6.0e-8, max |Δg| 1.5e-8, max relative 3.8e-5
//   WebGL  |Δloss| 6.0e-8, max |Δg| 3.0e-8, max relative 3.6e-5
//   WASM   |Δloss| 6.0e-8, max |Δg| 1.4e-8, max relative 2.4e-5
// WebGPU/WASM bounds leave >= 25x margin; WebGL's are 10x looser again, for real GPUs (SwiftShader's WebGL is
// plain float32 and agreed as well as WebGPU). An absolute gradient bound of 1e-4 would be 2.5% of the largest
// gradient of this model and catch little, so gradAbs is tighter and in line with gradRel x 4e-3.

export interface Tolerance {
  loss: number;        // |loss - cpu loss|
  gradAbs: number;     // max over all gradient entries of |g - g_cpu|
  gradRel: number;     // max over parameters of (max |g - g_cpu|) / max(max |g_cpu| of it, 1e-3 x largest |g_cpu|)
}

export const TOLERANCES: Record<"webgpu" | "wasm" | "webgl", Tolerance> = {
  webgpu: { loss: 1e-4, gradAbs: 2e-6, gradRel: 1e-3 },
  wasm: { loss: 1e-4, gradAbs: 2e-6, gradRel: 1e-3 },
  webgl: { loss: 1e-3, gradAbs: 2e-5, gradRel: 1e-2 },
};
