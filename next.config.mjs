import createMDX from "@next/mdx";
import path from "node:path";

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
  options: {
    // By absolute path (a string), so the plugin also works under Turbopack.
    rehypePlugins: [path.join(import.meta.dirname, "scripts/mdx/rehype-heading-ids.mjs")],
  },
});

export default withMDX(nextConfig);
