"use client";
// The Monaco editor of one cell. Loaded when the reader points at, focuses or runs a cell (useEditorOnIntent);
// until then the cell shows StaticCode with the same text, size and colours.
import { useEffect, useRef } from "react";
import { monaco } from "./monaco";

export const LINE_HEIGHT = 20;
/** Same list as --font-code in globals.css (Monaco measures glyphs with it, so no CSS var here). */
export const CODE_FONT = '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans KR", monospace';
export const PADDING = 10;

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Accessible name, e.g. "셀 hello 코드". */
  label: string;
  /** 1-based line to mark as the error line. */
  errorLine?: number;
  /**
   * Bumped by the cell when `value` changes from outside (Reset, a restored edit): only then is
   * the editor's text replaced. Typing flows one way (editor → onChange); pushing `value` back
   * on every render would race with fast typing.
   */
  resetKey?: number;
  /** Take the focus when created (the reader had focused the static code). */
  autoFocus?: boolean;
}

export default function CodeEditor({ value, onChange, onRun, label, errorLine, resetKey = 0, autoFocus = false }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Latest callbacks without re-creating the editor.
  const cb = useRef({ onChange, onRun });
  useEffect(() => {
    cb.current = { onChange, onRun };
  });

  useEffect(() => {
    const el = host.current!;
    const editor = monaco.editor.create(el, {
      value,
      language: "typescript",
      theme: "bert-lab-dark",
      ariaLabel: label,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      scrollbar: { vertical: "hidden", horizontal: "auto", alwaysConsumeMouseWheel: false, handleMouseWheel: true },
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      lineNumbers: "on",
      lineNumbersMinChars: 4,
      lineDecorationsWidth: 14,
      glyphMargin: false,
      folding: false,
      renderLineHighlight: "none",
      fontSize: 14,
      lineHeight: LINE_HEIGHT,
      fontFamily: CODE_FONT,
      padding: { top: PADDING, bottom: PADDING },
      tabSize: 2,
      // Wrap, as the static code does: a cell never hides code past its right edge.
      wordWrap: "on",
      wrappingIndent: "none",
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
      fixedOverflowWidgets: true,
      contextmenu: true,
      quickSuggestions: false,
      wordBasedSuggestions: "currentDocument",
    });
    editorRef.current = editor;
    if (autoFocus) editor.focus();
    // For tests and debugging: the editor behind this element (Monaco renders only visible lines).
    Object.defineProperty(el, "bertLabEditor", { value: editor, configurable: true });

    // Grow with the code instead of scrolling inside the cell.
    const fit = () => {
      el.style.height = `${editor.getContentHeight()}px`;
    };
    fit();
    const sizeSub = editor.onDidContentSizeChange(fit);
    const changeSub = editor.onDidChangeModelContent(() => cb.current.onChange(editor.getValue()));
    // Per-editor actions (editor.addCommand would bind to whichever editor was created last).
    editor.addAction({
      id: "bert-lab.run-cell",
      label: "셀 실행",
      keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter, monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => cb.current.onRun(),
    });
    return () => {
      sizeSub.dispose();
      changeSub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // The editor is created once; later value changes are pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outside changes (Reset) replace the text, as one undoable edit.
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    const editor = editorRef.current;
    const v = valueRef.current;
    if (resetKey && editor && editor.getValue() !== v) {
      editor.pushUndoStop();
      editor.executeEdits("reset", [{ range: editor.getModel()!.getFullModelRange(), text: v }]);
      editor.pushUndoStop();
    }
  }, [resetKey]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !errorLine) return;
    const deco = editor.createDecorationsCollection([
      {
        range: new monaco.Range(errorLine, 1, errorLine, 1),
        options: { isWholeLine: true, className: "monaco-error-line", linesDecorationsClassName: "monaco-error-gutter" },
      },
    ]);
    return () => deco.clear();
  }, [errorLine]);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
}
