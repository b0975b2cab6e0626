// Fenced code blocks in chapters (outside <Cell>): highlighted statically, no editor.
import { isValidElement, type ReactNode } from "react";
import { StaticCode } from "./cells/StaticCode";

function codeOf(children: ReactNode): { text: string; lang: string } {
  if (isValidElement(children)) {
    const p = children.props as { className?: string; children?: ReactNode };
    const lang = /language-(\S+)/.exec(p.className ?? "")?.[1] ?? "";
    return { text: typeof p.children === "string" ? p.children : String(p.children ?? ""), lang };
  }
  return { text: typeof children === "string" ? children : "", lang: "" };
}

const CODE_LANGS = new Set(["ts", "typescript", "js", "javascript", "tsx", "jsx", "json"]);

export function CodeBlock({ children }: { children?: ReactNode }) {
  const { text, lang } = codeOf(children);
  const code = text.replace(/\n$/, "");
  if (!CODE_LANGS.has(lang)) {
    return (
      <pre className="static-code plain">
        <code>{code}</code>
      </pre>
    );
  }
  return <StaticCode code={code} lineNumbers={false} />;
}
