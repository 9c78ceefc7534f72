import { Parser, type Diagnostic } from '@asyncapi/parser';

const parser = new Parser();

/** Severity names of @asyncapi/parser (Spectral's DiagnosticSeverity). */
const SEVERITY = ['error', 'warning', 'info', 'hint'];

/**
 * Diagnostics of the real AsyncAPI parser that a correct document must not have: errors and
 * warnings, and infos other than the reminder that AsyncAPI 3.1 exists (we export 3.0 on purpose).
 */
export async function asyncApiProblems(document: unknown): Promise<string[]> {
  const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
  const problems = diagnostics
    .filter((d: Diagnostic) => d.severity <= 1 || (d.severity === 2 && d.code !== 'asyncapi-latest-version'))
    .map((d: Diagnostic) => `${SEVERITY[d.severity]} ${d.code} ${d.message} at ${d.path.join('/')}`);
  if (!parsed && problems.length === 0) problems.push('the parser returned no document');
  return problems;
}

export async function parseAsyncApi(text: string) {
  return parser.parse(text);
}
