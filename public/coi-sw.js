// BERT Lab: cross-origin isolation for static hosts that cannot send headers (GitHub Pages). Registered by
// coi-register.js only when the page is not already isolated. It re-sends each same-origin response (pages, scripts,
// workers, WASM, model and data files) with the headers scripts/serve.mjs sends, so the page and its workers are
// cross-origin isolated and tfjs-wasm can use threads (SharedArrayBuffer).
//
// Left alone (no respondWith, the browser does what it would do without a worker):
//   - cross-origin requests (the Hugging Face Hub, …): untouched, so their CORS and the page's Cache Storage work as before;
//   - `cache: "only-if-cached"` outside same-origin mode (fetch() would throw: a DevTools quirk);
//   - Range requests. A 206, an opaque or an error response is passed on as it came.
"use strict";

const HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function isolated(response) {
  // status 0: opaque, opaqueredirect or a network error; 206: a partial body must not be re-wrapped.
  if (response.status === 0 || response.status === 206 || response.type === "opaque" || response.type === "opaqueredirect") return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(HEADERS)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.headers.has("range")) return;
  event.respondWith(fetch(request).then(isolated));
});
