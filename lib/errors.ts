// Errors the engine throws for the reader: English message (CLI, logs, tests), plus a `code` and the values in the
// message (`params`), so the edge (the cell kernel, the explorer) can say the same thing in Korean
// (lib/cells/korean.ts). Same pattern as lib/runtime's BackendError. See lib/README.md, "Errors".

/** Every code an EngineError may carry; lib/cells/korean.ts must have a Korean line for each (the type checks it). */
export type EngineErrorCode =
  // Hugging Face folders (model/hf-config.ts, hf-load.ts, hf-weights.ts, pipeline/hf.ts, model/source.ts)
  | "hf-not-bert"            // where, modelType, architectures
  | "hf-not-bert-arch"       // where, architectures
  | "hf-position-type"       // where, value
  | "hf-decoder"             // where
  | "hf-activation"          // where, value
  | "hf-no-config"           // where
  | "hf-no-weight-map"       // where, file
  | "hf-unreadable-weights"  // where, file
  | "hf-no-weights"          // where
  | "hf-duplicate-tensor"    // where, tensor, file1, file2
  | "hf-no-vocab"            // where
  | "hf-vocab-too-big"       // where, vocab, rows
  | "missing-file"           // where, file
  | "bad-json"               // where, file
  // safetensors (model/safetensors.ts)
  | "safetensors-short"      // file, bytes
  | "safetensors-header"     // file  (length not plausible, or not JSON)
  | "safetensors-dtype"      // file, tensor, dtype
  | "safetensors-size"       // file, tensor
  | "safetensors-cut"        // file, tensor
  | "weight-not-float"       // tensor, dtype
  // export (model/hf-export.ts)
  | "export-labels"          // labels, numLabels
  | "export-missing"         // tensor
  // the Hub (model/hub.ts: DownloadError's kind)
  | "hub-repo-id"            // repo
  | "download-not-found"     // file
  | "download-http"          // file, status
  | "download-cut"           // file, bytes
  | "download-network"       // file, host
  | "download-aborted"       // file
  // checkpoints (train/checkpoint.ts), plans (train/preflight.ts), tasks (pipeline/tasks.ts)
  | "no-checkpoint"          // key
  | "checkpoint-missing-weights" // names
  | "checkpoint-mismatch"    // tensor
  | "too-long"               // seqLen, positions
  | "no-mask"                // text
  // shipped model files (model/io.ts), configs (model/config.ts), vocabularies and encoding (tokenizer/)
  | "http"                   // url, status
  | "config-activation"      // value
  | "config-heads"           // hidden, heads
  | "no-vocab"
  | "vocab-special"          // line, token
  | "vocab-empty"            // line
  | "vocab-duplicate"        // line, token
  | "vocab-special-missing"  // token
  | "maxlen-too-small";      // maxLen, specials

export type EngineErrorParams = Readonly<Record<string, string | number>>;

/** An engine error the reader may see: English `message`, a `code` for the Korean at the edge, and its values. */
export class EngineError extends Error {
  constructor(readonly code: EngineErrorCode, message: string, readonly params: EngineErrorParams = {}) {
    super(message);
    this.name = "EngineError";
  }
}
