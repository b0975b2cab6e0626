// Running one cell: compile (TypeScript → notebook JS, transform.ts), define its top-level names as kernel
// globals, evaluate, show the last expression, and map any error back to the reader's line.
import * as tf from "@tensorflow/tfjs";
import { compileCell } from "../transform";
import { formatValue, isTensor } from "../format";
import { emit, newId, NO_DISPLAY, now, post, run, runCells } from "./context";
import { errorItem, syntaxItem } from "./errors";
import { takeFallbackNote } from "./backends";
import { show } from "./show";
import { flushCharts } from "./show/charts";
import { closeProgress } from "./show/progress";

const G = self as unknown as Record<string, unknown>;

/** What `import … from "…"` and require() in a cell may name. */
export function kernelApi(modules: Record<string, unknown>) {
  return {
    g: G,
    require(name: string) {
      if (!(name in modules)) throw new Error(`모듈 '${name}'은(는) 셀에서 쓸 수 없습니다`);
      return modules[name];
    },
  };
}
type KernelApi = ReturnType<typeof kernelApi>;

/** Makes `name` a writable own property of the global object, so an assignment defines it. */
function defineGlobal(name: string) {
  const d = Object.getOwnPropertyDescriptor(G, name);
  if (d && "value" in d && d.writable) return;
  if (d && !d.configurable) throw new Error(`'${name}'은(는) 바꿀 수 없는 전역 이름이라 변수 이름으로 쓸 수 없습니다`);
  Object.defineProperty(G, name, { value: d && "value" in d ? d.value : undefined, writable: true, configurable: true, enumerable: true });
}

const backend = () => tf.getBackend() ?? "none";

/** Compiles and evaluates; false when the cell did not finish (syntax or runtime error). */
async function evaluate(cellId: string, source: string, runId: number, api: KernelApi): Promise<boolean> {
  const compiled = compileCell(source, runId);
  if (!compiled.ok) {
    const e = compiled.error;
    emit(syntaxItem(e.message, { cellId, line: e.line, column: e.column }));
    return false;
  }
  const { code, declared, returnsLast } = compiled.cell;
  for (const n of declared) defineGlobal(n);
  post({ type: "declare", runId, names: declared });
  let fn: (k: KernelApi) => Promise<unknown>;
  try {
    fn = (0, eval)(code);
  } catch (e) {
    // Something our parser accepted but the engine did not: no reliable line.
    emit(syntaxItem((e as Error).message));
    return false;
  }
  const value = await fn(api);
  if (returnsLast && value !== undefined && !(typeof value === "object" && value !== null && NO_DISPLAY in value)) {
    if (isTensor(value)) await show.tensor(value as tf.Tensor);
    else emit({ kind: "text", id: newId(), text: formatValue(value), stream: "result" });
  }
  return true;
}

export async function runCell(msg: { runId: number; cellId: string; source: string; batch?: boolean }, api: KernelApi): Promise<void> {
  const { runId, cellId, source } = msg;
  run.id = runId;
  run.batch = Boolean(msg.batch);
  run.abort = new AbortController();
  runCells.set(runId, cellId);
  post({ type: "start", runId });
  const note = takeFallbackNote();
  if (note) emit({ kind: "text", id: newId(), text: note, stream: "warn", role: "backend-note" });
  const t0 = now();
  let ok = false;
  try {
    ok = await evaluate(cellId, source, runId, api);
  } catch (e) {
    emit(errorItem(e, backend()));
  } finally {
    await flushCharts();
    closeProgress(ok);
    post({ type: "done", runId, ok, ms: now() - t0, backend: backend() });
  }
}
