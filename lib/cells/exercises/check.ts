// What an exercise check is, and the small helpers the checks share. A check gets the reader's answer (the variable
// the exercise names, passed to show.check) and the kernel's globals (what the chapter's cells defined), recomputes
// the right answer with the engine, and says ✔ or ✘ with a hint. It never trusts the reader's own numbers for the
// expected value, so a check can fail.
import * as tf from "@tensorflow/tfjs";

export type Verdict = { ok: true; text: string } | { ok: false; hint: string };

export interface ExerciseCheck {
  /** Chapter slug (the MDX file without its number), for the tests and for messages. */
  chapter: string;
  /** The variable the exercise asks the reader to fill (shown in hints). */
  answer: string;
  check(answer: unknown, g: Record<string, unknown>): Promise<Verdict> | Verdict;
}

export const ok = (text: string): Verdict => ({ ok: true, text });
export const no = (hint: string): Verdict => ({ ok: false, hint });

/** Thrown by need() and the readers below: the check stops with this hint (a ✘, not an error). */
export class Miss extends Error {}

/** A global a chapter cell defines: missing means that cell has not run in this kernel. */
export function need<T>(g: Record<string, unknown>, name: string, cell: string): T {
  if (g[name] === undefined) throw new Miss(`\`${name}\`이(가) 아직 없습니다. 먼저 위의 \`${cell}\` 셀을 실행하세요.`);
  return g[name] as T;
}

/** A number from a number or a one-element tensor. */
export async function num(x: unknown, name: string): Promise<number> {
  if (typeof x === "number" && Number.isFinite(x)) return x;
  if (x instanceof tf.Tensor && x.size === 1) return (await x.data())[0];
  throw new Miss(`\`${name}\`에는 숫자를 넣어야 합니다 (지금: ${describe(x)}).`);
}

export function describe(x: unknown): string {
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  if (x instanceof tf.Tensor) return `텐서 [${x.shape.join(", ")}]`;
  if (Array.isArray(x)) return `배열 (${x.length}개)`;
  if (typeof x === "number") return String(x);
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? x.slice(0, 40) + "…" : x);
  return typeof x;
}

/** |a − b| ≤ tol, relative to b when b is large. */
export const near = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
