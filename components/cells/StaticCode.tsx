// Highlighted code as plain HTML: what a cell shows before Monaco loads (and without JS),
// and how non-cell code blocks in chapters are drawn.
import { highlightLines } from "./highlight";

export function StaticCode({ code, lineNumbers = true, className }: { code: string; lineNumbers?: boolean; className?: string }) {
  const lines = highlightLines(code);
  return (
    <pre className={`static-code${lineNumbers ? " with-lines" : ""}${className ? " " + className : ""}`}>
      <code>
        {lines.map((toks, i) => (
          <span className="line" key={i}>
            {toks.map((t, j) =>
              t.kind === "plain" ? t.text : (
                <span key={j} className={`tok-${t.kind}`}>
                  {t.text}
                </span>
              ),
            )}
            {"\n"}
          </span>
        ))}
      </code>
    </pre>
  );
}
