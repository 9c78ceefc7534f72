/**
 * Small models for the incremental-equals-from-scratch properties: every kind of cross-file
 * dependency the model rules follow (references, emitters and consumers, aggregates, pinned
 * versions, `$ref`s and their chains, a policy cycle through three contexts, relationships).
 */
import { generateSyntheticModel } from '../../../bench/synthetic';
import { readTree, SAMPLE } from '../helpers/workspace';

const MANIFEST = `model: props
namespace: com.example.props
include: [contexts/*.yaml]
defaults:
  compatibility: BACKWARD
rules:
  naming: warning
  unconsumed-event: info
`;

const ALPHA = `context: Alpha
description: Accounts.
relationships:
  - upstream: Gamma
    patterns: [conformist]
aggregates:
  Account:
    id: accountId
commands:
  OpenAccount:
    aggregate: Account
    emits: [AccountOpened]
    schema:
      type: object
      required: [accountId]
      properties:
        accountId: { type: string }
  CloseAccount:
    aggregate: Account
    emits: [AccountClosed]
    schema: { $ref: ../schemas/ids.json }
events:
  AccountOpened:
    aggregate: Account
    versions:
      1:
        schema:
          type: object
          required: [accountId]
          properties:
            accountId: { type: string }
      2:
        schema:
          type: object
          required: [accountId, owner]
          properties:
            accountId: { type: string }
            owner: { type: string, maxLength: 20 }
  AccountClosed:
    aggregate: Account
    schema:
      $ref: ../schemas/ids.json
policies:
  OnShipped:
    when: Gamma.ParcelShipped@1
    issue: OpenAccount
readModels:
  Accounts:
    key: accountId
    from: [AccountOpened, Beta.PaymentTaken]
`;

const BETA = `context: Beta
relationships:
  - upstream: Alpha
    patterns: [customer-supplier]
aggregates:
  Payment:
    id: paymentId
commands:
  TakePayment:
    aggregate: Payment
    emits: [PaymentTaken]
    schema:
      type: object
      required: [paymentId]
      properties:
        paymentId: { type: string }
  Refund:
    emits: [Alpha.AccountClosed]
events:
  PaymentTaken:
    aggregate: Payment
    versions:
      1:
        schema:
          type: object
          required: [paymentId, accountId]
          properties:
            paymentId: { type: string }
            accountId: { type: string }
      2:
        downcast: true
        schema:
          type: object
          required: [paymentId]
          properties:
            paymentId: { type: string }
            accountId: { type: integer }
policies:
  OnOpened:
    when: Alpha.AccountOpened@1
    issue: TakePayment
`;

const GAMMA = `context: Gamma
relationships:
  - upstream: Beta
    patterns: [open-host-service]
commands:
  ShipParcel:
    emits: [ParcelShipped]
    schema:
      $ref: ../schemas/more.json#/defs/parcel
events:
  ParcelShipped:
    versions:
      1:
        schema:
          type: object
          properties:
            parcel: { type: string }
      2:
        schema:
          type: object
          required: [parcel]
          properties:
            parcel: { type: integer }
policies:
  OnPaid:
    when: Beta.PaymentTaken
    issue: ShipParcel
  Close:
    when: [Beta.PaymentTaken@2]
    issue: Alpha.CloseAccount
`;

const DELTA = `context: Delta
relationships:
  - partner: Gamma
    patterns: [partnership]
events:
  Pinged:
    schema:
      type: object
readModels:
  Pings:
    from: [Pinged, Gamma.ParcelShipped@1]
`;

const IDS = `{
  "type": "object",
  "required": ["accountId"],
  "properties": {
    "accountId": { "type": "string" },
    "more": { "$ref": "./more.json#/defs/x" }
  }
}
`;

const MORE = `{
  "defs": {
    "x": { "type": "string" },
    "parcel": { "type": "object", "properties": { "parcel": { "type": "string" } } },
    "loop": { "$ref": "#/defs/loop" }
  }
}
`;

/** Four contexts that refer to each other in every way the rules follow, and two schema files. */
export const LINKED: Record<string, string> = {
  'eventmodel.yaml': MANIFEST,
  'contexts/alpha.yaml': ALPHA,
  'contexts/beta.yaml': BETA,
  'contexts/gamma.yaml': GAMMA,
  'contexts/delta.yaml': DELTA,
  'schemas/ids.json': IDS,
  'schemas/more.json': MORE,
};

/** The bases the properties edit: the linked model, the retail sample, a small synthetic ring. */
export const BASES: Record<string, Record<string, string>> = {
  linked: LINKED,
  retail: readTree(SAMPLE),
  ring: generateSyntheticModel({ contexts: 5, eventsPerContext: 12, policiesPerContext: 2 }),
};
