import type { SourceRange } from '../diagnostic';
import type { Located, Relationship } from '../model/types';
import type { Finding, Rule } from './rule';

const SYMMETRIC = new Set(['partnership', 'shared-kernel', 'separate-ways']);

/** Pairs of patterns Context Mapper rejects on one relationship, with the reason shown to the user. */
const CONFLICTS: [string, string, string][] = [
  ['conformist', 'anticorruption-layer', 'a downstream either conforms to the upstream model or translates it through an anticorruption layer, not both'],
  ['customer-supplier', 'conformist', "in customer-supplier the supplier plans for the customer's needs, so the customer is not a conformist"],
  ['customer-supplier', 'open-host-service', 'an open host service serves every consumer alike, which contradicts a customer-supplier relationship'],
  ['partnership', 'shared-kernel', 'choose one symmetric relationship: partnership or shared-kernel'],
];

/** One relationship normalised to (upstream, downstream) or a symmetric pair, across both declarations. */
interface Edge {
  key: string;
  symmetric: boolean;
  upstream: string;
  downstream: string;
  patterns: Located<string>[];
  declarations: Relationship[];
}

/** One context's relationships: the findings each declaration gives on its own, and the declarations to pair across contexts. */
interface ContextRelationships {
  own: Finding[];
  declarations: { rel: Relationship; key: string; symmetric: boolean; upstream: string; downstream: string }[];
}

export const relationshipPatternConflict: Rule = {
  id: 'relationship-pattern-conflict',
  defaultSeverity: 'error',
  doc: 'Relationship patterns contradict each other (Context Mapper semantics), e.g. conformist with anticorruption-layer, or a symmetric pattern on an upstream/downstream relationship.',
  scope: 'model',
  // Each context's declarations are checked on their own once per parse; pairing both sides of a
  // relationship runs over every context's declarations.
  summarize(_file, ctx) {
    if (!ctx || ctx.relationships.length === 0) return undefined;
    const summary: ContextRelationships = { own: [], declarations: [] };
    const report = (f: Finding) => summary.own.push(f);
    for (const rel of ctx.relationships) {
      if (!rel.other || rel.other.name.value === ctx.name) continue;
      checkDirection(rel, report);
      checkPairs(rel.patterns, report);
      const other = rel.other.name.value;
      const symmetric = rel.direction === 'partner';
      const [upstream, downstream] = rel.direction === 'upstream' ? [other, ctx.name] : [ctx.name, other];
      const key = symmetric ? [ctx.name, other].sort().join('\u0000') + '\u0000sym' : `${upstream}\u0000${downstream}`;
      summary.declarations.push({ rel, key, symmetric, upstream, downstream });
    }
    return summary;
  },
  checkSummaries(summaries, report) {
    const contexts = summaries as ContextRelationships[];
    for (const c of contexts) for (const f of c.own) report(f);
    const edges = new Map<string, Edge>();
    for (const c of contexts) {
      for (const { rel, key, symmetric, upstream, downstream } of c.declarations) {
        const edge = edges.get(key) ?? { key, symmetric, upstream, downstream, patterns: [], declarations: [] };
        edge.patterns.push(...rel.patterns);
        edge.declarations.push(rel);
        edges.set(key, edge);
      }
    }
    for (const edge of edges.values()) {
      if (edge.symmetric) {
        // Both partners must name the same symmetric relationship.
        if (edge.declarations.length > 1)
          checkPairs(
            edge.patterns,
            report,
            edge.declarations.map((d) => d.range),
          );
        continue;
      }
      const reverse = edges.get(`${edge.downstream}\u0000${edge.upstream}`);
      if (reverse && edge.upstream < edge.downstream) {
        report({
          message: `${edge.upstream} and ${edge.downstream} are each declared upstream of the other; an upstream/downstream relationship has one direction.`,
          location: edge.declarations[0].range,
          related: reverse.declarations.map((d) => ({ location: d.range, message: 'The opposite declaration' })),
        });
      }
      // Patterns written on the two sides of one relationship must agree too.
      if (edge.declarations.length > 1)
        checkPairs(
          edge.patterns,
          report,
          edge.declarations.map((d) => d.range),
        );
    }
  },
};

function checkDirection(rel: Relationship, report: (f: Finding) => void): void {
  for (const p of rel.patterns) {
    if (rel.direction === 'partner' && !SYMMETRIC.has(p.value)) {
      report({
        message: `'${p.value}' is an upstream/downstream pattern: declare this relationship with \`upstream:\` or \`downstream:\`, not \`partner:\`.`,
        location: p.range,
      });
    } else if (rel.direction !== 'partner' && SYMMETRIC.has(p.value)) {
      report({
        message: `'${p.value}' is symmetric: declare it with \`partner: ${rel.other?.name.value ?? ''}\` instead of \`${rel.direction}:\`.`,
        location: p.range,
      });
    }
  }
}

function checkPairs(patterns: Located<string>[], report: (f: Finding) => void, across?: SourceRange[]): void {
  const byValue = new Map<string, Located<string>>();
  for (const p of patterns) {
    const first = byValue.get(p.value);
    if (first && !across) {
      report({ message: `Pattern '${p.value}' is listed twice.`, location: p.range, related: [{ location: first.range, message: 'First occurrence' }] });
    }
    if (!first) byValue.set(p.value, p);
  }
  const seen = [...byValue.keys()];
  for (const [a, b, why] of CONFLICTS) {
    const pa = byValue.get(a);
    const pb = byValue.get(b);
    if (!pa || !pb) continue;
    // Across declarations, a conflict inside one declaration was already reported by that declaration.
    if (across && across.some((r) => contains(r, pa.range) && contains(r, pb.range))) continue;
    // Within one declaration, report once at the later pattern; across declarations, at the second side.
    const [first, second] = pa.range.startOffset <= pb.range.startOffset || pa.range.file !== pb.range.file ? [pa, pb] : [pb, pa];
    report({
      message: `'${a}' conflicts with '${b}': ${why}.`,
      location: second.range,
      related: [{ location: first.range, message: `'${first.value}' is declared here` }],
    });
  }
  if (byValue.has('separate-ways') && seen.length > 1) {
    const sw = byValue.get('separate-ways')!;
    report({
      message: `'separate-ways' means the contexts do not integrate; it cannot be combined with ${seen.filter((s) => s !== 'separate-ways').join(', ')}.`,
      location: sw.range,
    });
  }
}

function contains(outer: SourceRange, inner: SourceRange): boolean {
  return outer.file === inner.file && outer.startOffset <= inner.startOffset && inner.endOffset <= outer.endOffset;
}
