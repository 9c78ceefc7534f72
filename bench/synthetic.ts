/**
 * A deterministic synthetic model at the scale of a large organisation: 200 contexts,
 * 5,000 events × 3 versions, 5,000 commands, 2,000 policies (path → YAML text).
 */
export const SYNTHETIC = { contexts: 200, eventsPerContext: 25, policiesPerContext: 10 } as const;

/** The model's size: `SYNTHETIC` unless a smaller one is asked for (tests). Policies need `eventsPerContext ≥ policiesPerContext + 10` to resolve. */
export interface SyntheticSize {
  contexts: number;
  eventsPerContext: number;
  policiesPerContext: number;
}

export function contextName(i: number): string {
  return `Context${String(i).padStart(3, '0')}`;
}

export function generateSyntheticModel(size: SyntheticSize = SYNTHETIC): Record<string, string> {
  const files: Record<string, string> = {
    'eventmodel.yaml': [
      'model: synthetic',
      'namespace: com.example.synthetic',
      'include: [contexts/*.yaml]',
      'defaults:',
      '  compatibility: BACKWARD_TRANSITIVE',
      '  compatibilityPolicy: strict',
      '  versioning: payload',
      'generate:',
      '  outDir: src/generated',
      '  scaffoldDir: src',
      '',
    ].join('\n'),
    'schemas/common.json': JSON.stringify(
      { type: 'object', required: ['id'], properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
      null,
      2,
    ),
  };
  const { contexts, eventsPerContext, policiesPerContext } = size;
  for (let c = 0; c < contexts; c++) {
    const name = contextName(c);
    const upstream = contextName((c + contexts - 1) % contexts);
    const lines: string[] = [
      `context: ${name}`,
      `description: Synthetic bounded context number ${c}.`,
      `owner: team-${c % 17}`,
      'relationships:',
      `  - upstream: ${upstream}`,
      `    patterns: [${c % 3 === 0 ? 'customer-supplier' : c % 3 === 1 ? 'conformist' : 'open-host-service, published-language'}]`,
      'aggregates:',
      '  Root:',
      '    state: { type: object, properties: { id: { type: string } } }',
      'commands:',
    ];
    for (let e = 0; e < eventsPerContext; e++) {
      lines.push(
        `  DoThing${e}:`,
        '    aggregate: Root',
        `    emits: [Thing${e}Happened]`,
        '    schema:',
        '      type: object',
        '      required: [id]',
        '      properties:',
        '        id: { type: string }',
        `        amount${e}: { type: number, minimum: 0 }`,
      );
    }
    lines.push('events:');
    for (let e = 0; e < eventsPerContext; e++) {
      lines.push(
        `  Thing${e}Happened:`,
        '    aggregate: Root',
        `    channel: synthetic.${name.toLowerCase()}.thing-${e}`,
        '    versions:',
        '      1:',
        '        schema:',
        '          type: object',
        '          required: [id]',
        '          additionalProperties: false',
        '          properties:',
        '            id: { type: string }',
        '            count: { type: integer }',
        '      2:',
        '        schema:',
        '          type: object',
        '          required: [id]',
        '          additionalProperties: false',
        '          properties:',
        '            id: { type: string }',
        '            count: { type: integer }',
        `            note: { type: string, maxLength: ${100 + e} }`,
        '      3:',
        e % 5 === 0 ? '        upcast: true' : '        description: Adds a reference to the common schema.',
        '        schema:',
        '          type: object',
        `          required: [id${e % 5 === 0 ? ', count' : ''}]`,
        '          additionalProperties: false',
        '          properties:',
        '            id: { type: string }',
        '            count: { type: integer }',
        `            note: { type: string, maxLength: ${100 + e} }`,
        '            meta: { $ref: ../schemas/common.json }',
      );
    }
    lines.push('policies:');
    for (let p = 0; p < policiesPerContext; p++) {
      lines.push(
        `  React${p}:`,
        `    when: ${upstream}.Thing${p}Happened@${(p % 3) + 1}`,
        `    issue: DoThing${p + 10}`,
        '    delivery:',
        p % 2 === 0 ? '      mode: push' : '      mode: poll',
        p % 2 === 0 ? '      retry: { maxAttempts: 5, backoff: exponential, initialDelayMs: 100 }' : '      poll: { intervalMs: 1000, batchSize: 50 }',
        ...(p % 2 === 0 ? [`      deadLetter: synthetic.${name.toLowerCase()}.dlq`] : []),
      );
    }
    lines.push('readModels:', '  Overview:', '    from:');
    for (let e = 0; e < eventsPerContext; e++) lines.push(`      - Thing${e}Happened`);
    files[`contexts/${name.toLowerCase()}.yaml`] = lines.join('\n') + '\n';
  }
  return files;
}
