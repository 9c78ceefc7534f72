import * as path from 'node:path';
import { stringify } from 'yaml';
import type { Model } from '../core';
import { exportAsyncApi } from '../core/export/asyncapi';
import { ExportFolder, writeExportFile } from './export-target';

/** Writes the AsyncAPI export (CLI and editor alike): one file, or one file per context in a folder. */

export interface AsyncApiWriteOptions {
  /** The file (or, per context, the folder) to write. */
  output: string;
  perContext?: boolean;
  /** Default: from the output's extension (`.json`), else YAML. */
  format?: 'yaml' | 'json';
  force?: boolean;
}

export interface AsyncApiWriteReport {
  /** Absolute paths written. */
  files: string[];
  notes: string[];
}

export function renderAsyncApi(document: unknown, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(document, null, 2) + '\n' : stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export function writeAsyncApi(model: Model, options: AsyncApiWriteOptions): AsyncApiWriteReport {
  const format = options.format ?? (/\.json$/i.test(options.output) ? 'json' : 'yaml');
  const result = exportAsyncApi(model, { perContext: options.perContext });
  if (!options.perContext) {
    writeExportFile(options.output, renderAsyncApi(result.documents[0].document, format), Boolean(options.force));
    return { files: [path.resolve(options.output)], notes: result.notes };
  }
  const folder = ExportFolder.open(options.output, Boolean(options.force));
  for (const d of result.documents) folder.write(format === 'json' ? d.fileName.replace(/\.yaml$/, '.json') : d.fileName, renderAsyncApi(d.document, format));
  return { files: folder.finish().map((f) => path.join(folder.root, f)), notes: result.notes };
}
