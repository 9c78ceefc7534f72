import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, Workspace } from '../core';
import { UsageError } from './errors';
import { NodeHost } from '../node/fs-host';

/** Opens DIR as a model workspace, or fails with a usage error (exit 2) when it is not one. */
export function loadWorkspace(dir: string): { workspace: Workspace; host: NodeHost; root: string } {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(`'${dir}' does not exist.`);
  }
  if (!stat.isDirectory()) throw new UsageError(`'${dir}' is not a folder; pass the folder that contains ${MANIFEST_FILE}.`);
  const host = new NodeHost(root);
  if (host.readFile(MANIFEST_FILE) === undefined) {
    throw new UsageError(`no ${MANIFEST_FILE} in '${dir}': run the command in (or pass) a model's workspace folder.`);
  }
  const workspace = new Workspace(host);
  return { workspace, host, root };
}
