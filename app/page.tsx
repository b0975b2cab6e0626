import { IntentLink } from "@/components/IntentLink";
import { listChapters } from "./chapters";
import { BertAnatomy } from "@/components/anatomy/BertAnatomy";

export default async function Home() {
  const chapters = await listChapters();
  return (
    <div className="home">
      <section className="hero">
        <h1>BERT Lab</h1>
        <p className="lead">
          한국어 BERT를 한 층씩 계산해 보고, 미세 조정하고, 들여다보는 실습서입니다. 사전 학습은 미리 PyTorch로
          해 두었고(CPU 2코어로 약 5시간), 브라우저에서는 그렇게 사전 학습한 인코더를 불러와 감성 분류기로 미세
          조정합니다. 모든 코드는 페이지 안의 셀에서 바로 실행됩니다 — 설치할 것도, 서버도 없습니다.
        </p>
      </section>
      <h2 className="toc-heading" id="anatomy">BERT 해부도</h2>
      <p>
        문장 하나가 BERT를 지나가는 길입니다. 토크나이저, 임베딩, 층마다 어텐션과 피드포워드, [CLS] 벡터, 분류층, 소프트맥스를 거쳐
        예측이 나옵니다. 블록을 누르면 그 블록이 내놓은 텐서와 그것을 설명하는 장이 보입니다. 문장을 바꾸면 이 브라우저에서 다시
        계산합니다.
      </p>
      <BertAnatomy />
      <h2 className="toc-heading">목차</h2>
      <ol className="chapter-list">
        {chapters.map((c) => (
          <li key={c.slug}>
            <IntentLink href={`/learn/${c.slug}`} className="chapter-card">
              <span className="chapter-num">{String(c.order).padStart(2, "0")}</span>
              <span className="chapter-text">
                <span className="chapter-title">{c.title}</span>
                {c.description ? <span className="chapter-desc">{c.description}</span> : null}
              </span>
            </IntentLink>
          </li>
        ))}
      </ol>
      <p className="lead">
        <IntentLink href="/explorer">어텐션 탐색기</IntentLink> — 코드 없이 문장만 써서, BERT가 긍정/부정을 어떻게 판단하고 어느 토큰을
        보는지 모든 층과 헤드의 어텐션으로 확인합니다.
      </p>
      <p className="lead">
        <IntentLink href="/diagnostics">백엔드 진단</IntentLink> — 내 GPU(WebGPU·WebGL)와 WASM이 CPU와 같은 손실과 기울기를 계산하는지
        확인합니다.
      </p>
    </div>
  );
}
