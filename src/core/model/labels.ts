import type { AnyDefinition } from './types';

/** How each kind of definition is named in messages ("read model", not "readModel"). */
export const KIND_LABEL: Record<AnyDefinition['kind'], string> = {
  context: 'context',
  aggregate: 'aggregate',
  command: 'command',
  event: 'event',
  policy: 'policy',
  readModel: 'read model',
  actor: 'actor',
  externalSystem: 'external system',
};
