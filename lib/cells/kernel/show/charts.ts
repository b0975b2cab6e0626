// show.chart / lineChart / barChart / heatmap. A line chart is a handle: `c.append({ step, loss })` posts
// points while the cell runs, batched to at most one message per 50 ms.
import type * as tf from "@tensorflow/tfjs";
import { isTensor } from "../../format";
import type { ChartSpec, LinePoint } from "../../protocol";
import { emit, newId, now, NO_DISPLAY, post, run } from "../context";
import { deferred } from "./deferred";

type Point = Record<string, number | tf.Tensor>;

export class LineChart {
  readonly [NO_DISPLAY] = true;
  private buffer: LinePoint[] = [];
  private lastFlush = now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  constructor(private readonly runId: number, readonly id: number) {
    open.add(this);
  }
  /** Adds one point ({step: 1, loss: 0.5}) or several. Values may be numbers or scalar tensors. */
  append(p: Point | Point[]): void {
    const points = Array.isArray(p) ? p : [p];
    if (!points.some((pt) => Object.values(pt).some(isTensor))) return this.push(points as LinePoint[]);
    this.chain = this.chain.then(async () => {
      const resolved: LinePoint[] = [];
      for (const pt of points) {
        const o: LinePoint = {};
        for (const [k, v] of Object.entries(pt)) o[k] = isTensor(v) ? (await (v as tf.Tensor).data())[0] : Number(v);
        resolved.push(o);
      }
      this.push(resolved);
    });
  }
  private push(points: LinePoint[]): void {
    this.buffer.push(...points);
    // Post at most every 50 ms; also from a synchronous loop, where timers never get to run.
    if (now() - this.lastFlush > 50) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), 50);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = now();
    if (!this.buffer.length) return;
    post({ type: "append", runId: this.runId, id: this.id, points: this.buffer });
    this.buffer = [];
  }
  /** Waits for appended tensor values to be read, then posts everything. */
  async done(): Promise<void> {
    await this.chain;
    this.flush();
  }
}
const open = new Set<LineChart>();

/** At the end of a run: every chart the cell left open gets its last points. */
export async function flushCharts(): Promise<void> {
  for (const c of open) {
    await c.done().catch(() => undefined);
    open.delete(c);
  }
}

/** A line chart that grows: `const c = show.lineChart({title, x: "step", series: ["loss"]}); c.append({step, loss})`. */
export function lineChart(opts: Omit<Extract<ChartSpec, { type: "line" }>, "type"> = {}): LineChart {
  const id = newId();
  emit({ kind: "chart", id, spec: { ...opts, type: "line", data: opts.data ?? [] } });
  return new LineChart(run.id, id);
}

/** Any chart spec; a line chart returns its handle. */
export function chart(spec: ChartSpec): LineChart | undefined {
  if (spec.type === "line") return lineChart(spec);
  emit({ kind: "chart", id: newId(), spec });
  return undefined;
}

export function barChart(opts: { title?: string; labels: string[]; values: number[]; xLabel?: string; yLabel?: string }): void {
  emit({ kind: "chart", id: newId(), spec: { ...opts, type: "bar" } });
}

/** A heatmap of a matrix (number[][] or a 2-D tensor), e.g. attention weights. */
export function heatmap(values: number[][] | tf.Tensor, opts: { title?: string; xLabels?: string[]; yLabels?: string[] } = {}): Promise<void> {
  return deferred("그리는 중…", async (id) => {
    const rows = isTensor(values) ? ((await (values as tf.Tensor).array()) as number[][]) : values;
    return { kind: "chart", id, spec: { ...opts, type: "heatmap", values: rows } };
  });
}
