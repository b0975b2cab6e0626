"use client";
// Monaco is large (~2.3 MB of JavaScript before gzip): it loads when the reader shows they want to edit, the first
// time they point at or focus a cell's code, or press ▶ (`want()`). Until then, and for good if it cannot load,
// the cell shows the static, highlighted code; on a phone (Monaco does not support mobile browsers) a plain
// text area. One load serves every cell of the page: once loaded, the other cells swap in as they come near the
// viewport.
import { useCallback, useEffect, useState, type ComponentType, type RefObject } from "react";
import type { CodeEditorProps } from "./CodeEditor";

let editorModule: Promise<ComponentType<CodeEditorProps>> | null = null;
let loaded: ComponentType<CodeEditorProps> | null = null;
const waiting = new Set<() => void>();
function loadEditor() {
  editorModule ??= import("./CodeEditor").then((m) => {
    loaded = m.default;
    for (const wake of waiting) wake();
    return m.default;
  });
  return editorModule;
}

/** Monaco's own docs: mobile browsers are not supported. A coarse pointer without hover is a phone or tablet. */
export function isTouchOnly(): boolean {
  return typeof matchMedia === "function" && matchMedia("(hover: none) and (pointer: coarse)").matches;
}

/**
 * `host` is the element around the code. Returns the editor once loaded (null before), `plain` on touch-only
 * devices (after hydration: the server cannot know) and `want()`, which asks for Monaco (▶ calls it).
 */
export function useEditorOnIntent(host: RefObject<HTMLElement | null>): {
  Editor: ComponentType<CodeEditorProps> | null;
  plain: boolean;
  want(): void;
} {
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  const [plain, setPlain] = useState(false);

  const want = useCallback(() => {
    if (plain) return;
    loadEditor().catch((e) => console.warn("Monaco를 불러오지 못했습니다; 정적 코드를 보여 줍니다", e));
  }, [plain]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    if (isTouchOnly()) {
      setPlain(true);
      return;
    }
    let cancelled = false;
    // Swap in the editor when it is loaded and this cell is near the viewport (Monaco per cell costs layout time).
    let near = false;
    const swap = () => {
      if (!cancelled && loaded && near) {
        const C = loaded;
        setEditor(() => C);
      }
    };
    waiting.add(swap);
    const io = new IntersectionObserver(
      (entries) => {
        near = entries.some((e) => e.isIntersecting);
        if (near) swap();
      },
      { rootMargin: "600px 0px" },
    );
    io.observe(el);
    // The reader's intent: a pointer over the code, or focus in it (Tab, a click).
    const intent = () => {
      near = true;
      loadEditor().then(swap, (e) => console.warn("Monaco를 불러오지 못했습니다; 정적 코드를 보여 줍니다", e));
    };
    el.addEventListener("pointerenter", intent, { once: true });
    el.addEventListener("focusin", intent, { once: true });
    return () => {
      cancelled = true;
      waiting.delete(swap);
      io.disconnect();
      el.removeEventListener("pointerenter", intent);
      el.removeEventListener("focusin", intent);
    };
  }, [host]);
  return { Editor, plain, want };
}
