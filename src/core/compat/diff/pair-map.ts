/** A map keyed by a pair of values, by identity. */
export class PairMap<V> {
  // One pair is held inline and the maps are allocated only for more: most comparisons of two
  // versions walk a single pair of differing nodes (the rest are skipped as identical).
  private a0: unknown = NO_KEY;
  private b0: unknown = NO_KEY;
  private v0: V | undefined;
  private map?: Map<unknown, Map<unknown, V>>;
  get(a: unknown, b: unknown): V | undefined {
    if (this.a0 === a && this.b0 === b) return this.v0;
    return this.map?.get(a)?.get(b);
  }
  set(a: unknown, b: unknown, v: V): void {
    if (this.a0 === a && this.b0 === b) {
      this.v0 = v;
      return;
    }
    let inner = this.map?.get(a);
    if (inner?.has(b)) {
      inner.set(b, v);
      return;
    }
    if (this.a0 === NO_KEY) {
      this.a0 = a;
      this.b0 = b;
      this.v0 = v;
      return;
    }
    const map = (this.map ??= new Map());
    if (!inner) map.set(a, (inner = new Map()));
    inner.set(b, v);
  }
  delete(a: unknown, b: unknown): void {
    if (this.a0 === a && this.b0 === b) {
      this.a0 = this.b0 = NO_KEY;
      this.v0 = undefined;
      return;
    }
    this.map?.get(a)?.delete(b);
  }
}

const NO_KEY = Symbol('none');
