// Temporary: replaced by lib/format once it lands.
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}초`;
  const m = Math.floor(ms / 60_000);
  return `${m}분 ${Math.round((ms % 60_000) / 1000)}초`;
}
