// Monaco's editor worker (word suggestions, link detection), bundled and served by us.
import "monaco-editor/editor/editor.worker";
