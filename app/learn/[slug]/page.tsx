import fs from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { listChapters } from "../../chapters";
import { loadChapter } from "../../chapter-content";
import { KernelProvider } from "@/components/cells/KernelProvider";
import { KernelBar } from "@/components/KernelBar";
import { OrphanEdits } from "@/components/cells/OrphanEdits";
import { SnapshotProvider } from "@/components/cells/SnapshotProvider";
import { chapterSnapshot } from "../../snapshots";

export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listChapters()).map((c) => ({ slug: c.slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { chapter } = await loadChapter((await params).slug);
  return { title: chapter.title, description: chapter.description };
}

export default async function ChapterPage({ params }: Props) {
  const { slug } = await params;
  const { chapter, Content, prev, next } = await loadChapter(slug);
  // Pre-rendered outputs whose key is current (app/snapshots.ts); a stale entry is never shown.
  const snapshot = chapter.cells ? chapterSnapshot(slug, fs.readFileSync(path.join(process.cwd(), "content", chapter.file), "utf8"), chapter.file) : null;
  return (
    <KernelProvider slug={slug}>
      <article className="chapter">
        <div className="chapter-kicker">{String(chapter.order).padStart(2, "0")}장</div>
        <h1>{chapter.title}</h1>
        {chapter.description ? <p className="lead">{chapter.description}</p> : null}
        {chapter.cells ? <KernelBar /> : null}
        <OrphanEdits />
        <div className="prose">
          <SnapshotProvider snapshot={snapshot}>
            <Content />
          </SnapshotProvider>
        </div>
        <nav className="chapter-nav">
          {prev ? (
            <Link href={`/learn/${prev.slug}`} className="prev">
              ← {prev.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={`/learn/${next.slug}`} className="next">
              {next.title} →
            </Link>
          ) : null}
        </nav>
      </article>
    </KernelProvider>
  );
}
