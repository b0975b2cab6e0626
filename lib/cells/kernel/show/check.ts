// show.check(id, answer): an exercise's verdict under its scratch cell. The check (lib/cells/exercises) recomputes
// the right answer from the chapter's globals; a ✘ is an answer, not an error, so the cell still ends "완료".
import { emit, newId } from "../context";
import { runCheck } from "../../exercises";

const G = self as unknown as Record<string, unknown>;

/** Prints the verdict; returns nothing, so a cell that ends with it prints no extra `true`/`false`. */
export async function check(exercise: string, answer: unknown): Promise<void> {
  const v = await runCheck(exercise, answer, G);
  emit(v.ok ? { kind: "check", id: newId(), exercise, ok: true, text: v.text } : { kind: "check", id: newId(), exercise, ok: false, text: "아직 아닙니다", hint: v.hint });
}
