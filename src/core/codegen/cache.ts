/**
 * Results of the expensive steps, keyed by their complete input (today: whole contexts, see
 * plan.ts). A front end that generates repeatedly (the editor, a watch mode, the benchmark's
 * re-run) passes the same cache to every `planGeneration`; entries unused for a whole run are
 * dropped at the end of the next one, so the cache follows the model's size. A `fallback` (the
 * CLI's persisted store) is asked on a miss.
 */
/** Cache keys of whole contexts (their values are plan.ts's `ContextOutput`s: plain data). */
export const CONTEXT_KEY_PREFIX = 'context\u0000';

export class GenerationCache {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  hits = 0;
  misses = 0;

  constructor(private readonly options: { fallback?: (key: string) => unknown } = {}) {}

  get<T>(key: string): T | undefined {
    if (this.current.has(key)) {
      this.hits++;
      return this.current.get(key) as T;
    }
    if (this.previous.has(key)) {
      this.hits++;
      const value = this.previous.get(key);
      this.current.set(key, value);
      return value as T;
    }
    const stored = this.options.fallback?.(key);
    if (stored !== undefined) {
      this.hits++;
      this.current.set(key, stored);
      return stored as T;
    }
    this.misses++;
    return undefined;
  }

  set(key: string, value: unknown): void {
    this.current.set(key, value);
  }

  /** Ends a run: what this run used is kept, what it did not use goes at the end of the next run. */
  endRun(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** The entries the last (ended) run used or produced, for a persisted store. */
  lastRun(): [string, unknown][] {
    return [...this.previous];
  }

  get size(): number {
    return new Set([...this.current.keys(), ...this.previous.keys()]).size;
  }
}
