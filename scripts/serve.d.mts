// Types for scripts/serve.mjs (plain JS so `npm run serve` needs no build step).
import type { Server } from "node:http";

export const MIME: Record<string, string>;

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
  server: Server;
}

export const ISOLATION_HEADERS: Record<string, string>;
/** isolation (default true): send COOP same-origin + COEP require-corp + CORP same-origin, so the page is cross-origin isolated. */
export function serve(opts?: { dir?: string; port?: number; host?: string; log?: boolean; isolation?: boolean }): Promise<Served>;
