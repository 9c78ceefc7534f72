import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleSystem } from '../core/codegen';

/**
 * The module system Node gives the generated files when the manifest's `generate.module` sets none:
 * the `"type"` of the nearest package.json above the output folder (Node's own rule, usually the
 * workspace's package.json): `"module"` → `esm`, anything else or none → `commonjs`.
 */
export function packageModuleSystem(root: string, outDir: string): { module: ModuleSystem; packageJson?: string } {
  let dir = path.resolve(root, outDir);
  for (;;) {
    if (path.basename(dir) === 'node_modules') break;
    const file = path.join(dir, 'package.json');
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as { type?: unknown };
        return { module: json !== null && typeof json === 'object' && json.type === 'module' ? 'esm' : 'commonjs', packageJson: file };
      } catch {
        // Node itself refuses an invalid package.json; generate CommonJS and let the build say why.
        return { module: 'commonjs', packageJson: file };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { module: 'commonjs' };
}
