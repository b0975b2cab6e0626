import type { Metadata } from "next";
import Link from "next/link";

// The static export writes this as out/404.html; a static host serves it for any unknown address. In Korean, like
// every screen (Next.js's default says "This page could not be found.").
export const metadata: Metadata = { title: "페이지를 찾을 수 없습니다" };

export default function NotFound() {
  return (
    <div className="home not-found">
      <section className="hero">
        <p className="chapter-kicker">404</p>
        <h1>페이지를 찾을 수 없습니다</h1>
        <p className="lead">
          주소가 바뀌었거나 잘못 입력된 것 같습니다. 목차에서 읽을 장을 골라 주세요.
        </p>
      </section>
      <ol className="chapter-list">
        <li>
          <Link href="/" className="chapter-card" data-testid="not-found-home">
            <span className="chapter-num">←</span>
            <span className="chapter-text">
              <span className="chapter-title">목차로 가기</span>
              <span className="chapter-desc">BERT Lab의 모든 장과 어텐션 탐색기, 백엔드 진단</span>
            </span>
          </Link>
        </li>
      </ol>
    </div>
  );
}
