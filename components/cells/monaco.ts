// Monaco, bundled from node_modules (never a CDN), with only what a notebook cell needs:
// the core editor, TypeScript highlighting (no TS language service: cells are type-checked by
// nobody, and its worker is large), and the everyday editing features.
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/suggest/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker() {
    return new Worker(new URL("./monaco-editor.worker.ts", import.meta.url), { type: "module", name: "monaco-editor" });
  },
};

monaco.editor.defineTheme("bert-lab-dark", {
  base: "vs-dark",
  inherit: true,
  // Monarch's TypeScript rules know only ASCII identifiers, so Hangul names ({ 리뷰: … }) fall to its default
  // token "invalid", drawn red. Korean is what our readers write: draw it as ordinary code.
  rules: [{ token: "invalid", foreground: "d4d4d4" }],
  colors: {
    "editor.background": "#1a1d24",
    "editorGutter.background": "#1a1d24",
    "editorLineNumber.foreground": "#5c6370",
    "editorLineNumber.activeForeground": "#9da5b4",
  },
});

export { monaco };
