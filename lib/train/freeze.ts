// Freezing: train only the top of the network. A frozen parameter gets no gradient and no Adam moments, which
// saves 3x its size (gradient + m + v): for mBERT's 119,547 x 768 embedding table alone that is 1.1 GB.
// (tfjs still keeps every activation of the forward pass until the backward pass ends, frozen layers' included,
// so freezing saves parameter-sized memory, not activation memory.)
import type { BertConfig, Params } from "../model";

export interface FreezeOptions {
  embeddings?: boolean;   // word, position and token-type tables and their LayerNorm
  layers?: number;        // the bottom k encoder layers (0 .. k-1)
}

/** Is this parameter frozen under `f`? */
export function isFrozen(name: string, f: FreezeOptions | undefined): boolean {
  if (!f) return false;
  if (f.embeddings && name.startsWith("bert.embeddings.")) return true;
  const m = /^bert\.encoder\.layer\.(\d+)\./.exec(name);
  return m !== null && Number(m[1]) < (f.layers ?? 0);
}

/** The parameters that train, in the model's order. */
export function trainableParams(params: Params, f: FreezeOptions | undefined): Params {
  return new Map([...params].filter(([name]) => !isFrozen(name, f)));
}

/** "embeddings + layers 0–3" for messages; "" when nothing is frozen. */
export function describeFreeze(f: FreezeOptions | undefined): string {
  const parts: string[] = [];
  if (f?.embeddings) parts.push("embeddings");
  if (f?.layers) parts.push(f.layers === 1 ? "layer 0" : `layers 0–${f.layers - 1}`);
  return parts.join(" + ");
}

/** How many parameters `f` freezes, from the config alone (for the memory preflight, before any allocation). */
export function frozenParameterCount(c: BertConfig, f: FreezeOptions | undefined): number {
  const H = c.hidden_size, I = c.intermediate_size;
  const dense = (i: number, o: number) => i * o + o;
  let n = 0;
  if (f?.embeddings) n += (c.vocab_size + c.max_position_embeddings + c.type_vocab_size) * H + 2 * H;
  const layer = 4 * dense(H, H) + 2 * H + dense(H, I) + dense(I, H) + 2 * H;
  n += Math.min(f?.layers ?? 0, c.num_hidden_layers) * layer;
  return n;
}
