/**
 * Debounces work per key (one document) and tells a run when it has gone stale: a later schedule,
 * runNow or cancel for the same key makes every earlier run stale, so a slow run (waiting for a
 * config file, say) never publishes results for text that has since changed.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const GLOBAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type Run = (isStale: () => boolean) => void | Promise<void>;

export class Debouncer<K> {
  private readonly pending = new Map<K, unknown>();
  private readonly generation = new Map<K, number>();

  constructor(
    private readonly timers: Timers = GLOBAL_TIMERS,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** Runs `run` after `delayMs` unless the key is scheduled, run or cancelled again before then. */
  schedule(key: K, delayMs: number, run: Run): void {
    const gen = this.bump(key);
    this.pending.set(
      key,
      this.timers.set(() => {
        this.pending.delete(key);
        this.start(key, gen, run);
      }, delayMs),
    );
  }

  /** Runs at once, dropping anything pending for the key. */
  runNow(key: K, run: Run): Promise<void> {
    const gen = this.bump(key);
    return this.start(key, gen, run);
  }

  /** Drops what is pending and makes a running run stale. */
  cancel(key: K): void {
    // The count is kept (not reset), so a run started before the cancel stays stale for good.
    this.bump(key);
  }

  isPending(key: K): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const h of this.pending.values()) this.timers.clear(h);
    this.pending.clear();
    this.generation.clear();
  }

  private bump(key: K): number {
    const h = this.pending.get(key);
    if (h !== undefined) this.timers.clear(h);
    this.pending.delete(key);
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    return gen;
  }

  private async start(key: K, gen: number, run: Run): Promise<void> {
    try {
      await run(() => this.generation.get(key) !== gen);
    } catch (e) {
      this.onError(e);
    }
  }
}
