"use client";
// Which classifier the explorer uses: the shipped one, chapter 6's checkpoint from IndexedDB, or a folder the
// reader picks (Hugging Face or our format). Presentational: Explorer owns the loading.
import type { ModelId } from "./url";

// webkitdirectory is not in React's input props; every engine the site supports implements it.
const DIRECTORY = { webkitdirectory: "" } as Record<string, string>;

export interface ModelStatus {
  id: ModelId;
  state: "idle" | "loading" | "ready" | "waiting" | "error";   // idle: chosen, loaded on the first request
  /** What is in use (ready) or the problem (error); a warning that goes with a ready model. */
  text?: string;
  warning?: string;
}

interface Props {
  status: ModelStatus;
  /** Chapter 6's checkpoint: undefined while checking, null when this browser has none. */
  mine: { step?: number } | null | undefined;
  disabled: boolean;
  onSelect(id: ModelId): void;
  onFolder(files: File[]): void;
}

export function ModelPicker({ status, mine, disabled, onSelect, onFolder }: Props) {
  const mineText = mine === undefined ? "확인 중…" : mine === null ? "이 브라우저에 없음" : mine.step !== undefined ? `${mine.step} 스텝` : "저장됨";
  return (
    <div className="explorer-model" data-testid="explorer-model" data-state={status.state} data-model={status.id}>
      <label>
        모델{" "}
        <select value={status.id} disabled={disabled} data-testid="explorer-model-select" onChange={(e) => onSelect(e.target.value as ModelId)}>
          <option value="shipped">함께 배포한 분류기</option>
          <option value="mine" disabled={mine === null}>6장에서 미세 조정한 내 모델 ({mineText})</option>
          <option value="folder">Hugging Face 폴더에서 가져오기</option>
        </select>
      </label>
      {status.id === "folder" && status.state !== "loading" ? (
        <label className="explorer-chip explorer-folder">
          폴더 고르기
          <input
            type="file"
            multiple
            {...DIRECTORY}
            disabled={disabled}
            data-testid="explorer-folder"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";   // the same folder picked again still fires onChange
              onFolder(files);
            }}
          />
        </label>
      ) : null}
      <span className="explorer-model-text" data-testid="explorer-model-status" role="status">
        {status.state === "loading" ? <span className="explorer-spinner" aria-hidden /> : null}
        {status.state === "loading" ? "모델을 불러오는 중…" : null}
        {status.state === "waiting" ? "config.json, vocab.txt, model.safetensors가 든 폴더를 고르세요. 파일은 이 탭 안에서만 읽습니다." : null}
        {status.state === "ready" ? <>사용 중: {status.text}</> : null}
        {status.state === "idle" ? <>{status.text}</> : null}
        {status.state === "error" ? <strong>{status.text}</strong> : null}
      </span>
      {status.warning ? <div className="explorer-model-warning" role="alert">{status.warning}</div> : null}
    </div>
  );
}
