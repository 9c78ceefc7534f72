import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';

const ajv7 = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const ajv2020 = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
const ajv04 = new AjvDraft04({ strict: false, allErrors: false, validateFormats: false });

const KEYWORDS_2020 = [
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'dependentRequired',
  'minContains',
  'maxContains',
  '$defs',
];

function uses2020(schema: unknown): boolean {
  const text = JSON.stringify(schema);
  return KEYWORDS_2020.some((k) => text.includes(`"${k}"`));
}

/** Draft-04: says so, or writes an exclusive bound as a boolean. */
function usesDraft04(schema: unknown): boolean {
  const text = JSON.stringify(schema);
  return text.includes('json-schema.org/draft-04/') || /"exclusive(Minimum|Maximum)":(true|false)/.test(text);
}

/** Validates with a real validator (draft-07, or draft-04 / 2020-12 when the schema uses their keywords). */
export function valid(schema: unknown, data: unknown): boolean {
  const validator = usesDraft04(schema) ? ajv04 : uses2020(schema) ? ajv2020 : ajv7;
  return validator.validate(schema as object, data) as boolean;
}

export function obj(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'object', properties, ...extra };
}

export const S = { type: 'string' } as const;
export const N = { type: 'number' } as const;
export const I = { type: 'integer' } as const;
