// Writes tests/fixtures/parity-input.json: fixed sentences encoded by the TypeScript tokenizer (the only one).
// scripts/pretrain/parity.py then runs the PyTorch model on exactly these ids and writes the expected outputs.
import { readFileSync, writeFileSync } from "node:fs";
import { WordPieceTokenizer } from "../lib/tokenizer";

export const PARITY_SENTENCES = [
  "이 영화 정말 재밌어요! 배우들 연기가 최고",
  "시간 아까운 최악의 영화...",
  "고양이",
  "BERT는 양방향 인코더입니다. 😀",
];

const tok = WordPieceTokenizer.fromVocabText(readFileSync("public/models/classifier/vocab.txt", "utf8"));
const ids = PARITY_SENTENCES.map((s) => tok.encode(s).ids);
writeFileSync("tests/fixtures/parity-input.json", JSON.stringify({ sentences: PARITY_SENTENCES, ids }, null, 1) + "\n");
console.log(`wrote ${ids.length} sentences`);
