import * as fs from 'node:fs';
import { Session } from 'node:inspector';

/** A V8 CPU profile as the inspector returns it (the fields used here). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Runs `fn` under the V8 sampling profiler (the same profiler as `node --cpu-prof`), writes the
 * profile (open it in Chrome DevTools or VS Code) and prints where the time went: the top frames
 * by self time, and the share of the `yaml` parser, of garbage collection and of the rest.
 */
export async function profile(file: string, fn: () => Promise<void> | void, top = 15): Promise<void> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, value) => (err ? reject(err) : resolve(value as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  await fn();
  const { profile: p } = await post<{ profile: CpuProfile }>('Profiler.stop');
  session.disconnect();
  fs.writeFileSync(file, JSON.stringify(p));
  summarise(p, file, top);
}

function summarise(p: CpuProfile, file: string, top: number): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/(node_modules\/)?/, '');
    const key = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    // The inspector's own `post` (collecting the profile at the end) is not the code measured.
    if (functionName === 'dispatch' && !url) {
      total -= dt;
      return;
    }
    const group = /node_modules\/yaml\//.test(url)
      ? 'yaml parser (lexer, parser, composer)'
      : functionName === '(garbage collector)'
        ? 'garbage collection'
        : functionName === '(idle)' || functionName === '(program)'
          ? 'idle / VM'
          : /node_modules\//.test(url)
            ? 'other libraries'
            : url
              ? 'Event Modeler'
              : 'native / builtins';
    self.set(key, (self.get(key) ?? 0) + dt);
    groups.set(group, (groups.get(group) ?? 0) + dt);
  });
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  console.log(`\n  CPU profile written to ${file} (${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [g, t] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`    ${pct(t)}  ${g}`);
  console.log('  top frames by self time:');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(t)}  ${k}`);
}
