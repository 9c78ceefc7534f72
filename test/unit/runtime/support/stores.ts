// The two stores every runtime suite runs against.
import { freshDatabase } from './postgres';

export interface StoreUnderTest {
  readonly name: string;
  /** App options for a fresh store, and how to clean it up. */
  open(): Promise<{ options: { store: 'memory' | { postgresql: string } }; dispose(): Promise<void> }>;
}

export const MEMORY: StoreUnderTest = { name: 'in memory', open: async () => ({ options: { store: 'memory' }, dispose: async () => undefined }) };

export const POSTGRESQL: StoreUnderTest = {
  name: 'PostgreSQL',
  open: async () => {
    const database = await freshDatabase();
    return { options: { store: { postgresql: database.url } }, dispose: () => database.drop() };
  },
};

export const STORES: readonly StoreUnderTest[] = [MEMORY, POSTGRESQL];

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
