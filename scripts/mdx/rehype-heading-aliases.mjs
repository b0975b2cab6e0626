// rehype plugin, run after rehype-slug: headings whose id changed when the site moved from its own slugger
// to rehype-slug (github-slugger) keep their old id too, as an empty <span id> at the start of the heading,
// so links made before the switch still land on the section. The old slugger collapsed runs of "-" and kept
// every Unicode number ("²"); github-slugger keeps each space as a "-" and drops "No" characters.
// Only headings that existed at the switch are listed: new headings have no old links.
// tests/unit/mdx.test.ts checks that each alias still has its heading.

/** rehype-slug id → the id (or ids, oldest first) the same heading had before. */
export const HEADING_ALIASES = {
  // content/04-base-vs-large.mdx "512로 채우면 무엇이 커지나: T²"
  "512로-채우면-무엇이-커지나-t": "512로-채우면-무엇이-커지나-t²",
  // content/05-softmax-argmax.mdx "진짜 리뷰로: 로짓 → 확률 → 레이블" (was 라벨: one term per concept, content/glossary.json)
  "진짜-리뷰로-로짓--확률--레이블": ["진짜-리뷰로-로짓-확률-라벨", "진짜-리뷰로-로짓--확률--라벨"],
  // content/01-bert-overview.mdx: 사전학습 → 사전 학습, 미세조정 → 미세 조정 (one spelling per term)
  "사전-학습-데이터는-이렇게-만든다": "사전학습-데이터는-이렇게-만든다",
  "미세-조정-cls-위에-한-층": "미세조정-cls-위에-한-층",
  // content/04-base-vs-large.mdx: 교과서 → 교재 (one term for the textbook)
  "교재-예제는-왜-멈췄나": "교과서의-실행은-왜-멈췄나",
  // content/05-softmax-argmax.mdx: softmax → 소프트맥스 in prose headings
  "소프트맥스는-argmax-전에-필요-없다": "softmax는-argmax-전에-필요-없다",
};

export default function rehypeHeadingAliases() {
  return (tree) => {
    const walk = (node) => {
      if (node.type === "element" && /^h[1-6]$/.test(node.tagName)) {
        const old = HEADING_ALIASES[node.properties?.id];
        for (const id of [].concat(old ?? []).reverse()) {
          node.children.unshift({ type: "element", tagName: "span", properties: { id, className: ["heading-alias"] }, children: [] });
        }
        return;
      }
      for (const c of node.children ?? []) walk(c);
    };
    walk(tree);
  };
}
