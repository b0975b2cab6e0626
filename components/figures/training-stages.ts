// The names of the training step's stages (lib/train/stages.ts), as chapter 6's figure (TrainingLoop) and the
// training panel's loop strip (components/cells/TrainViews.tsx) both show them. No React, no tfjs.
import { TRAIN_STAGES, type TrainStage } from "@/lib/train/stages";

export const STAGE_NAMES: Record<TrainStage, { n: string; name: string }> = {
  batch: { n: "①", name: "배치" },
  forward: { n: "②", name: "순전파" },
  loss: { n: "③", name: "손실" },
  backward: { n: "④", name: "역전파" },
  clip: { n: "⑤", name: "기울기 자르기" },
  adamw: { n: "⑥", name: "AdamW 업데이트" },
  schedule: { n: "⑦", name: "학습률 스케줄" },
};

export { TRAIN_STAGES };
