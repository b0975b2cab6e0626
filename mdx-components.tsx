// Components every MDX chapter can use without importing them: Cell, Callout, Exercise,
// Solution, Think ("생각해 보기"), Objectives (the "이 장을 마치면" list), Cite (a reference in content/references.json), BertAnatomy (the live whole-model diagram);
// and how plain markdown (headings, code blocks) is drawn.
import type { MDXComponents } from "mdx/types";
import type { ComponentPropsWithoutRef } from "react";
import { Cell } from "@/components/cells/Cell";
import { Callout } from "@/components/Callout";
import { Exercise, Solution, Think } from "@/components/Exercise";
import { Objectives } from "@/components/Objectives";
import { CodeBlock } from "@/components/CodeBlock";
import { CheckpointNotice } from "@/components/CheckpointNotice";
import { LearningCurve, Q } from "@/components/LearningCurve";
import { Cite } from "@/components/glossary/Cite";
import * as figures from "@/components/figures";
import { BertAnatomy } from "@/components/anatomy/BertAnatomy";

function heading(Tag: "h2" | "h3" | "h4") {
  return function Heading({ id, children, ...rest }: ComponentPropsWithoutRef<"h2">) {
    return (
      <Tag id={id} {...rest}>
        {children}
        {id ? (
          <a className="heading-anchor" href={`#${id}`} aria-label="이 절로 가는 링크">
            #
          </a>
        ) : null}
      </Tag>
    );
  };
}

const components: MDXComponents = {
  ...figures,
  Cell,
  Callout,
  Exercise,
  Solution,
  Think,
  Objectives,
  CheckpointNotice,
  LearningCurve,
  Q,
  Cite,
  BertAnatomy,
  pre: CodeBlock,
  h2: heading("h2"),
  h3: heading("h3"),
  h4: heading("h4"),
};

export function useMDXComponents(): MDXComponents {
  return components;
}
