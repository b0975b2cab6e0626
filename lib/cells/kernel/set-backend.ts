// setBackend(name) as cells and show.trainer call it: switch (backends.ts), then tell the page (the kernel bar)
// what runs now. Apart from backends.ts because it posts to the page (./context reads the worker's `self`),
// and backends.ts is also loaded in Node tests.
import { post } from "./context";
import { backendDetail, switchBackend } from "./backends";

export async function setKernelBackend(name: string): Promise<string> {
  const b = await switchBackend(name);
  post({ type: "backend", backend: b, ...(await backendDetail(b)) });
  return b;
}
