import {
  applyRuleSeverity,
  getEffectiveRules,
  loadConfig,
  loadEventCatalogConfig,
  parseAllFiles,
  scanCatalogFiles,
  shouldIgnoreFile,
  validateCatalog,
} from '@eventcatalog/linter';

/** What `eventcatalog-linter DIR` reports, through its own API: every finding with its severity, and parse errors. */
export async function lintCatalog(root: string): Promise<{ files: number; errors: string[]; warnings: string[] }> {
  const config = loadConfig(root);
  const dependencies = loadEventCatalogConfig(root);
  const files = (await scanCatalogFiles(root)).filter((f) => !shouldIgnoreFile(f.relativePath, config.ignorePatterns || []));
  const { parsed, errors: parseErrors } = await parseAllFiles(files);
  const raw = validateCatalog(parsed, dependencies);
  const findings = parsed.flatMap((p) =>
    applyRuleSeverity(
      raw.filter((e) => e.file === p.file.relativePath),
      getEffectiveRules(p.file.relativePath, config),
    ),
  );
  const show = (e: { file: string; rule?: string; message: string }) => `${e.file}: ${e.rule ?? ''} ${e.message}`;
  return {
    files: files.length,
    errors: [...parseErrors.map((e) => JSON.stringify(e)), ...findings.filter((e) => e.severity !== 'warning').map(show)],
    warnings: findings.filter((e) => e.severity === 'warning').map(show),
  };
}
