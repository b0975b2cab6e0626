// `show`: the output API cells call. One file per kind of output; this one only assembles them.
import { attentionItem, type ShowAttentionOptions } from "./attention";
import { check } from "./check";
import { barChart, chart, heatmap, lineChart } from "./charts";
import { deferred } from "./deferred";
import { confirm, download, upload, uploadFolder } from "./files";
import { progress } from "./progress";
import { error, html, table, text } from "./text";
import { tensor } from "./tensor";
import { tokens } from "./tokens";
import { trainer } from "./trainer";

export const show = {
  text,
  table,
  tensor,
  chart,
  lineChart,
  barChart,
  heatmap,
  tokens,
  progress,
  download,
  upload,
  uploadFolder,
  confirm,
  html,
  /** An exercise's verdict: `await show.check("sum-squares", sumOfSquares)` prints ✔, or ✘ with a hint. */
  check,
  /** A caught error in Korean, the English under a toggle: `show.error(e, "모델을 불러오지 못했습니다")`. */
  error,
  /** Chapter 6's fine-tuning with chart, progress, checkpoints and failure handling: `show.trainer({ ...config, tokenizer, train, storage, checkpointKey })`. */
  trainer,
  /** Attention maps (head view, matrix, every layer × head): `await show.attention({ tokens, attentions, prediction? })`. */
  attention(opts: ShowAttentionOptions): Promise<void> {
    return deferred("어텐션 그리는 중…", (id) => attentionItem(opts, id));
  },
};
