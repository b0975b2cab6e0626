// Node-only: activate the cpu or wasm tfjs backend for CLIs, benches and tests.
// In Node the wasm binaries are loaded from node_modules/@tensorflow/tfjs-backend-wasm/dist (a file path
// prefix works with setWasmPaths under Node 20); tfjs-wasm runs single-threaded there.
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { chooseBackend, type BackendChoice, type BackendName } from "../lib/runtime";

export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep; // .../dist/
}

/** Activate `name` (default cpu) in Node. Silences tfjs's "install tfjs-node" banner unless verbose. */
export async function setupNodeBackend(name: BackendName = "cpu", opts: { verbose?: boolean } = {}): Promise<BackendChoice> {
  if (!opts.verbose) tf.env().set("PROD", true); // PROD silences tfjs warnings (the banner is one), nothing else
  if (name !== "cpu" && name !== "wasm") throw new Error(`backend "${name}" is not available in Node (use cpu or wasm)`);
  return chooseBackend({ force: name, wasmPaths: nodeWasmDir() });
}
