"use client";
// Chapter 6, after a reload: "a checkpoint of yours is in this browser, at step N; here is how to go on".
// It reads only the checkpoint's summary from IndexedDB (not its tens of MB of weights), on the page's thread.
import { useEffect, useState } from "react";
import { IndexedDBStorage, type CheckpointStat } from "@/lib/train/storage-idb";
import { useKernel } from "./cells/KernelProvider";
import { formatBytes } from "@/lib/format";

function ago(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}초 전`;
  if (s < 3600) return `${Math.round(s / 60)}분 전`;
  if (s < 86_400) return `${Math.round(s / 3600)}시간 전`;
  return new Date(ms).toLocaleString("ko-KR");
}

export function CheckpointNotice({ checkpoint, setup, resume }: { checkpoint: string; setup: string[]; resume: string }) {
  const { runCells } = useKernel();
  const [stat, setStat] = useState<CheckpointStat | null | "none">(null);
  useEffect(() => {
    let live = true;
    new IndexedDBStorage().stat(checkpoint).then(
      (s) => live && setStat(s ?? "none"),
      () => live && setStat("none"),   // no IndexedDB (private window): nothing to offer
    );
    return () => {
      live = false;
    };
  }, [checkpoint]);
  if (stat === null || stat === "none") return null;
  const finished = stat.step !== undefined && stat.totalSteps !== undefined && stat.step >= stat.totalSteps;
  const where = stat.step === undefined ? "스텝 모름" : stat.totalSteps === undefined ? `스텝 ${stat.step}` : `스텝 ${stat.step}/${stat.totalSteps}`;
  return (
    <aside className="callout callout-info checkpoint-notice" data-testid="checkpoint-notice" data-step={stat.step}>
      <div className="callout-title">
        <span className="callout-icon" aria-hidden="true" />
        저장된 체크포인트가 있습니다
      </div>
      <div className="callout-body">
        <p>
          이 브라우저의 IndexedDB에 <code>{checkpoint}</code> 체크포인트가 있습니다: <strong>{where}</strong>, {ago(stat.savedAt)} 저장,{" "}
          {formatBytes(stat.bytes, 1)}.
        </p>
        {finished ? (
          <p>끝까지 학습한 체크포인트입니다. 준비 셀({setup.join(", ")})을 실행하면 평가 셀과 그 아래 셀들이 이 체크포인트의 모델을 씁니다.</p>
        ) : (
          <p>
            이어서 학습하려면 준비 셀({setup.join(", ")})을 차례로 실행한 뒤{" "}
            <a href={`#cell-${resume}`}>
              <code>{resume}</code> 셀
            </a>
            을 실행하세요. 아래 버튼은 그 순서대로 실행합니다.
          </p>
        )}
        <button type="button" className="btn" onClick={() => runCells(finished ? setup : [...setup, resume])}>
          {finished ? "준비 셀 실행" : "준비 셀 실행 후 이어서 학습"}
        </button>
      </div>
    </aside>
  );
}
