// Learning-rate schedule of BERT fine-tuning: linear warm-up from 0, then linear decay to 0.

/** lr at `step` (0-based, the update about to be applied) of `totalSteps`, peaking at `peak` after `warmupSteps`. */
export function linearWarmupDecay(step: number, totalSteps: number, warmupSteps: number, peak: number): number {
  // Same shape as transformers.get_linear_schedule_with_warmup, evaluated at the update's index.
  if (step < warmupSteps) return (peak * (step + 1)) / Math.max(1, warmupSteps);
  const remaining = Math.max(0, totalSteps - step);
  return (peak * remaining) / Math.max(1, totalSteps - warmupSteps);
}
