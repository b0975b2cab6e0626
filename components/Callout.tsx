// A highlighted aside in a chapter: <Callout type="tip" title="팁">…</Callout>
import type { ReactNode } from "react";

const LABELS = { note: "참고", tip: "팁", warning: "주의", info: "알아두기" } as const;

export function Callout({ type = "note", title, children }: { type?: keyof typeof LABELS; title?: string; children: ReactNode }) {
  return (
    <aside className={`callout callout-${type}`}>
      <div className="callout-title">
        <span className="callout-icon" aria-hidden="true" />
        {title ?? LABELS[type]}
      </div>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
