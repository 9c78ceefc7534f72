// The generated app as the tests drive it. The generated code is compiled in a temp folder at test
// time, so these are the parts of its API the tests use, typed by hand (the generated types are
// checked by tsc when the model is built).
export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly dataschema: string;
  readonly subject?: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
  readonly [extension: string]: unknown;
}

export interface DeadLetterEntry {
  readonly consumer: string;
  readonly kind: 'policy' | 'readModel';
  readonly channel: string;
  readonly mode: 'push' | 'poll' | 'inline';
  readonly reason: string;
  readonly error: { readonly name: string; readonly message: string };
  readonly attempts: number;
  readonly envelope: CloudEvent;
}

export interface DeliveryReport {
  readonly policy: string;
  readonly mode: 'push' | 'poll';
  readonly delivered: { readonly event: { readonly metadata: { readonly eventId: string } }; readonly appendedAt: number };
  readonly outcome: { readonly status: 'delivered' | 'skipped' | 'dead-lettered'; readonly duplicate?: boolean; readonly attempts?: number };
  readonly finishedAt: number;
}

export interface AppOptions {
  readonly store?: 'memory' | { readonly postgresql: string };
  readonly push?: boolean;
  readonly consumers?: boolean | readonly string[];
  readonly instanceId?: string;
  readonly lockTimeoutSeconds?: number;
  readonly pollIntervalMs?: number;
  readonly shutdownSignals?: boolean;
  readonly onDelivery?: (report: DeliveryReport) => void;
  readonly log?: (message: string) => void;
}

export interface Command {
  readonly context: string;
  readonly type: string;
  readonly version?: number;
  readonly data: unknown;
  readonly headers?: Record<string, unknown>;
}

export type View = Record<string, unknown>;

export interface App {
  readonly store: {
    readonly kind: 'memory' | 'postgresql';
    readonly eventStore: {
      readStream(name: string): Promise<{ events: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[] }>;
      appendToStream(name: string, events: unknown[], options?: unknown): Promise<unknown>;
    };
  };
  send(
    command: Command,
    options?: { commandId?: string; correlationId?: string; headers?: Record<string, unknown> },
  ): Promise<{ streamName: string; events: CloudEvent[]; duplicate: boolean }>;
  receive(envelope: unknown, options?: { channel?: string }): Promise<{ streamName: string; envelope: CloudEvent; duplicate: boolean }>;
  readModel(name: string): {
    get(key?: string): Promise<View | null>;
    list(): Promise<View[]>;
    find(filter: View): Promise<View[]>;
    readonly queries: Record<string, (request?: unknown) => Promise<View | View[] | null>>;
  };
  events(): Promise<CloudEvent[]>;
  deadLetters(channel?: string): Promise<DeadLetterEntry[]>;
  settle(options?: { timeoutMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/** The generated index module. */
export interface Generated {
  createApp(options?: AppOptions): App;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly model: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly runtime: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [context: string]: any;
}

/** The stored event types of one stream, in order (`Context.Event`). */
export async function streamTypes(app: App, streamName: string): Promise<string[]> {
  const { events } = await app.store.eventStore.readStream(streamName);
  return events.map((event) => event.type);
}

/** `<Context>.<Event>` of an envelope (its type is `<namespace>.<context>.<Event>.v<n>` under payload versioning). */
export function eventName(envelope: CloudEvent): string {
  return envelope.type.split('.').slice(-2, -1)[0]!;
}
