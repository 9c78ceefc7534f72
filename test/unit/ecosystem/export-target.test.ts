import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORT_MARKER, ExportFolder, ExportTargetError, writeExportFile } from '../../../src/node/export-target';
import { writeTemp } from '../helpers/workspace';

describe('export targets (files and folders an export may write)', () => {
  it('refuses paths and symlinks that leave the folder', () => {
    const parent = writeTemp({ 'outside/secret.txt': 'keep' });
    const folder = ExportFolder.open(path.join(parent, 'out'), false);
    assert.throws(() => folder.write('../escape.txt', 'x'), ExportTargetError);
    fs.symlinkSync(path.join(parent, 'outside'), path.join(parent, 'out', 'link'), 'dir');
    assert.throws(() => folder.write('link/secret.txt', 'x'), /symlink leads outside/);
    assert.equal(fs.readFileSync(path.join(parent, 'outside/secret.txt'), 'utf8'), 'keep');
    assert.ok(!fs.existsSync(path.join(parent, 'escape.txt')));
  });

  it('--force removes exactly the files of the earlier export (from its marker), keeping the others', () => {
    const parent = writeTemp({});
    const out = path.join(parent, 'out');
    const first = ExportFolder.open(out, false);
    first.write('a/one.yaml', '1');
    first.write('a/two.yaml', '2');
    assert.deepEqual(first.finish(), ['a/one.yaml', 'a/two.yaml']);
    fs.writeFileSync(path.join(out, 'mine.txt'), 'mine');
    assert.throws(() => ExportFolder.open(out, false), /not empty; pass --force/);
    const second = ExportFolder.open(out, true);
    assert.ok(!fs.existsSync(path.join(out, 'a')), 'the earlier export (and its emptied folder) is gone');
    second.write('b/three.yaml', '3');
    second.finish();
    assert.deepEqual(fs.readdirSync(out).sort(), [EXPORT_MARKER, 'b', 'mine.txt']);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, EXPORT_MARKER), 'utf8')).files, ['b/three.yaml']);
  });

  it('a single file is not replaced without force, and a folder is not a file', () => {
    const parent = writeTemp({ 'x.yaml': 'old' });
    assert.throws(() => writeExportFile(path.join(parent, 'x.yaml'), 'new', false), /exists; pass --force/);
    writeExportFile(path.join(parent, 'x.yaml'), 'new', true);
    assert.equal(fs.readFileSync(path.join(parent, 'x.yaml'), 'utf8'), 'new');
    assert.throws(() => writeExportFile(parent, 'x', true), /is a folder/);
    assert.throws(() => ExportFolder.open(path.join(parent, 'x.yaml'), true), /is a file/);
  });
});
