import * as os from 'node:os';

/** Timing helpers of `npm run bench`: medians and percentiles over many runs, figures beside their floors. */

export function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** The 1-, 5- and 15-minute load averages and the core count: the machine may be shared. */
export function load(): string {
  const [a, b, c] = os.loadavg();
  return `load average ${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} on ${os.cpus().length} cores`;
}

/** One line: what, the figure, its floor measured in the same run, and the target. */
export function row(label: string, value: string, floor = '', target = ''): void {
  console.log(`  ${label.padEnd(54)} ${value.padStart(22)}   ${floor.padEnd(44)} ${target}`);
}

export function header(title: string): void {
  console.log(`\n${title} (${load()})`);
  row('', 'figure', 'floor (same run)', 'target');
}

/** `median m, p95 p` of a sample. */
export function spread(xs: readonly number[]): string {
  return `median ${fmt(median(xs))}, p95 ${fmt(percentile(xs, 95))}`;
}
