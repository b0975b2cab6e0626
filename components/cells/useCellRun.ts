"use client";
// A cell's run state machine: never → queued → running → ok | error | stopped, the output items the kernel
// streams (drawn at most once per frame), and Stop (first a cooperative interrupt, then a kernel restart).
import { useCallback, useEffect, useRef, useState } from "react";
import type { KernelClient } from "@/lib/cells/client";
import type { OutputItem } from "@/lib/cells/protocol";

export type RunStatus = "never" | "queued" | "running" | "ok" | "error" | "stopped";

export interface CellRun {
  status: RunStatus;
  ms: number;
  backend: string | null;
  outputs: OutputItem[];
  /** Kernel generation of this cell's last run: after a restart its variables are gone. */
  generation: number;
  run(source: string, opts?: { batch?: boolean }): void;
  stop(): void;
}

export function useCellRun(kernel: KernelClient | null, id: string): CellRun {
  const [status, setStatus] = useState<RunStatus>("never");
  const [ms, setMs] = useState(0);
  const [backend, setBackend] = useState<string | null>(null);
  const [generation, setGeneration] = useState(-1);
  const outputsRef = useRef<OutputItem[]>([]);
  const [outputs, setOutputs] = useState<OutputItem[]>([]);
  const runIdRef = useRef(0);
  const startedAt = useRef(0);

  // Output can arrive thousands of times a second (a training loop): draw once per frame.
  const frame = useRef(0);
  const publish = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setOutputs([...outputsRef.current]);
    });
  }, []);
  const publishNow = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    setOutputs([...outputsRef.current]);
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    if (status !== "running") return;
    const t = setInterval(() => setMs(performance.now() - startedAt.current), 100);
    return () => clearInterval(t);
  }, [status]);

  const run = useCallback(
    (source: string, opts: { batch?: boolean } = {}) => {
      if (!kernel) return;
      if (runIdRef.current && kernel.isActive(runIdRef.current)) return;
      outputsRef.current = [];
      publish();
      setStatus("queued");
      setMs(0);
      setGeneration(kernel.state.generation);
      const myRun = kernel.run(
        id,
        source,
        {
          onStart() {
            startedAt.current = performance.now();
            setStatus("running");
          },
          onOutput(item) {
            outputsRef.current.push(item);
            publish();
          },
          onReplace(item) {
            const list = outputsRef.current;
            const i = list.findIndex((o) => o.id === item.id);
            if (i < 0) return;   // an item of an earlier run of this cell
            list[i] = item;
            publish();
          },
          onAppend(chartId, points) {
            const list = outputsRef.current;
            const i = list.findIndex((o) => o.id === chartId);
            const item = list[i];
            if (item?.kind === "chart" && item.spec.type === "line") {
              list[i] = { ...item, spec: { ...item.spec, data: [...(item.spec.data ?? []), ...points] } };
              publish();
            }
          },
          onDone(r) {
            if (runIdRef.current !== myRun) return;
            // Output and the final state land in the same render: "완료" never shows before its output.
            publishNow();
            setStatus(r.stopped ? "stopped" : r.ok ? "ok" : "error");
            setMs(r.stopped ? performance.now() - startedAt.current : r.ms);
            if (r.backend) setBackend(r.backend);
            // `npm run snapshots` (scripts/snapshots.ts) sets this object before the page loads and reads each
            // cell's final output from it; readers never have it.
            const record = (window as unknown as { __bertLabRecord?: Record<string, unknown> }).__bertLabRecord;
            if (record) record[id] = { ok: r.ok, stopped: r.stopped, ms: r.ms, backend: r.backend, items: [...outputsRef.current] };
          },
        },
        opts,
      );
      runIdRef.current = myRun;
    },
    [kernel, id, publish, publishNow],
  );

  const note = useCallback(
    (text: string) => {
      if (!kernel) return;
      outputsRef.current.push({ kind: "text", id: kernel.outputId(), stream: "warn", text });
      publishNow();
    },
    [kernel, publishNow],
  );

  const stop = useCallback(() => {
    if (!kernel || !runIdRef.current) return;
    if (kernel.cancelQueued(runIdRef.current)) return;
    if (!kernel.isActive(runIdRef.current)) return;
    // A cell with show.progress can stop by itself (keeping the kernel); a second press kills the worker.
    if (kernel.interrupt(runIdRef.current)) {
      note("중지를 요청했습니다: 셀이 지금 하던 스텝을 마치고 스스로 멈춥니다. 바로 끝내려면 ■ 중지를 한 번 더 누르세요(커널을 새로 시작합니다).");
      return;
    }
    // restart() reports the names the old kernel held; the note then lands in the same render as "중지됨".
    const report = kernel.restart();
    const lost = report.lostNames.join(", ") || "없음";
    const cells = report.cellsRun.filter((c) => c !== id);
    note(
      `실행을 중지했습니다. 멈추려면 커널(워커)을 끝내고 새로 시작해야 해서, 지금까지 셀들이 만든 변수가 모두 사라졌습니다.\n` +
        `사라진 변수: ${lost}\n` +
        (cells.length ? `앞의 셀을 다시 실행하세요: ${cells.join(", ")}` : "이 셀을 다시 실행하면 됩니다."),
    );
  }, [kernel, id, note]);

  return { status, ms, backend, outputs, generation, run, stop };
}
