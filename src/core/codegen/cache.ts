/**
 * Results of the expensive steps (type generation, validator compilation, template compilation),
 * keyed by their complete input. A front end that generates repeatedly (the editor, a watch mode,
 * the benchmark's re-run) passes the same cache to every `planGeneration`; entries unused for a
 * whole run are dropped at the end of the next one, so the cache follows the model's size.
 */
export class GenerationCache {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  hits = 0;
  misses = 0;

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

  get size(): number {
    return new Set([...this.current.keys(), ...this.previous.keys()]).size;
  }
}
