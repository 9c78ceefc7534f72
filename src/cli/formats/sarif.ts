import type { Diagnostic, Severity, SourceRange } from '../../core';
import { RULE_CATALOGUE, type RuleInfo } from '../../core';
import { folderUri, pathFromCwd } from './paths';
import type { DiagnosticFormat, DiagnosticReport } from './types';
import { toolVersion } from './version';

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI dashboards read it: one run whose
 * driver lists every rule of the catalogue, results with exact regions (1-based lines, columns in
 * UTF-16 code units as the run's `columnKind` says), related locations, and the artifacts.
 */

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Where each rule is documented: `docs/rules.md` has one `## <id>` section per rule. */
export const RULES_DOC_URL = 'https://github.com/event-modeler/eventmodel/blob/main/docs/rules.md';
const INFORMATION_URI = 'https://github.com/event-modeler/eventmodel';
/** The base every artifact URI is relative to: the folder the command ran in. */
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has three levels that flag a finding; `info` and `hint` are both notes (the severity is kept in `properties`). */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

export function sarifLog(report: DiagnosticReport, toolVersion: string): Record<string, unknown> {
  const rules: RuleInfo[] = [...RULE_CATALOGUE];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // A finding whose rule the catalogue does not list still gets a descriptor, so ruleIndex is valid.
  for (const d of report.diagnostics) {
    if (!ruleIndex.has(d.rule)) {
      ruleIndex.set(d.rule, rules.length);
      rules.push({ id: d.rule, category: 'validation', defaultSeverity: d.severity, doc: d.rule });
    }
  }
  const artifacts: { location: ArtifactLocation; roles: string[] }[] = [];
  const artifactIndex = new Map<string, number>();
  const locate = (file: string): ArtifactLocation => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(file, index);
      artifacts.push({ location: artifactUri(report.root, file), roles: ['analysisTarget'] });
    }
    return { ...artifacts[index].location, index };
  };
  const physical = (range: SourceRange) => ({ artifactLocation: locate(range.file), region: region(range) });
  const results = report.diagnostics.map((d: Diagnostic) => {
    const result: Record<string, unknown> = {
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule),
      level: sarifLevel(d.severity),
      message: { text: d.message },
      locations: [{ physicalLocation: physical(d.location) }],
    };
    if (d.related?.length) {
      result.relatedLocations = d.related.map((r, id) => ({ id, physicalLocation: physical(r.location), message: { text: r.message } }));
    }
    if (d.severity === 'info' || d.severity === 'hint') result.properties = { severity: d.severity };
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eventmodel',
            informationUri: INFORMATION_URI,
            version: toolVersion,
            semanticVersion: toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              ...ruleName(r.id),
              shortDescription: { text: r.doc },
              helpUri: `${RULES_DOC_URL}#${r.id}`,
              // A rule that is off unless configured is `enabled: false` in SARIF's terms.
              defaultConfiguration: r.defaultSeverity === 'off' ? { enabled: false, level: 'none' } : { level: sarifLevel(r.defaultSeverity) },
              properties: { category: r.category, defaultSeverity: r.defaultSeverity, tags: [r.category] },
            })),
          },
        },
        automationDetails: { id: `eventmodel/${report.command}/` },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(process.cwd()) } },
        columnKind: 'utf16CodeUnits',
        artifacts,
        results,
      },
    ],
  };
}

/** A readable name (`EventNeverEmitted`); SARIF wants none when it would only repeat the id (`schema`). */
function ruleName(id: string): { name?: string } {
  const name = id.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? {} : { name };
}

function artifactUri(root: string, file: string): ArtifactLocation {
  const shown = pathFromCwd(root, file);
  if (shown.startsWith('/')) return { uri: encodeURI(`file://${shown}`) };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** 1-based lines and columns; `endColumn` is the column after the last character, as SARIF defines it. */
function region(range: SourceRange) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    charOffset: range.startOffset,
    charLength: Math.max(0, range.endOffset - range.startOffset),
  };
}

export const sarifFormat: DiagnosticFormat = {
  name: 'sarif',
  description: 'a SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, SARIF viewers)',
  render: (report) => JSON.stringify(sarifLog(report, toolVersion()), null, 2) + '\n',
};
