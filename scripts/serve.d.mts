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
/** Whether a static host would compress this content type (text, JS, JSON, SVG, WASM; not .gz data nor .bin weights). */
export function compressible(type: string): boolean;
/**
 * isolation (default true): send COOP same-origin + COEP require-corp + CORP same-origin, so the page is cross-origin isolated.
 * compress (default true): gzip compressible types for a client that accepts gzip, as a static host does.
 */
export function serve(opts?: { dir?: string; port?: number; host?: string; log?: boolean; isolation?: boolean; compress?: boolean }): Promise<Served>;
