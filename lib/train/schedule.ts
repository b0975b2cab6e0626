// Learning-rate schedule of BERT fine-tuning: linear warm-up from 0, then linear decay to 0.

/**
 * lr for update number `step` (0-based: the update about to be applied) of `totalSteps`, with `warmupSteps`
 * of warm-up to `peak`:
 *   warm-up, step < W:  peak * (step + 1) / W   (peak/W for the first update, peak for update W-1)
 *   decay,   step >= W: peak * (T - step) / (T - W)   (peak at W, peak/(T-W) for the last update, never 0)
 * The decay is exactly Hugging Face's get_linear_schedule_with_warmup at the same index. The warm-up is one
 * step ahead of it: HF's factor is step / W, so its first update gets lr 0 (a wasted step) and it reaches the
 * peak only at update W; here update s gets HF's lr for s + 1, so the first update already moves the weights
 * and updates W-1 and W both get the peak. (tests/unit/train.test.ts pins these values.)
 */
export function linearWarmupDecay(step: number, totalSteps: number, warmupSteps: number, peak: number): number {
  if (step < warmupSteps) return (peak * (step + 1)) / Math.max(1, warmupSteps);
  const remaining = Math.max(0, totalSteps - step);
  return (peak * remaining) / Math.max(1, totalSteps - warmupSteps);
}
