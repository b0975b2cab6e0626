"use client";
// Monaco is large: load it once a cell comes near the viewport (600 px ahead), and keep showing the static,
// highlighted code until then, or for good if it cannot load (or on a phone, where Monaco is not supported).
import { useEffect, useState, type ComponentType, type RefObject } from "react";
import type { CodeEditorProps } from "./CodeEditor";

let editorModule: Promise<ComponentType<CodeEditorProps>> | null = null;
function loadEditor() {
  editorModule ??= import("./CodeEditor").then((m) => m.default);
  return editorModule;
}

/** Monaco's own docs: mobile browsers are not supported. A coarse pointer without hover is a phone or tablet. */
export function isTouchOnly(): boolean {
  return typeof matchMedia === "function" && matchMedia("(hover: none) and (pointer: coarse)").matches;
}

/** Monaco once near the viewport; `plain` true on touch-only devices (after hydration: the server cannot know). */
export function useEditorWhenVisible(ref: RefObject<HTMLElement | null>): { Editor: ComponentType<CodeEditorProps> | null; plain: boolean } {
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  const [plain, setPlain] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (isTouchOnly()) {
      setPlain(true);
      return;
    }
    let cancelled = false;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        loadEditor().then(
          (C) => !cancelled && setEditor(() => C),
          (e) => console.warn("Monaco를 불러오지 못했습니다; 정적 코드를 보여 줍니다", e),
        );
      },
      { rootMargin: "600px 0px" },
    );
    io.observe(el);
    return () => {
      cancelled = true;
      io.disconnect();
    };
  }, [ref]);
  return { Editor, plain };
}
