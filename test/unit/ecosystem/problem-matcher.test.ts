import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli, writeTemp } from '../helpers/workspace';

interface Matcher {
  name: string;
  owner: string;
  fileLocation: unknown;
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  contributes: { problemMatchers: Matcher[]; commands: { command: string; title: string }[]; menus: { commandPalette: { command: string }[] } };
};

describe("the extension's problem matcher and commands (package.json)", () => {
  it('the eventmodel problem matcher parses every line `validate` prints for a finding, and nothing else', () => {
    const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'eventmodel')!;
    const re = new RegExp(matcher.pattern.regexp);
    const root = writeTemp({
      'eventmodel.yaml': 'include: [contexts/*.yaml]\nrules: { unconsumed-event: info, naming: hint }\n',
      'contexts/sales orders.yaml':
        'context: Sales\ncommands:\n  placeOrder:\n    emits: [OrderPlaced, Missing]\n    schema: { type: object, required: id }\nevents:\n  OrderPlaced:\n    description: "a: b, c — ünïcode"\n    schema: { type: object }\n',
    });
    const text = runCli(['validate', root], root);
    const json = JSON.parse(runCli(['validate', root, '--format', 'json'], root).stdout) as {
      file: string;
      line: number;
      column: number;
      severity: string;
      rule: string;
      message: string;
    }[];
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.length + 1, 'one line per finding, then the summary');
    assert.ok(new Set(json.map((d) => d.severity)).size >= 3, 'errors, warnings and infos/hints are all covered');
    for (const [i, d] of json.entries()) {
      const m = re.exec(lines[i]);
      assert.ok(m, `no match: ${lines[i]}`);
      assert.deepEqual(
        [
          m[matcher.pattern.file],
          Number(m[matcher.pattern.line]),
          Number(m[matcher.pattern.column]),
          m[matcher.pattern.severity],
          m[matcher.pattern.code],
          m[matcher.pattern.message],
        ],
        [d.file, d.line, d.column, d.severity, d.rule, d.message],
      );
    }
    assert.equal(re.exec(lines[lines.length - 1]), null, 'the summary line is not a problem');
    assert.ok(
      json.some((d) => d.file === 'contexts/sales orders.yaml'),
      'a path with a space',
    );
  });

  it('contributes Export AsyncAPI… and Export EventCatalog… in the command palette', () => {
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(titles['eventModeler.exportAsyncApi'], 'Export AsyncAPI…');
    assert.equal(titles['eventModeler.exportEventCatalog'], 'Export EventCatalog…');
    const palette = manifest.contributes.menus.commandPalette.map((c) => c.command);
    assert.ok(palette.includes('eventModeler.exportAsyncApi') && palette.includes('eventModeler.exportEventCatalog'));
    const source = fs.readFileSync(path.join(REPO, 'src/extension/commands.ts'), 'utf8');
    for (const id of ['eventModeler.exportAsyncApi', 'eventModeler.exportEventCatalog'])
      assert.ok(source.includes(`registerCommand('${id}'`), `${id} is registered`);
  });
});
