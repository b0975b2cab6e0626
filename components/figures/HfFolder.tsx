// Chapter 8, "불러오기": a Hugging Face BERT folder, file by file, and what each holds, drawn from the folder the site
// ships (public/models/hf-tiny/): its config's shape, its vocab's line count, its tokenizer settings, its weights'
// storage type. The byte sizes are the real files' (tests/unit/figures-late.test.ts stats them), printed with
// formatBytes. The two optional files are the sharded index and PyTorch's pickle, which the browser does not read.
import { formatBytes } from "@/lib/format";
import tinyConfig from "@/public/models/hf-tiny/config.json";
import tinyTokenizer from "@/public/models/hf-tiny/tokenizer_config.json";
import { Figure, FIG } from "./Figure";
import { Box, T } from "./late-parts";

/** Sizes in bytes of public/models/hf-tiny/* (checked against the files by the unit test), and vocab.txt's lines. */
export const HF_TINY_BYTES: Record<string, number> = {
  "config.json": 503,
  "vocab.txt": 2713,
  "tokenizer_config.json": 48,
  "special_tokens_map.json": 112,
  "model.safetensors": 284154,
};
export const HF_TINY_VOCAB_LINES = 475;
/** The storage type of every tensor in hf-tiny's model.safetensors header. */
export const HF_TINY_DTYPE = "F16";

interface File { name: string; what: string; kind: "model" | "tok" | "weights"; optional?: boolean }

const c = tinyConfig;
export const HF_FILES: File[] = [
  { name: "config.json", what: `모델의 모양: 층 ${c.num_hidden_layers}, 은닉 크기 ${c.hidden_size}, 헤드 ${c.num_attention_heads}, 어휘 ${c.vocab_size}`, kind: "model" },
  { name: "vocab.txt", what: `한 줄에 조각 하나, 줄 번호가 토큰 id (${HF_TINY_VOCAB_LINES}줄)`, kind: "tok" },
  { name: "tokenizer_config.json", what: `소문자로 바꾸기 ${tinyTokenizer.do_lower_case ? "켬" : "끔"}, 최대 길이 ${tinyTokenizer.model_max_length}`, kind: "tok" },
  { name: "special_tokens_map.json", what: "[CLS] [SEP] [PAD] [MASK] [UNK]의 이름", kind: "tok" },
  { name: "model.safetensors", what: `텐서 이름마다 dtype, 모양, 값 (여기서는 ${HF_TINY_DTYPE})`, kind: "weights" },
  { name: "model.safetensors.index.json", what: "가중치가 여러 파일로 나뉘면: 텐서 → 파일", kind: "weights", optional: true },
  { name: "pytorch_model.bin", what: "PyTorch pickle: 브라우저는 읽지 않음", kind: "weights", optional: true },
];

const COLOR = {
  model: [FIG.embed, FIG.embedLine],
  tok: [FIG.token, FIG.tokenLine],
  weights: [FIG.ffn, FIG.ffnLine],
} as const;
const KIND = { model: "설정", tok: "토크나이저", weights: "가중치" } as const;

function drawing(width: number, cols: 1 | 2) {
  const pad = 10, rowH = 50, gap = 6, top = 44;
  const colW = (width - pad * 2 - (cols - 1) * 12) / cols;
  const perCol = Math.ceil(HF_FILES.length / cols);
  return (
    <g>
      <path d={`M${pad},14 h96 l10,10 H${width - pad}`} fill="none" stroke={FIG.muted} strokeWidth={1.2} />
      <T x={pad + 6} y={30} weight={700} mono>hf-tiny/</T>
      <T x={width - pad} y={38} anchor="end" size={FIG.small} fill={FIG.muted}>크기는 이 사이트의 /models/hf-tiny/</T>
      {HF_FILES.map((f, i) => {
        const col = Math.floor(i / perCol), row = i % perCol;
        const x = pad + col * (colW + 12), y = top + row * (rowH + gap);
        const [fill, line] = COLOR[f.kind];
        const size = HF_TINY_BYTES[f.name];
        return (
          <g key={f.name}>
            <Box x={x} y={y} w={colW} h={rowH} fill={f.optional ? "#fff" : fill} stroke={line} dash={f.optional} />
            <T x={x + 10} y={y + 20} weight={700} mono>{f.name}</T>
            <T x={x + colW - 8} y={y + 20} anchor="end" size={FIG.small} fill={FIG.muted}>
              {f.optional ? "없어도 됨" : size !== undefined ? formatBytes(size, 1) : KIND[f.kind]}
            </T>
            <T x={x + 10} y={y + 39} size={FIG.small}>{f.what}</T>
          </g>
        );
      })}
    </g>
  );
}

const heightFor = (cols: number) => 44 + Math.ceil(HF_FILES.length / cols) * 56 + 4;

export function HfFolder() {
  return (
    <Figure
      id="hf-folder"
      title="Hugging Face BERT 폴더의 파일들"
      desc="config.json(모델의 모양), vocab.txt(한 줄에 조각 하나), tokenizer_config.json과 special_tokens_map.json(토크나이저 설정과 특수 토큰), model.safetensors(가중치)가 있고, 가중치를 나눈 폴더에는 model.safetensors.index.json이, 옛 폴더에는 pytorch_model.bin이 있을 수 있습니다."
      width={360}
      height={heightFor(1)}
      wide={[720, heightFor(2), drawing(720, 2)]}
      caption={
        <>
          <code>engine.loadHuggingFace</code>가 읽는 폴더입니다. 파란 파일 셋은 토크나이저를, <code>config.json</code>은 모델의
          모양을, <code>model.safetensors</code>는 가중치를 담습니다. 점선 두 파일은 없어도 되고, <code>pytorch_model.bin</code>만 있는
          폴더는 아래 &lsquo;내 모델 폴더로&rsquo; 절처럼 먼저 <code>model.safetensors</code>로 바꿔야 합니다.
        </>
      }
    >
      {drawing(360, 1)}
    </Figure>
  );
}
