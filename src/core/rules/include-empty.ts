import picomatch from 'picomatch';
import type { Rule } from './rule';

export const includeEmpty: Rule = {
  id: 'include-empty',
  defaultSeverity: 'error',
  doc: 'An `include` glob of the manifest matches no context file, so part of the model is silently missing.',
  scope: 'model',
  checkModel(model, report) {
    const manifest = model.manifest;
    if (!manifest || manifest.include.length === 0) return; // `schema` reports a missing include
    for (const glob of manifest.include) {
      const match = picomatch(glob.value.replace(/^\.\//, ''));
      if (model.contextFiles.some((f) => match(f))) continue;
      report({ message: `include '${glob.value}' matches no .yaml file in the workspace folder.`, location: glob.range });
    }
  },
};
