import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as AsyncApiExport from '../../node/asyncapi-export';
import type * as EventCatalogExport from '../../node/eventcatalog';
import { ExportTargetError } from '../../node/export-target';
import type { DiagnosticsScheduler } from '../features/diagnostics';
import type { ModelFolder } from '../workspace/model-folder';
import type { Environment, ExportParams, ExportResult } from '../../protocol/lsp-ext';

const RESTRICTED = 'Exports are disabled in Restricted Mode (they write files). Trust the workspace to export.';

/** `eventmodel export` for the editor: the same writers as the CLI, on the folder's current model. */
export async function exportModel(folder: ModelFolder, params: ExportParams, env: Environment, scheduler: DiagnosticsScheduler): Promise<ExportResult> {
  const t0 = performance.now();
  const done = (r: Partial<ExportResult>): ExportResult => ({ ok: false, files: [], notes: [], summary: '', ...r, ms: Math.round(performance.now() - t0) });
  if (!env.trusted) return done({ message: RESTRICTED });
  await scheduler.idle();
  const errors = folder.workspace.diagnostics('validation').filter((d) => d.severity === 'error');
  if (errors.length) return done({ message: `The model has ${errors.length} error(s); fix them (see Problems) before exporting.` });
  if (!params.force && occupied(params.output, params.target === 'eventcatalog' || Boolean(params.perContext))) {
    return done({ exists: true, message: `'${params.output}' ${params.target === 'asyncapi' && !params.perContext ? 'exists' : 'is not empty'}.` });
  }
  try {
    // Loaded on first use: the EventCatalog SDK and the YAML writer are not needed to start the server.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { writeAsyncApi } = require('../../node/asyncapi-export') as typeof AsyncApiExport;
    const { writeEventCatalog } = require('../../node/eventcatalog') as typeof EventCatalogExport;
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (params.target === 'asyncapi') {
      const report = writeAsyncApi(folder.model, { output: params.output, perContext: params.perContext, format: params.format, force: params.force });
      return done({ ok: true, files: report.files.map(uri), notes: report.notes, summary: `${report.files.length} AsyncAPI document(s) written` });
    }
    const report = await writeEventCatalog(folder.model, params.output, { force: Boolean(params.force) });
    const c = report.counts;
    return done({
      ok: true,
      files: report.files.map((f) => uri(`${report.root}/${f}`)),
      notes: report.notes,
      summary: `EventCatalog written: ${c.domains} domain(s), ${c.services} service(s), ${c.events} event and ${c.commands} command version(s), ${c.channels} channel(s)`,
    });
  } catch (err) {
    if (err instanceof ExportTargetError) return done({ message: err.message });
    throw err;
  }
}

function occupied(target: string, folder: boolean): boolean {
  try {
    const stat = fs.statSync(target);
    return folder ? !stat.isDirectory() || fs.readdirSync(target).length > 0 : true;
  } catch {
    return false;
  }
}

function uri(file: string): string {
  return pathToFileURL(file).href;
}
