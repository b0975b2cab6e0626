"use client";
// The editor where Monaco is not supported (phones and tablets): a plain text area with the same keys
// (Shift+Enter or Ctrl+Enter runs; Tab leaves the box, as it should for keyboard users) and no horizontal scrolling of the page.
import { useEffect, useRef } from "react";

export function PlainEditor({ value, onChange, onRun, label }: { value: string; onChange(v: string): void; onRun(): void; label: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // Grow with the code, so the page scrolls and not the box.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);
  return (
    <textarea
      ref={ref}
      className="plain-editor"
      aria-label={label}
      value={value}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
          e.preventDefault();
          onRun();
        }
      }}
    />
  );
}
