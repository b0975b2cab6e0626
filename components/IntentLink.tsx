"use client";
// A link that prefetches its page when the reader points at it or focuses it, not when it scrolls into view.
// The home page lists every chapter: prefetching them all on sight would download every chapter's scripts
// (~130 KB gzip) before the reader chose one (issue #28's page budget).
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

export function IntentLink({ href, ...rest }: Omit<ComponentProps<typeof Link>, "prefetch"> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return <Link href={href} prefetch={false} onPointerEnter={prefetch} onFocus={prefetch} {...rest} />;
}
