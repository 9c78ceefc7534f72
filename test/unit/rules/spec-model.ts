/**
 * The model the spec rules are tested on: context Shop with a Cart (AddItem → ItemAdded v1/v2 |
 * ItemRejected), an Order (PlaceOrder → OrderPlaced), the policy OrderWhenAdded (ItemAdded@1 →
 * PlaceOrder) and the read model CartView (ItemAdded, ItemRejected; keyed by cartId). Specs go in
 * `specs/shop.yaml` (line 1 is its first line) or inline, under the owner `inline` names.
 */
import { MANIFEST, model, yaml, type Files } from '../helpers/rule-tester';

export const SPEC_MANIFEST = MANIFEST + 'specs: [specs/*.yaml]\n';

const SHOP = yaml`
  context: Shop
  aggregates:
    Cart: { id: cartId }
    Order: { id: orderId }
  commands:
    AddItem:
      aggregate: Cart
      emits: [ItemAdded, ItemRejected]
      schema: { type: object, required: [cartId, sku, quantity], properties: { cartId: { type: string }, sku: { type: string }, quantity: { type: integer, minimum: 1 } } }
    PlaceOrder:
      aggregate: Order
      emits: [OrderPlaced]
      schema: { $ref: ../schemas/place-order.json }
  events:
    ItemAdded:
      aggregate: Cart
      versions:
        1: { schema: { type: object, required: [cartId, sku], properties: { cartId: { type: string }, sku: { type: string } } } }
        2: { schema: { type: object, required: [cartId, sku, quantity], additionalProperties: false, properties: { cartId: { type: string }, sku: { type: string }, quantity: { type: integer } } } }
    ItemRejected:
      aggregate: Cart
      schema: { type: object, required: [cartId, reason], properties: { cartId: { type: string }, reason: { enum: [out-of-stock, unknown-sku] } } }
    OrderPlaced:
      aggregate: Order
      schema: { type: object, required: [orderId, cartId], properties: { orderId: { type: string }, cartId: { type: string }, placedAt: { type: string, format: date-time } } }
  policies:
    OrderWhenAdded:
      when: ItemAdded@1
      issue: PlaceOrder
  readModels:
    CartView:
      from: [ItemAdded, ItemRejected]
      key: cartId
      schema: { type: object, required: [cartId], properties: { cartId: { type: string }, skus: { type: array, items: { type: string } }, rejected: { type: integer } } }
`;

const PLACE_ORDER = JSON.stringify({
  type: 'object',
  required: ['orderId', 'cartId'],
  properties: { orderId: { type: 'string', format: 'uuid' }, cartId: { type: 'string' }, lines: { type: 'array', items: { $ref: 'line.json' } } },
});
const LINE = JSON.stringify({ type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } });

/** Line numbers of the owners in contexts/shop.yaml, for inline specs. */
export const SHOP_LINES = SHOP.split('\n').length - 1;

/** The Shop model with a spec file (`specs/shop.yaml`) and optionally a YAML block appended to shop.yaml (inline specs). */
export function shop(specFile: string | undefined, options: { append?: string; manifest?: string; more?: Files } = {}): Files {
  const files: Files = {
    'schemas/place-order.json': PLACE_ORDER,
    'schemas/line.json': LINE,
    ...options.more,
  };
  if (specFile !== undefined) files['specs/shop.yaml'] = specFile;
  return model({ shop: SHOP + (options.append ?? '') }, { manifest: options.manifest ?? SPEC_MANIFEST, files });
}
