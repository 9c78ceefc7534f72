import type { SourceRange } from '../diagnostic';
import { identifierProblem, isReservedIdentifier } from './names';
import type { PlanState } from './plan-state';

/**
 * The identifiers one module namespace declares (a context's modules are all re-exported from its
 * index, so they share one). Every valid model generates: when the identifier a definition wants
 * is taken — by the generated code, by the language (a reserved word, a global the code uses) or
 * by an earlier claim — it gets its alternative, else a numbered one (`_2`, `_3`, …), and a
 * `renamed` warning says why. Claims are made in a fixed order (see build-views.ts), so the same
 * model always gets the same names.
 */
export class NameRegistry {
  /** Identifier → who has it. */
  private readonly owners = new Map<string, string>();
  /** `owner\0preferred` → the identifier given, so a repeated claim gets the same answer. */
  private readonly given = new Map<string, string>();

  constructor(
    private readonly state: PlanState,
    /** For warnings: `In context Ordering`. */
    private readonly where: string,
    /** Warn on renames (off for names the user never sees, e.g. types inside a schema). */
    private readonly warnings = true,
  ) {}

  /** Takes identifiers the templates use verbatim (they never yield). */
  reserve(names: Iterable<string>, owner = 'generated code'): void {
    for (const name of names) if (!this.owners.has(name)) this.owners.set(name, owner);
  }

  isFree(name: string): boolean {
    return !this.owners.has(name) && !isReservedIdentifier(name);
  }

  /**
   * The identifier for `owner`'s `preferred` name: `preferred` itself when free, else
   * `alternative` (when given and free), else the first free of `<alternative>_2`, `_3`, …
   */
  claim(preferred: string, owner: string, range: SourceRange | undefined, alternative?: string): string {
    const key = `${owner}\u0000${preferred}`;
    const known = this.given.get(key);
    if (known !== undefined) return known;
    let name = preferred;
    if (!this.isFree(name) && alternative !== undefined && this.isFree(alternative)) name = alternative;
    if (!this.isFree(name)) {
      const base = alternative ?? preferred;
      let n = 2;
      while (!this.isFree(`${base}_${n}`)) n++;
      name = `${base}_${n}`;
    }
    if (name !== preferred && this.warnings) {
      const holder = this.owners.get(preferred);
      const why = holder !== undefined ? `is taken by ${holder}` : `${identifierProblem(preferred) ?? 'is reserved'}`;
      this.state.warn('renamed', `${this.where}, ${owner} gets the identifier '${name}' instead of '${preferred}', which ${why}.`, range);
    }
    this.owners.set(name, owner);
    this.given.set(key, name);
    return name;
  }

  /**
   * Claims every name of `names` for `owner`, all or nothing: true when all were free (the caller
   * then uses them as they are), false (nothing claimed) when one is taken.
   */
  claimAll(names: readonly string[], owner: string): boolean {
    if (new Set(names).size !== names.length || names.some((n) => !this.isFree(n))) return false;
    for (const n of names) this.owners.set(n, owner);
    return true;
  }
}
