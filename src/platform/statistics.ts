// Small statistics helpers shared by features (communication-check reports, communications' response times).

/** The value at a percentile of sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
