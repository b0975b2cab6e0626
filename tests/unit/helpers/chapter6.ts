// Chapter 6's config and data split in Node, by running the chapter's own `config` and `prepare` cells on the
// shipped NSMC files. What only a page has (the backend switch, the trainer's panels) is stubbed; the split is
// the cell's code, so a test of a later cell sees exactly the reviews a reader's page would.
import path from "node:path";
import * as engine from "../../../lib";
import { PATHS, readNsmc } from "../../../scripts/corpus-io";
import { cellSource, runCellSource } from "./chapter-cell";

const ROOT = path.join(import.meta.dirname, "../../..");
const CHAPTER = "06-finetune.mdx";

export interface Chapter6Config {
  trainLimit: number; validLimit: number; evalLimit: number; epochs: number; batchSize: number;
  lr: number; maxLen: number; seed: number;
}

export interface Chapter6Setup {
  config: Chapter6Config;
  trainSet: engine.LabeledExample[];
  validSet: engine.LabeledExample[];
  testSet: engine.LabeledExample[];
}

/** The config cell's `config`, then the prepare cell's `trainSet`, `validSet` and `testSet`. */
export async function chapter6Setup(tokenizer?: engine.BatchEncoder): Promise<Chapter6Setup> {
  const { config } = (await runCellSource(cellSource(CHAPTER, "config"), {}, ["config"])) as { config: Chapter6Config };
  const trainFile = readNsmc(path.join(ROOT, PATHS.train)), testFile = readNsmc(path.join(ROOT, PATHS.test));
  const page = {
    tf: { getBackend: () => "node" },
    show: { trainer: () => ({}), table() {} },
    setBackend: async () => "node",
  };
  const split = await runCellSource(cellSource(CHAPTER, "prepare"),
    { ...page, engine, config, trainFile, testFile, tokenizer }, ["trainSet", "validSet", "testSet"]);
  return { config, ...(split as Omit<Chapter6Setup, "config">) };
}
