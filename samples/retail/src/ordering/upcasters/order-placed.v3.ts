// Created by eventmodel for Ordering.OrderPlaced v3, which the model marks `upcast: true`.
// This file is yours: eventmodel never overwrites it. The generated upcaster chain calls this function
// for every stored v2 event it lifts to v3.
import type * as shared from '../../generated/shared-types';
import type { OrderPlacedV2, OrderPlacedV3 } from '../../generated/ordering/types';
import { totalOf } from '../money';

/** Orders placed before v2 carry no lines; v3 requires one, so they read as one unknown line. */
const UNKNOWN_LINE: shared.OrderLine = { sku: 'UNKNOWN', quantity: 1 };

/**
 * Translates Ordering.OrderPlaced v2 data into v3.
 * v3: Total as Money and required lines; v2 events are translated by an upcaster.
 */
export function upcastOrderPlacedV2ToV3(data: OrderPlacedV2): OrderPlacedV3 {
  const [first, ...rest] = data.lines ?? [];
  const lines: OrderPlacedV3['lines'] = first === undefined ? [UNKNOWN_LINE] : [first, ...rest];
  return { orderId: data.orderId, customerId: data.customerId ?? 'unknown', lines, total: totalOf(lines) };
}
