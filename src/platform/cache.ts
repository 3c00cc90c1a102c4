// A small in-process memo for content that changes only when editors publish or the seed runs.
// Any content write calls invalidate(); with several instances, each drops its copy on the same signal.

export class ContentCache {
  private entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 2000) {}

  /** Returns the cached value for key, computing it once; a failed computation is not kept. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
