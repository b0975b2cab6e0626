// Offsets from Hugging Face's own (Rust) tokenizer for the tokenizer parity sentences, as test data:
// tests/fixtures/hf/offsets.json, read by tests/unit/tokenizer-offsets.test.ts. tokenizers.js (the package the
// parity test uses) computes no offsets, and Python's transformers is not installed here; the Rust library's Node
// binding is a large native package that the project does not need otherwise, so it is installed only to run this:
//
//   npm i --no-save tokenizers@0.23.2 && npx tsx scripts/hf-offsets.ts
//
// The binding's offsets count code points (Python's do too); JavaScript counts UTF-16 units, so they are converted.
import { readFileSync, writeFileSync } from "node:fs";
import { OFFSET_EXTRA, referenceJSON, SENTENCES } from "../tests/unit/helpers/hf-sentences";

interface RustEncoding { getTokens(): string[]; getOffsets(): number[][] }
interface RustTokenizer { encode(text: string): Promise<RustEncoding> }

/** Code point index → UTF-16 index, for one string (one entry past the end). */
function utf16At(text: string): number[] {
  const at = [0];
  for (const ch of text) at.push(at[at.length - 1] + ch.length);
  return at;
}

async function main() {
  const name = "tokenizers";   // a variable, so that typecheck does not look for a package the project lacks
  const { Tokenizer } = (await import(name)) as { Tokenizer: { fromString(json: string): RustTokenizer } };
  const sentences = [...SENTENCES, ...OFFSET_EXTRA];
  const out: Record<string, { tokens: string[]; offsets: number[][] }[]> = {};
  for (const [vocab, lowercase] of [["uncased", true], ["cased", false]] as const) {
    const tok = Tokenizer.fromString(JSON.stringify(referenceJSON(readFileSync(`tests/fixtures/hf/vocab-${vocab}.txt`, "utf8"), lowercase)));
    out[vocab] = [];
    for (const s of sentences) {
      const e = await tok.encode(s);
      const at = utf16At(s);
      out[vocab].push({ tokens: e.getTokens(), offsets: e.getOffsets().map(([a, b]) => [at[a], at[b]]) });
    }
  }
  writeFileSync("tests/fixtures/hf/offsets.json", JSON.stringify({ sentences, ...out }) + "\n");
  console.log(`wrote tests/fixtures/hf/offsets.json: ${sentences.length} sentences × 2 vocabularies`);
}

void main();
