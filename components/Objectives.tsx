// What the reader will be able to do after a chapter, each item naming the exercise or cell that checks it.
// Static HTML (a server component): it reads the same without JavaScript.
//
//   <Objectives>
//
//   - 문장을 토큰으로 나누고 id를 읽을 수 있습니다. 확인: [연습 가장 긴 리뷰](#ex-longest)
//
//   </Objectives>
import type { ReactNode } from "react";

export function Objectives({ title = "이 장을 마치면", children }: { title?: string; children: ReactNode }) {
  return (
    <section className="objectives" aria-label={title}>
      <div className="objectives-title">{title}</div>
      <div className="objectives-body">{children}</div>
    </section>
  );
}
