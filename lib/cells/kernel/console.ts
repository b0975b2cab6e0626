// console.log & co. → the running cell's output. Outside a run (a timer firing later) text goes to the page log.
import { formatArgs, isTensor } from "../format";
import { emit, newId, post, run } from "./context";

type Level = "log" | "info" | "warn" | "error";
const SILENCED = [/performance of synchronously reading data from GPU/];

/** Captures console output; a lone tensor is handed to `showTensor`, like tf's own print(). */
export function captureConsole(showTensor: (t: unknown) => void): void {
  const capture = (level: Level) => (...args: unknown[]) => {
    const text = formatArgs(args);
    if (SILENCED.some((re) => re.test(text))) return;
    if (!run.id) return post({ type: "log", level: level === "log" ? "info" : level, text });
    if (args.length === 1 && isTensor(args[0])) return showTensor(args[0]);
    emit({ kind: "text", id: newId(), text, stream: level });
  };
  console.log = capture("log");
  console.debug = capture("log");
  console.info = capture("info");
  console.warn = capture("warn");
  console.error = capture("error");
}
