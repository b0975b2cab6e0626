import createMDX from "@next/mdx";
import { rehypePlugins, remarkPlugins } from "./scripts/mdx/plugins.mjs";

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

export default withMDX(nextConfig);
