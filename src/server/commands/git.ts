import { execFile } from 'node:child_process';
import type { GitRefsResult } from '../../protocol/lsp-ext';

/** Runs git in `cwd` (no shell; bounded time and output). */
export function git(cwd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, timeout: 30_000, maxBuffer, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
      if (err) reject(new Error((stderr || err.message).trim()));
      else resolve(stdout);
    });
  });
}

/** Branches, remote branches and tags, newest first, and the default branch to preselect. */
export async function listRefs(cwd: string, preferred?: string): Promise<GitRefsResult> {
  let out: string;
  try {
    out = await git(cwd, [
      'for-each-ref',
      '--sort=-committerdate',
      '--format=%(refname:short)\t%(refname)\t%(subject)',
      'refs/heads',
      'refs/remotes',
      'refs/tags',
    ]);
  } catch (err) {
    return { refs: [], message: `Not a git repository, or git is not available: ${(err as Error).message}` };
  }
  const refs: GitRefsResult['refs'] = [];
  for (const line of out.split('\n')) {
    const [name, full, subject] = line.split('\t');
    if (!name || full?.endsWith('/HEAD')) continue;
    const kind = full.startsWith('refs/tags/') ? 'tag' : full.startsWith('refs/remotes/') ? 'remote branch' : 'branch';
    refs.push({ name, description: `${kind}${subject ? ` · ${subject}` : ''}` });
  }
  refs.push({ name: 'HEAD', description: 'the last commit (compare unsaved and uncommitted changes)' });
  let defaultRef = preferred && refs.some((r) => r.name === preferred) ? preferred : undefined;
  if (!defaultRef) {
    try {
      defaultRef = (await git(cwd, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'])).trim() || undefined;
    } catch {
      /* no remote default */
    }
  }
  if (!defaultRef)
    defaultRef = ['main', 'master', 'origin/main', 'origin/master', 'trunk', 'develop'].find((n) => refs.some((r) => r.name === n)) ?? refs[0]?.name;
  return { refs, defaultRef };
}
