// The stages of one training step, in the order the engine runs them: the learning rate for this step (the
// schedule), the batch, forward, loss, backward, clipping, AdamW. As a cycle this is chapter 6's figure
// (batch → forward → loss → backward → clip → AdamW → schedule → the next batch). finetune() reports each stage as
// it starts (FinetuneOptions.onStage), so the page can light the stage being computed. On WASM and CPU a stage's
// code computes as it runs; GPU backends queue the work, so there it is the stage whose commands are being sent.
export const TRAIN_STAGES = ["batch", "forward", "loss", "backward", "clip", "adamw", "schedule"] as const;
export type TrainStage = (typeof TRAIN_STAGES)[number];
