import type { SourceRange } from '../diagnostic';
import type { ContextDef } from '../model/types';
import type { PlanState } from './plan-state';

/** Names declared by one context's modules (all re-exported from its index, so they must be unique). */
export class NameRegistry {
  private readonly owners = new Map<string, string>();
  constructor(
    private readonly state: PlanState,
    private readonly ctx: ContextDef,
  ) {}

  claim(name: string, owner: string, range: SourceRange): string {
    const other = this.owners.get(name);
    if (other !== undefined && other !== owner) {
      this.state.error('name-collision', `In context ${this.ctx.name}, ${owner} and ${other} both need the generated name '${name}'; rename one of them.`, range);
    } else if (other === undefined) this.owners.set(name, owner);
    return name;
  }
}
