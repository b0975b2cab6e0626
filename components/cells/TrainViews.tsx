"use client";
// Renderers for long-running cells: show.progress (a live panel with Stop; in bytes when engine.fetchText
// reports to it), show.download (a Blob link) and show.upload (a file picker whose file goes back to the kernel).
import { useEffect, useMemo, useState } from "react";
import type { ConfirmItem, DownloadItem, ProgressItem, UploadItem } from "@/lib/cells/protocol";
import { droppedFiles } from "./droppedFiles";
import { formatBytes, formatDuration } from "@/lib/format";
import { useKernel } from "./KernelProvider";
import { STAGE_NAMES, TRAIN_STAGES } from "@/components/figures/training-stages";
import styles from "./TrainViews.module.css";

const STATUS: Record<ProgressItem["status"], string> = {
  running: "진행 중",
  stopping: "멈추는 중…",
  done: "완료",
  stopped: "중지됨",
  error: "실패",
};

export function ProgressView({ item }: { item: ProgressItem }) {
  const { kernel } = useKernel();
  const frac = item.total > 0 ? Math.min(1, item.step / item.total) : 0;
  const pct = Math.floor(frac * 1000) / 10;
  const stop = () => {
    const runId = kernel?.currentRunId;
    if (kernel && runId !== null && runId !== undefined) kernel.interrupt(runId);
  };
  const bytes = item.unit === "bytes";
  const fields: [string, string][] = [];
  if (item.bytesPerSec !== undefined && item.status === "running") fields.push(["속도", `${formatBytes(item.bytesPerSec, 1)}/초`]);
  if (item.loss !== undefined) fields.push(["loss", item.loss.toFixed(4)]);
  if (item.acc !== undefined) fields.push(["정확도", `${(item.acc * 100).toFixed(1)}%`]);
  if (item.exPerSec !== undefined) fields.push(["속도", `${item.exPerSec.toFixed(1)} 예제/초`]);
  if (item.eta !== undefined && item.status === "running") fields.push(["남은 시간", formatDuration(item.eta)]);
  if (item.backend) fields.push(["백엔드", item.backend]);
  if (item.memory) {
    fields.push(["텐서", `${item.memory.numTensors.toLocaleString("ko-KR")}개 · ${formatBytes(item.memory.numBytes, 1)}`]);
    if (item.memory.numBytesInGPU !== undefined) fields.push(["GPU 메모리", formatBytes(item.memory.numBytesInGPU, 1)]);
  }
  return (
    <div className={styles.progress} data-testid={bytes ? "fetch-progress" : "progress"} data-step={item.step} data-total={item.total} data-status={item.status}>
      <div className={styles.head}>
        {item.title ? <strong>{item.title}</strong> : null}
        <span className={`${styles.status} ${styles[item.status] ?? ""}`}>{STATUS[item.status]}</span>
        <span className={styles.spacer} />
        {item.status === "running" ? (
          <button type="button" className="btn btn-stop" onClick={stop} title={bytes ? "내려받기를 멈춥니다 (셀은 오류로 끝납니다)" : "이번 스텝을 마치고 체크포인트를 저장한 뒤 멈춥니다"}>
            {bytes ? "■ 받기 멈추기" : "■ 학습 멈추기"}
          </button>
        ) : null}
      </div>
      <div className={styles.track} role="progressbar" aria-valuemin={0} aria-valuemax={item.total} aria-valuenow={item.step}>
        <div className={styles.fill} style={{ width: `${frac * 100}%` }} />
        <span className={styles.label}>{progressLabel(item, pct)}</span>
      </div>
      {fields.length ? (
        <dl className={styles.fields}>
          {fields.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {item.stage ? <StageStrip item={item} /> : null}
      {item.note ? <div className={styles.note}>{item.note}</div> : null}
    </div>
  );
}

/**
 * Chapter 6's training loop in one row, with the stage of the step being computed now lit (the engine reports each
 * stage as it starts: lib/train/stages.ts). Nothing is lit once training has ended.
 */
function StageStrip({ item }: { item: ProgressItem }) {
  const live = item.status === "running" || item.status === "stopping";
  return (
    <div className={styles.stages} data-testid="train-stage" data-stage={live ? item.stage : ""}>
      <span className={styles.stagesLabel}>{live ? "지금 단계" : "스텝의 단계"}</span>
      <ol>
        {TRAIN_STAGES.map((s) => (
          <li key={s} className={live && s === item.stage ? styles.stageOn : undefined} aria-current={live && s === item.stage ? "step" : undefined}>
            {STAGE_NAMES[s].n} {STAGE_NAMES[s].name}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** "1,200 / 9,375 스텝 · 12.8%", or for a download "2.4 MiB / 5.9 MiB · 40.6%" ("2.4 MiB 받음" when the size is unknown). */
function progressLabel(item: ProgressItem, pct: number): string {
  if (item.unit !== "bytes") return `${item.step.toLocaleString("ko-KR")} / ${item.total.toLocaleString("ko-KR")} 스텝 · ${pct}%`;
  if (item.total > 0) return `${formatBytes(item.step, 1)} / ${formatBytes(item.total, 1)} · ${pct}%`;
  return `${formatBytes(item.step, 1)} 받음`;
}

export function DownloadView({ item }: { item: DownloadItem }) {
  // A fresh object URL per item; revoked when the output goes away.
  const url = useMemo(() => URL.createObjectURL(new Blob([item.bytes as BlobPart], { type: item.mime })), [item.bytes, item.mime]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <div className={styles.file}>
      <a className="btn" href={url} download={item.name} data-testid="download">
        ⬇ {item.label ?? item.name}
      </a>
      <span className={styles.meta}>
        {item.name} · {formatBytes(item.bytes.length, 1)}
      </span>
    </div>
  );
}

export function UploadView({ item }: { item: UploadItem }) {
  if (item.folder) return <FolderUploadView item={item} />;
  return <FileUploadView item={item} />;
}

function UploadDone({ item }: { item: UploadItem }) {
  return (
    <div className={styles.file} data-testid="upload" data-state={item.state}>
      {item.state === "received"
        ? item.folder
          ? `받은 파일: ${item.count}개 (${formatBytes(item.size ?? 0, 1)})`
          : `받은 파일: ${item.fileName} (${formatBytes(item.size ?? 0, 1)})`
        : item.state === "skipped"
          ? "모두 실행 중이라 파일 선택을 건너뛰었습니다. 파일을 올리려면 이 셀의 ▶ 실행을 따로 누르세요."
          : "파일 선택을 취소했습니다"}
    </div>
  );
}

function FileUploadView({ item }: { item: UploadItem }) {
  const { kernel } = useKernel();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file || !kernel) return;
    setReading(true);
    setError(null);
    try {
      kernel.sendUpload(item.id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (e) {
      setError(`파일을 읽지 못했습니다: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setReading(false);
    }
  };
  if (item.state !== "waiting") return <UploadDone item={item} />;
  return (
    <div className={styles.file} data-testid="upload" data-state={item.state}>
      <label className="btn">
        {reading ? "읽는 중…" : item.label}
        <input type="file" accept={item.accept} className={styles.input} disabled={reading} onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      <button type="button" className="btn" onClick={() => kernel?.sendUpload(item.id, null)} disabled={reading}>
        취소
      </button>
      {error ? <span className={styles.error}>{error}</span> : null}
    </div>
  );
}

// webkitdirectory is not in React's input props; every engine the site supports implements it.
const DIRECTORY = { webkitdirectory: "" } as Record<string, string>;

/** A folder picker, a several-files picker and a drop zone; the File handles go to the kernel unread. */
function FolderUploadView({ item }: { item: UploadItem }) {
  const { kernel } = useKernel();
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = (files: File[]) => {
    if (!kernel) return;
    if (files.length === 0) { setError("파일이 없습니다. 모델 폴더(config.json, vocab.txt, model.safetensors가 든)를 고르세요."); return; }
    kernel.sendUpload(item.id, { files });
  };
  if (item.state !== "waiting") return <UploadDone item={item} />;
  return (
    <div
      className={`${styles.file} ${styles.drop}${over ? ` ${styles.dropOver}` : ""}`}
      data-testid="upload"
      data-state={item.state}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        droppedFiles(e.dataTransfer).then(send, (err: unknown) => setError(`끌어다 놓은 파일을 읽지 못했습니다: ${err instanceof Error ? err.message : String(err)}`));
      }}
    >
      <label className="btn">
        {item.label}
        <input type="file" multiple {...DIRECTORY} className={styles.input} data-testid="upload-folder" onChange={(e) => send([...(e.target.files ?? [])])} />
      </label>
      <label className="btn">
        파일 여러 개 고르기
        <input type="file" multiple className={styles.input} data-testid="upload-files" onChange={(e) => send([...(e.target.files ?? [])])} />
      </label>
      <button type="button" className="btn" onClick={() => kernel?.sendUpload(item.id, null)}>
        취소
      </button>
      <span className={styles.dropHint}>또는 폴더나 파일을 여기에 끌어다 놓으세요</span>
      {error ? <span className={styles.error}>{error}</span> : null}
    </div>
  );
}

/** show.confirm: the question and two buttons; afterwards, the answer. */
export function ConfirmView({ item }: { item: ConfirmItem }) {
  const { kernel } = useKernel();
  if (item.state !== "waiting") {
    const said = item.state === "yes" ? item.yes : item.state === "no" ? item.no : "모두 실행 중이라 묻지 않고 건너뛰었습니다. 이 셀의 ▶ 실행을 따로 누르세요.";
    return <div className={styles.file} data-testid="confirm" data-state={item.state}>{item.message} → {said}</div>;
  }
  return (
    <div className={styles.file} data-testid="confirm" data-state={item.state}>
      <span>{item.message}</span>
      <button type="button" className="btn" data-testid="confirm-yes" onClick={() => kernel?.sendConfirm(item.id, true)}>{item.yes}</button>
      <button type="button" className="btn" data-testid="confirm-no" onClick={() => kernel?.sendConfirm(item.id, false)}>{item.no}</button>
    </div>
  );
}
