// Child processes of the fault tests, and the JSON lines they print.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface Delivery {
  readonly instanceId: string;
  readonly eventId: string;
  readonly status: string;
  readonly duplicate: boolean;
}

export interface Consumer {
  readonly process: ChildProcess;
  readonly deliveries: Delivery[];
  readonly started: Promise<void>;
  /** Resolves with the signal (or exit code) the process ended with. */
  readonly exited: Promise<string>;
  stderr(): string;
}

export function startConsumer(env: Record<string, string>): Consumer {
  const child = spawn(process.execPath, [path.join(__dirname, 'consumer-process.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const deliveries: Delivery[] = [];
  let buffer = '';
  let errors = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, newline)) as Partial<Delivery> & { started?: boolean };
      buffer = buffer.slice(newline + 1);
      if (line.started) markStarted();
      if (line.eventId !== undefined) deliveries.push(line as Delivery);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
  return { process: child, deliveries, started, exited, stderr: () => errors };
}
