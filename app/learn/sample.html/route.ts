// The cells guide was served at /learn/sample until its file became content/00-cells.mdx (/learn/cells).
// The static export writes this as out/learn/sample.html, which every static host (and scripts/serve.mjs)
// serves for /learn/sample: a tiny page that sends the reader on, keeping the #section, with a link for
// browsers that do neither script nor refresh, and the new address as canonical for search engines.
export const dynamic = "force-static";

const FROM = "/learn/sample";
const TO = "/learn/cells";

export function GET(): Response {
  const html = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>셀 사용법 · BERT Lab</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${TO}">
<meta http-equiv="refresh" content="0; url=${TO}">
<script>location.replace(${JSON.stringify(TO)} + location.search + location.hash);</script>
</head>
<body>
<p>이 장은 <a href="${TO}">${TO}</a>로 옮겼습니다. (${FROM} → ${TO})</p>
</body>
</html>
`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
