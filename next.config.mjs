import createMDX from "@next/mdx";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { rehypePlugins, remarkPlugins } from "./scripts/mdx/plugins.mjs";
import { ISOLATION_HEADERS } from "./scripts/serve.mjs";

// Static export: every page is prerendered to out/, all compute happens in the reader's browser.
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "export",
  trailingSlash: false,
  pageExtensions: ["ts", "tsx", "mdx"],
  images: { unoptimized: true },
  reactStrictMode: true,
  // `npm run dev` opened as http://127.0.0.1:3000 (not only localhost) may load dev resources.
  allowedDevOrigins: ["127.0.0.1"],
  // The engine and kernel import tfjs; nothing here runs on a server at request time.
  turbopack: { root: import.meta.dirname },
};

const withMDX = createMDX({
  // Module names and absolute paths (strings), so the plugins also work under Turbopack; see scripts/mdx/plugins.mjs.
  options: { remarkPlugins, rehypePlugins },
});

// public/data/nsmc/*.txt.gz: the dev server, like scripts/serve.mjs, sends them as application/gzip with no
// Content-Encoding (its compression leaves gzip bodies alone); the page gunzips them (lib/data/fetch-text.ts).

// `npm run dev` sends the cross-origin isolation headers that `npm run serve` sends (COOP/COEP/CORP: WASM threads).
// Only in the dev server: `output: "export"` refuses `headers()` in a build, where the static host (or the
// service worker public/coi-sw.js) provides them.
const isolationHeaders = async () => [
  { source: "/:path*", headers: Object.entries(ISOLATION_HEADERS).map(([key, value]) => ({ key, value })) },
];

export default function config(phase) {
  return withMDX(phase === PHASE_DEVELOPMENT_SERVER ? { ...nextConfig, headers: isolationHeaders } : nextConfig);
}
