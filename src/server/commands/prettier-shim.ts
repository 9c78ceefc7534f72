/**
 * What the code generator's json-schema-to-typescript needs from prettier (`format` of TypeScript),
 * without bundling prettier's every language plugin: the standalone build with the TypeScript and
 * estree plugins. scripts/build-extension.mjs aliases `prettier` to this file in dist/codegen.js
 * (keeps the .vsix small); the output is the same as prettier's Node entry.
 */
import * as standalone from 'prettier/standalone';
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';

export function format(source: string, options: Record<string, unknown> = {}): Promise<string> {
  return standalone.format(source, { ...options, plugins: [estree, typescript] });
}

export default { format };
