// The tf-free half of lib/explain stays tf-free: pages import it on the main thread, and one import of tfjs there
// would put ~1 MB of JavaScript on every page that shows an explanation (issue #28).
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";

async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: "esm", platform: "browser", logLevel: "silent" });
  return Object.keys(r.metafile.inputs);
}

test("lib/explain/view imports no tfjs; lib/explain/explain does (so the check can fail)", async () => {
  const view = await inputsOf("lib/explain/view.ts");
  assert.ok(view.some((f) => f.endsWith("lib/explain/report.ts")), view.join("\n"));
  assert.deepEqual(view.filter((f) => f.includes("@tensorflow")), []);
  const full = await inputsOf("lib/explain/explain.ts");
  assert.ok(full.some((f) => f.includes("@tensorflow")), "explain.ts should pull tfjs in");
});
