// The server side of "BERT 해부도" (Anatomy.tsx): hands it the precomputed example (so the static HTML already shows
// a whole model with real values) and the size of the model it will download, measured from public/models.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Trace } from "@/lib/explain/trace-view";
import example from "./example.json";
import { Anatomy } from "./Anatomy";

const MODEL_DIR = path.join(process.cwd(), "public/models/classifier");

export function BertAnatomy() {
  const bytes = readdirSync(MODEL_DIR).reduce((s, f) => s + statSync(path.join(MODEL_DIR, f)).size, 0);
  return <Anatomy example={example as Trace} modelBytes={bytes} />;
}
