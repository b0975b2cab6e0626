// A recipe file (models/*.json): every hyperparameter of one build of the shipped models, stage by stage.
// `"extends": "recipe.json"` takes another recipe and replaces whole sections: a section is never merged key by
// key, so what a section says is all of it.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export interface Recipe {
  comment?: string;
  data?: { corpus?: string; train?: string; test?: string; limit?: number };
  vocab: { size: number; min_char_freq: number };
  pretrain: Record<string, unknown> & { surgery?: unknown[] };
  finetune: { epochs: number; lr: number; batch: number; max_len: number; val: number; warmup_frac: number; dropout: number; seed: number };
  teacher_lr: { words: boolean; val: number; C?: number };
  distill: {
    batch: number;
    max_len: number;
    val: number;
    rounds: { teacher: string[]; init: string; lr: number; epochs: number; seeds: number[]; halves: number[] }[];
  };
  export: { float16: boolean };
  evaluate: { batch: number; limit?: number };
}

const SECTIONS = ["data", "vocab", "pretrain", "finetune", "teacher_lr", "distill", "export", "evaluate"] as const;

export function loadRecipe(path: string, seen: string[] = []): Recipe {
  if (seen.includes(path)) throw new Error(`recipe ${path}: "extends" loops (${[...seen, path].join(" -> ")})`);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`recipe ${path}: ${(e as Error).message}`);
  }
  const base = typeof raw.extends === "string" ? loadRecipe(resolve(dirname(path), raw.extends), [...seen, path]) : undefined;
  const unknown = Object.keys(raw).filter((k) => !["comment", "extends", ...SECTIONS].includes(k));
  if (unknown.length) throw new Error(`recipe ${path}: unknown sections ${unknown.join(", ")} (known: ${SECTIONS.join(", ")})`);
  const out = { ...(base ?? {}), ...raw } as Record<string, unknown>;
  delete out.extends;
  for (const s of SECTIONS) if (s !== "data" && out[s] === undefined) throw new Error(`recipe ${path}: no "${s}" section`);
  for (const [i, r] of ((out as unknown as Recipe).distill.rounds ?? []).entries()) {
    const known = ["finetune", "teacher_lr", ...Array.from({ length: i }, (_, j) => `round${j + 1}`)];
    for (const t of [...r.teacher, r.init]) {
      if (!known.includes(t)) throw new Error(`recipe ${path}: distill round ${i + 1} names "${t}"; it may use ${known.join(", ")}`);
    }
    if (r.seeds.length !== r.halves.length) throw new Error(`recipe ${path}: distill round ${i + 1}: one seed per student (half)`);
  }
  return out as unknown as Recipe;
}
