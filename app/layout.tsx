import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
// Hangul font shipped from npm (self-hosted by the build, no font CDN).
import "@fontsource/noto-sans-kr/400.css";
import "@fontsource/noto-sans-kr/700.css";
import "./globals.css";

// Under a basePath (a GitHub Pages project site) the scripts live there too.
const basePath = process.env.NEXT_PUBLIC_BASE_PATH ?? "";

export const metadata: Metadata = {
  title: { default: "BERT Lab", template: "%s · BERT Lab" },
  description: "브라우저에서 직접 돌려 보며 배우는 한국어 BERT",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // suppressHydrationWarning: coi-register.js sets data-coi (and data-coi-reason) on <html> before React hydrates.
    <html lang="ko" suppressHydrationWarning>
      <head>
        {/* Cross-origin isolation where the host sends no COOP/COEP headers: a service worker adds them (WASM
            threads). A plain blocking script in <head>: it runs before the body is parsed. */}
        <script src={`${basePath}/coi-register.js`} />
      </head>
      <body>
        <header className="site-header">
          <div className="site-header-inner">
            <Link href="/" className="site-logo">
              <span className="logo-mark">B</span> BERT Lab
            </Link>
            <nav className="site-nav">
              <Link href="/">목차</Link>
            </nav>
          </div>
        </header>
        <main>{children}</main>
        <footer className="site-footer">
          BERT Lab · 모든 계산은 여러분의 브라우저에서 실행됩니다 (TensorFlow.js)
        </footer>
      </body>
    </html>
  );
}
