import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CATALOGUE } from '../../../src/core';
import { annotation, escapeData, escapeProperty } from '../../../src/cli/formats/github';
import { sarifLog } from '../../../src/cli/formats/sarif';
import { FIXTURES, REPO, SAMPLE, diskWorkspace, runCli, writeTemp } from '../helpers/workspace';
import { multitoolFindings, sarifSchemaErrors } from './sarif-schema';

type Json = Record<string, unknown> & {
  runs: Array<Record<string, unknown> & { results: SarifResult[]; tool: { driver: { rules: SarifRule[] } }; artifacts: { location: { uri: string } }[] }>;
};
interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string; enabled?: boolean };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; index: number }; region: Record<string, number> } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[];
}

const RULE_FIXTURES = fs.readdirSync(path.join(FIXTURES, 'rules')).map((id) => path.join(FIXTURES, 'rules', id));

/** A model with findings of several rules, a multi-line range and related locations. */
const BROKEN = {
  'eventmodel.yaml': 'model: shop\nnamespace: com.example.shop\ninclude: [contexts/*.yaml]\n',
  'contexts/sales.yaml': [
    'context: Sales',
    'commands:',
    '  PlaceOrder:',
    '    emits: [OrderPlaced]',
    '    schema: { type: object }',
    'events:',
    '  OrderPlaced:',
    '    schema: { type: object }',
    'readModels:',
    '  OrderPlaced:',
    '    from: [OrderPlaced]',
    'policies:',
    '  Notify:',
    '    when: { x: 1 }',
    '',
  ].join('\n'),
};

describe('validate/check --format sarif and github', function () {
  this.timeout(180_000);

  it('the SARIF log of every rule fixture is valid against the SARIF 2.1.0 schema', () => {
    for (const dir of RULE_FIXTURES) {
      const workspace = diskWorkspace(dir);
      const diagnostics = [...workspace.diagnostics('validation'), ...workspace.diagnostics('compatibility')];
      const log = sarifLog({ diagnostics, fileCount: 1, root: dir, command: 'validate' }, '1.2.3') as Json;
      assert.deepEqual(sarifSchemaErrors(log), [], `${path.basename(dir)}: ${JSON.stringify(sarifSchemaErrors(log)).slice(0, 800)}`);
      assert.equal(log.runs[0].results.length, diagnostics.length);
      assert.ok(
        log.runs[0].results.some((r) => r.ruleId === path.basename(dir)),
        `${path.basename(dir)} reports its own rule`,
      );
    }
  });

  it('validate --format sarif exits as --format text does', () => {
    for (const dir of [SAMPLE, path.join(FIXTURES, 'rules/duplicate-name'), path.join(FIXTURES, 'rules/naming')]) {
      const text = runCli(['validate', dir]);
      const sarif = runCli(['validate', dir, '--format', 'sarif']);
      assert.equal(sarif.status, text.status, dir);
      assert.deepEqual(sarifSchemaErrors(JSON.parse(sarif.stdout)), []);
    }
  });

  it('lists every catalogue rule with its doc, default level and a help URI whose anchor is a section of docs/rules.md', () => {
    const log = JSON.parse(runCli(['validate', SAMPLE, '--format', 'sarif']).stdout) as Json;
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.results, []);
    const doc = fs.readFileSync(path.join(REPO, 'docs/rules.md'), 'utf8');
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.id),
      RULE_CATALOGUE.map((r) => r.id),
    );
    for (const [i, r] of rules.entries()) {
      const info = RULE_CATALOGUE[i];
      assert.equal(r.shortDescription.text, info.doc);
      assert.equal(r.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note', off: 'none' }[info.defaultSeverity]);
      if (info.defaultSeverity === 'off') assert.equal(r.defaultConfiguration.enabled, false);
      const anchor = r.helpUri.split('#')[1];
      assert.equal(anchor, r.id);
      assert.match(doc, new RegExp(`^## ${anchor}$`, 'm'), `docs/rules.md has no section '## ${anchor}'`);
    }
  });

  it('gives exact regions in UTF-16 columns, related locations and artifacts, as the text output does', () => {
    const root = writeTemp(BROKEN);
    const r = runCli(['validate', root, '--format', 'sarif'], root);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as Json;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const run = log.runs[0];
    const diagnostics = diskWorkspace(root).diagnostics('validation');
    assert.equal(run.results.length, diagnostics.length);
    for (const [i, d] of diagnostics.entries()) {
      const res = run.results[i];
      assert.equal(res.ruleId, d.rule);
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, d.rule);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, d.location.file, 'relative to the folder the command ran in');
      assert.equal(run.artifacts[loc.artifactLocation.index].location.uri, d.location.file);
      assert.deepEqual(
        [loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn],
        [d.location.start.line + 1, d.location.start.character + 1, d.location.end.line + 1, d.location.end.character + 1],
      );
    }
    const dup = run.results.find((x) => x.ruleId === 'duplicate-name')!;
    assert.equal(dup.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'contexts/sales.yaml');
    assert.match(dup.relatedLocations![0].message.text, /First 'OrderPlaced'/);
    const emoji = writeTemp({
      'eventmodel.yaml': 'include: [c.yaml]\n',
      'c.yaml': 'context: Shop\nevents:\n  E:\n    schema: { description: "🚀", required: x }\n',
    });
    const e = JSON.parse(runCli(['validate', emoji, '--format', 'sarif'], emoji).stdout) as Json;
    const bad = e.runs[0].results.find((x) => x.ruleId === 'invalid-payload-schema')!;
    const line = '    schema: { description: "🚀", required: x }';
    assert.equal(bad.locations[0].physicalLocation.region.startColumn, line.indexOf('x }') + 1, 'the emoji counts as two UTF-16 code units');
    const textOut = runCli(['validate', emoji], emoji).stdout;
    assert.match(textOut, new RegExp(`^c\\.yaml:4:${line.indexOf('x }') + 1} error invalid-payload-schema`, 'm'));
  });

  it('passes the SARIF SDK validator (Sarif.Multitool validate) without findings', function () {
    const root = writeTemp(BROKEN);
    const file = path.join(root, 'out.sarif');
    fs.writeFileSync(file, runCli(['validate', root, '--format', 'sarif'], root).stdout);
    const findings = multitoolFindings(file);
    // The validator ships only for some platforms (an optional dependency); linux-x64, where CI runs, has it.
    if (findings === undefined && !(process.platform === 'linux' && process.arch === 'x64')) this.skip();
    assert.ok(findings, 'Sarif.Multitool is installed on linux-x64');
    assert.deepEqual(findings, []);
  });

  it('check --format sarif keeps --fail-on and --max-warnings', () => {
    const dir = path.join(FIXTURES, 'rules/incompatible-change');
    for (const extra of [[], ['--fail-on', 'error'], ['--max-warnings', '0'], ['--fail-on', 'hint']]) {
      const text = runCli(['check', dir, ...extra]);
      const sarif = runCli(['check', dir, '--format', 'sarif', ...extra]);
      const github = runCli(['check', dir, '--format', 'github', ...extra]);
      assert.equal(sarif.status, text.status, extra.join(' '));
      assert.equal(github.status, text.status, extra.join(' '));
      assert.deepEqual(sarifSchemaErrors(JSON.parse(sarif.stdout)), []);
    }
    assert.equal(runCli(['validate', SAMPLE, '--format', 'xml']).status, 2);
  });

  it('--format github prints one escaped workflow command per finding with its region and rule', () => {
    const root = writeTemp(BROKEN);
    const r = runCli(['validate', root, '--format', 'github'], root);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const diagnostics = diskWorkspace(root).diagnostics('validation');
    assert.equal(lines.length, diagnostics.length + 1);
    assert.match(lines[lines.length - 1], /^\d+ error\(s\), \d+ warning\(s\)/);
    for (const [i, d] of diagnostics.entries()) {
      const m = /^::(error|warning|notice) (.*?)::(.*)$/.exec(lines[i]);
      assert.ok(m, lines[i]);
      assert.equal(m[1], { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' }[d.severity]);
      const props = Object.fromEntries(m[2].split(',').map((p) => p.split('=')));
      assert.equal(props.file, d.location.file);
      assert.equal(Number(props.line), d.location.start.line + 1);
      assert.equal(Number(props.endLine), d.location.end.line + 1);
      if (d.location.start.line === d.location.end.line) assert.equal(Number(props.col), d.location.start.character + 1);
      else assert.equal(props.col, undefined, 'no columns on a multi-line range');
      assert.equal(props.title, d.rule);
      assert.ok(!m[3].includes('\n'));
    }
    // Run from the parent folder: paths are relative to where the job runs (the repository root).
    const fromParent = runCli(['validate', path.basename(root), '--format', 'github'], path.dirname(root));
    assert.match(fromParent.stdout, new RegExp(`file=${path.basename(root)}/contexts/sales\\.yaml,`));
  });

  it('escapes workflow-command data and properties as @actions/core does', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const range = { file: 'dir,x/a:b.yaml', start: { line: 1, character: 2 }, end: { line: 1, character: 5 }, startOffset: 0, endOffset: 3 };
    const line = annotation(
      { rule: 'naming', severity: 'warning', message: 'two\nlines, 100%', location: range, related: [{ location: range, message: 'see' }] },
      process.cwd(),
    );
    assert.equal(line, '::warning file=dir%2Cx/a%3Ab.yaml,line=2,col=3,endLine=2,endColumn=5,title=naming::two%0Alines, 100%25%0Adir,x/a:b.yaml:2:3: see');
  });
});
